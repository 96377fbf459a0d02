"""Words a verb of answering answers are not its subject's: "respond to an “urgent problem”".

"Responded", "replied" and "reacted" report their subject's words, but what stands after
their "to" is what was answered: another's question, a problem, a charge. Quoted there, the
words are whoever else's the sentence says (a parenthetical "he wrote"), never the subject's.
"""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.cues import is_negated

_ANSWERING = frozenset(
    {"respond", "responds", "responded", "responding", "reply", "replies", "replied",
     "replying", "react", "reacts", "reacted", "reacting"}
)  # fmt: skip


def answered(verb: Token, start: int) -> bool:
    """Whether quoted words beginning at character `start` of the parsed text stand in the
    phrase after `verb`'s "to": what it answers, not what its subject says."""
    if verb.lower_ not in _ANSWERING:
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and c.idx < start <= c.right_edge.idx
        for c in verb.children
    )


def unsaid_by_subject(verb: Token, start: int) -> bool:
    """Whether a cue's subject did not say quoted words at `start` the parse hangs from it:
    a clause of a negated verb ("has not explained how it “makes sense”"), or what it answers."""
    return (is_negated(verb) and verb.dep_ == "ccomp") or answered(verb, start)
