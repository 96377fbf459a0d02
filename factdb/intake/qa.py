"""Press-conference transcripts: a question or a topic, then the answer in quotation marks.

    Opening statement: "Today was a clear example of the fight of the team."
    On what he told the team at half-time "Keep the ball."
    (on the intercepted pass) "He was wide open."
    (How is the quarterback feeling?) – "Better than yesterday."
    ON THE DEFENCE
    Q: "Are you ready for the final?"
    A: "I have never felt better."

An answer has no cue of its own: it is the words of whoever the transcript is of, named in
the heading or the sentence above it ("Here's what coach Dan Quinn said after the game:") or
by the answer before. A question is the reporter's, never the speaker's.
"""

from __future__ import annotations

import re

QUESTION, ANSWER, TOPIC = "question", "answer", "topic"

_TOPIC_WORDS = r"(?:on|about|asked|regarding|re|opening|closing|final|thoughts\s+on)"
#: "(on the intercepted pass)", and a reporter's question in brackets before its answer,
#: "(How is the quarterback feeling?) –"; either may end in a dash or a colon.
_PARENTHESISED = re.compile(
    rf"^\((?:\s*{_TOPIC_WORDS}\b[^()]{{0,120}}|[^()]{{3,400}}\?)\)\s*[–—:-]?$", re.IGNORECASE
)
#: A topic in capitals on a line of its own: "ON THE DEFENCE", "ON HIS FUTURE:".
_CAPITALS = re.compile(r"^(?:ON|ABOUT|REGARDING)\s+[A-Z][A-Z0-9'’ ,-]{1,80}:?$")
_COLON = re.compile(rf"^{_TOPIC_WORDS}\b[^\"“”:!?]{{0,200}}:$", re.IGNORECASE)
#: A topic run into its answer with no colon: "Opening statement “…”", "On his goalkeeper “…”".
#: A capital after "On" is a date or a name ("On Tuesday the council …"), not a topic.
_RUN_IN = re.compile(
    r"^(?:[Oo]pening|[Cc]losing)\s+(?:statement|remarks|comments)$"
    r"|^(?:On|on|About|about|Regarding|regarding)\s+[a-z][^\"“”:;,.!?]{0,200}$"
)
_QUESTION = re.compile(r"^(?:q|question|reporter)\s*[:.]$", re.IGNORECASE)
_ANSWER = re.compile(r"^(?:a|answer)\s*[:.]$", re.IGNORECASE)


def label(lead: str) -> str | None:
    """What the words before a quotation at the start of a paragraph mark it as, if anything."""
    lead = " ".join(lead.split()).rstrip(" “\"'‘„«")
    if not lead:
        return None
    if _QUESTION.match(lead):
        return QUESTION
    if _ANSWER.match(lead):
        return ANSWER
    if (
        _PARENTHESISED.match(lead)
        or _COLON.match(lead)
        or _RUN_IN.match(lead)
        or _CAPITALS.match(lead)
    ) and len(lead.split()) <= 30:
        return TOPIC
    return None
