"""Which organisation named before a description like "the company" or "the union" can mean:
one of its kind, and never a place."""

from __future__ import annotations

from spacy.tokens import Span

from factdb.intake.groups import COMMERCIAL, ORGANISATION_NAME_WORDS, PUBLIC_BODY_WORDS

#: Words naming a body of some kind that no newspaper or station is named by.
_BODY_KIND_WORDS = ORGANISATION_NAME_WORDS - {"newspaper", "paper", "network"}

#: Prepositions a place stands after: "the plant on Marshside", "a factory in Tarnby".
_WHERE = frozenset({"in", "on", "at"})

#: Nouns for a site, after which "on Marshside" or "at Tarnby" is where it is, not a body.
_SITES = frozenset(
    {"plant", "factory", "site", "mill", "works", "depot", "warehouse", "store", "shop",
     "office", "offices", "branch", "base", "yard", "centre", "center", "mine", "port"}
)  # fmt: skip


def says_its_kind(name: str, head: str) -> bool:
    """Whether a body given the words is still what "the ministry" or "the company" means: its
    name says what it is ("Ministry of Transport", "Harbour Ports Ltd", sent a letter and
    answering), where an outlet's ("Harwick Gazette") does not."""
    words = set(name.casefold().split())
    return head in words or bool(words & _BODY_KIND_WORDS)


def fits_kind(name: str, head: str | None) -> bool:
    """Whether "the company" can mean the body named `name`: a company is no union, ministry
    or council ("Ann Pryce from the Metalworkers Union" before "the company says")."""
    return not (head in COMMERCIAL and PUBLIC_BODY_WORDS & set(name.casefold().split()))


def is_a_site(ent: Span) -> bool:
    """Whether a name the recogniser took for an organisation is where a site stands ("the
    towbar plant on Marshside", read from the words alone, parsed or not): a place, which
    never speaks for a company."""
    doc = ent.doc
    if ent.start < 2 or set(ent.text.casefold().split()) & _BODY_KIND_WORDS:
        return False
    return doc[ent.start - 1].lower_ in _WHERE and doc[ent.start - 2].lower_ in _SITES
