"""The words a quotation hangs from, up to the clause a cue like "according to" sits on.

"According to him, workers are not stupid, nor do they enjoy losing their “hard-earned
wages”": the quoted words hang from "losing", which hangs from "enjoy", which is joined to
"are", the verb "according to him" sits on. Read up to a verb of saying and no further: past
it, the words are that verb's subject's, not whoever "according to" names.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from factdb.intake.cues import is_cue

#: How far up the parse the clause is looked for.
_STEPS = 6


def with_governors(inside: list[Token]) -> Iterator[Token]:
    """The quotation's own words, then the words above it, nearest first, stopping at a cue."""
    yield from inside
    members = {t.i for t in inside}
    token = next((t for t in inside if t.head.i not in members and t.head != t), None)
    for _ in range(_STEPS):
        if token is None or token.head == token:
            return
        token = token.head
        if token.i in members or is_cue(token):
            return
        yield token
