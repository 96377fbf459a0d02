"""A body's name that opens with a plural and runs on after "for" or "of": `the Centers for
Disease Control and Prevention`, `Physicians for Fair Care`, `Friends of the Harwick Moors`.

The parse makes the plural the head and hangs the rest on it as a phrase; read as a name, the
plural alone ("Centers") was given the words, as a person. A person's name is never a plural,
and a singular one with "of" after it is often a person's (`Lena Holt of the Harwick Institute`,
`the Duke of Harwick`): those are left to the other rules.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.mentions import ORGANISATION, Named
from factdb.intake.phrases import span_text, without_article
from factdb.intake.roles import HONORIFICS, TITLE_WORDS, bare_word, is_person_noun

#: Small words inside a body's name: "Disease Control and Prevention", "Arts & Sciences".
_JOINING = frozenset({"and", "&", "of", "for", "the", "on", "-"})


def institution(head: Token, core: list[Token]) -> Named | None:
    """The organisation a plural proper noun with "for …" or "of …" in capitals after it names;
    never people described ("Residents of Harwick", "Officers of the Watch")."""
    word = bare_word(head)
    if (
        not core
        or head.tag_ != "NNPS"
        or head.ent_type_ in {"PERSON", "GPE", "NORP", "LOC"}
        or is_person_noun(word)
        or word in TITLE_WORDS
        or word in HONORIFICS
    ):
        return None
    after = next((c for c in head.rights), None)
    if after is None or after.dep_ != "prep" or after.lower_ not in {"of", "for"}:
        return None
    words = list(after.subtree)
    if after.i != core[-1].i + 1 or not all(_in_a_name(w) for w in words[1:]):
        return None
    if not words[-1].text[:1].isupper() or len(words) < 2:
        return None
    name = without_article(span_text([*core, *words]))
    return Named(name, ORGANISATION, how="organisation named", confidence=0.85)


def _in_a_name(token: Token) -> bool:
    """A capitalised word, a small joining word, or the rest of a hyphenated capitalised one."""
    if token.text[:1].isupper() or token.lower_ in _JOINING:
        return True
    before = token.doc[token.i - 1]
    return before.text == "-" and not before.whitespace_
