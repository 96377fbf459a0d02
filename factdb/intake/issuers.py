"""Who issued a statement, from the words around it: a later "the statement said" is theirs.

Besides "a statement from the ministry" and "the ministry's statement", news names an issuer
in a few more ways, read here from the parse:

- "a statement issued and signed by Ole Brekke … on behalf of the federation": the body it
  speaks for, before the officer who signed it;
- "a statement posted by the club": whoever the participle's agent is;
- "a statement on Vellmar United's website": whose page it stands on;
- "Kilby Rovers announced the move via a statement", "apologised in an advertisement":
  whoever acted in it (the subject of an active verb; never "he was named in a report");
- "a ministry statement": the body the noun before it names, as the article named it.

And "“…,” Nordwire reported, citing a ministry statement": the words are the statement's,
which the agency or paper only reports.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.groups import ORGANISATION_NOUNS

#: Prepositions that put a paper in the hands of whoever acted: "confirmed it in a tweet",
#: "announced via a statement", "said through a spokesman's letter".
IN_A_PAPER = frozenset({"in", "via", "through"})


def phrase_issuers(head: Token) -> list[Token]:
    """The words of the statement's own phrase that name its issuer, most direct first."""
    return [*_on_behalf_of(head), *_named_after(head), *_owners(head)]


def _named_after(head: Token) -> list[Token]:
    """ "a statement from the ministry", "a letter signed by Ana Ruiz": whom the words after
    the noun name as where it came from."""
    found = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
            found += [p for p in child.children if p.dep_ == "pobj"]
        if child.dep_ == "acl":  # "a statement issued by …", "a letter signed by …"
            verbs = (child, *(c for c in child.children if c.dep_ == "conj"))
            found += [
                p
                for verb in verbs
                for agent in verb.children
                if agent.dep_ == "agent"
                for p in agent.children
                if p.dep_ == "pobj"
            ]
    return found


def _owners(head: Token) -> list[Token]:
    """ "the club's statement", "a ministry statement", "a statement (posted) on the club's
    website": whose it is."""
    found = [c for c in head.children if c.dep_ == "poss"]
    found += [c for c in head.children if c.dep_ == "compound" and c.lower_ in ORGANISATION_NOUNS]
    # "a statement on the club's website", "the statement, posted on the club's website,"
    posted = [g for c in head.children if c.dep_ == "acl" for g in c.children]
    return found + [
        owner
        for child in [*head.children, *posted]
        if child.dep_ == "prep" and child.lower_ == "on"
        for page in child.children
        if page.dep_ == "pobj"
        for owner in page.children
        if owner.dep_ == "poss"
    ]


def actor_in(head: Token) -> list[Token]:
    """The subject of an active verb the statement was acted in: "announced … via a
    statement", "apologised to its customers in an advertisement"."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in IN_A_PAPER:
        return []
    verb = prep.head
    if verb.tag_.startswith("NN") and verb.dep_ == "dobj":  # "announced the move via a …"
        verb = verb.head
    if not verb.tag_.startswith("VB"):
        return []
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _on_behalf_of(head: Token) -> list[Token]:
    """ "… on behalf of the federation" after the statement in its sentence (the parser hangs
    it on whichever verb it likes): who the statement speaks for."""
    return [
        pobj
        for token in head.doc[head.i + 1 : head.sent.end]
        if token.lower_ == "behalf"
        for of in token.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for pobj in of.children
        if pobj.dep_ == "pobj"
    ]


_REPORTING = frozenset({"reported", "reports", "report", "reporting"})
_CITING = frozenset({"citing", "quoting"})


def cited_by_report(cue: Token) -> Token | None:
    """What a report cites, in "“…,” Nordwire reported, citing a ministry statement": the
    words are the cited one's, which the agency or paper reports second-hand. Only a name or
    a paper with its issuer: "AFP reported, citing a diplomat" stays the agency's report."""
    if cue.lower_ not in _REPORTING:
        return None
    cited = [
        obj
        for child in cue.children
        if child.dep_ in {"advcl", "xcomp", "conj"} and child.lower_ in _CITING
        for obj in child.children
        if obj.dep_ == "dobj"
    ]
    # a name, or a paper whose issuer is named; "citing a diplomat" leaves the agency's report
    if cited and (cited[0].tag_ in {"NNP", "NNPS"} or phrase_issuers(cited[0])):
        return cited[0]
    return None


def saying_under(cue: Token) -> Token:
    """ "The statement quoted Health Minister Ana Ruiz as saying:": where the verb of quoting
    was taken for the cue, the "saying" under it, whose speaker is the one quoted (never the
    statement or the paper that quotes her)."""
    if cue.lower_ not in {"quoted", "quotes", "quoting", "cited", "cites", "citing"}:
        return cue
    saying = [
        p
        for prep in cue.children
        if prep.dep_ == "prep" and prep.lower_ == "as"
        for p in prep.children
        if p.dep_ == "pcomp" and p.tag_ == "VBG"
    ]
    return saying[0] if saying else cue


def issues_a_statement(verb: Token) -> bool:
    """ "The Harwick Gazette issued a statement on Tuesday.": a sentence whose verb gives out
    a statement, so a paragraph that is only a quotation after it is the issuer's words."""
    return verb.lower_ in {"issued", "released", "published"} and any(
        c.dep_ == "dobj" and c.lower_ in {"statement", "response"} for c in verb.children
    )
