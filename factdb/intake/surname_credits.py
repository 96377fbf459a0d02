"""A quotation credited by a surname and a colon, as headlines write it: `Brenner: “…”`,
`“…”: Brenner`. The surname alone proves nothing; it names the person the article names in
full with that surname, or nobody."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import PERSON, Mentions


def by_surname(words: list[Token], mentions: Mentions, offset: int, how: str) -> Attribution | None:
    """The person named in full elsewhere whom one or two capitalised words stand for."""
    words = [t for t in words if not t.is_punct]
    if not 1 <= len(words) <= 2 or not all(t.text[:1].isupper() and t.is_alpha for t in words):
        return None
    written = " ".join(t.text for t in words)
    start = words[0].idx + offset
    full = mentions.full_name(written, start)
    if " " not in full or full.casefold().split()[-1] != words[-1].lower_:
        return None  # nobody named in full with that surname, or only a close spelling
    span = (start, words[-1].idx + len(words[-1].text) + offset)
    sentence = words[0].sent.text
    how = f"{how}; “{written}” is {full}, named in full elsewhere"
    return Attribution(full, mentions.roles.get(full), PERSON, None, 0.6, how, sentence, None, span)
