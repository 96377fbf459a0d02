"""Entities near a token, read from the tokens' own entity marks.

`Doc.ents` and `Span.ents` build every entity of the paragraph on each call; a rule that asks
once per quotation is then quadratic in one long paragraph of many quotations. These read only
the tokens asked about, and give the same spans.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def _entity_from(doc: Doc, start: int) -> Span:
    """The entity that begins at token `start`, as far as its inside marks run."""
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def entities_from(doc: Doc, first: int, last: int) -> list[Span]:
    """The entities that begin at a token from `first` to `last`, both included, in order."""
    return [
        _entity_from(doc, index)
        for index in range(max(first, 0), min(last + 1, len(doc)))
        if doc[index].ent_iob_ == "B" and doc[index].ent_type_
    ]


def entities_within(span: Span) -> list[Span]:
    """The entities wholly inside a span (a sentence), as `Span.ents` gives them."""
    return [e for e in entities_from(span.doc, span.start, span.end - 1) if e.end <= span.end]


def entity_over(token: Token) -> Span | None:
    """The entity a token is part of, or None."""
    if token.ent_iob_ not in {"B", "I"}:
        return None
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    return _entity_from(token.doc, start) if token.doc[start].ent_type_ else None


def inside_organisation(token: Token) -> bool:
    """Whether the recogniser read a word inside an organisation's name that runs on past it
    ("CFO" in "Nordwind Energy CFO Lena Holt"): the words after it are then a person's."""
    ent = entity_over(token)
    return ent is not None and ent.label_ == "ORG" and ent.start < token.i < ent.end - 1


def after_the(ent: Span) -> bool:
    """Whether a one-word entity stands right after "the", as no person's name does ("told
    the Gazette"): a paper's, a ship's or a building's name the recogniser took for a person."""
    return len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the"


def reporting_paper(root: Token) -> bool:
    """Whether a name is a paper passing words on, "the Harwick Tribune reported", whatever
    the recogniser took it for: after "the", as no person's name stands, the subject of
    "reported"."""
    return (
        root.dep_ == "nsubj"
        and root.head.lower_ in {"reported", "reports"}
        and any(t.lower_ == "the" for t in root.lefts)
    )
