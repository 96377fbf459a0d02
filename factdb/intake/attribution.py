"""What an attribution says: who spoke the words, by which cue, how sure, and why."""

from __future__ import annotations

from dataclasses import dataclass

from factdb.intake.mentions import NONE


@dataclass
class Attribution:
    """Who spoke a quotation, by which cue, how sure, and the evidence for the reviewer."""

    name: str | None
    role: str | None
    kind: str
    cue: str | None
    confidence: float
    how: str
    sentence: str
    #: Offsets of the cue word in the text, for highlighting.
    cue_span: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None
    #: Offsets of the sentence holding the cue.
    sentence_span: tuple[int, int] | None = None
    #: For a name or a title in quotation marks, nobody's words: the speaker its sentence's
    #: cue gives, whom a later quotation with no cue of its own may continue.
    sentence_speaker: Attribution | None = None
    #: Each name, for words several people said jointly (the name joins them, the kind is vague).
    joint: tuple[str, ...] = ()

    def speaking(self) -> Attribution | None:
        """Who speaks at this quotation for one after it to continue: its speaker, or for a
        title set off in quotation marks the speaker its sentence's cue gives (`India declared
        "Operation X", claiming it hit "…"`)."""
        return self if self.kind != NONE else self.sentence_speaker

    @classmethod
    def nobody(cls, sentence: str) -> Attribution:
        """No speaker found: the quotation is proposed unattributed."""
        return cls(
            None, None, NONE, None, 0.0, "no cue, heading or earlier speaker found", sentence
        )


@dataclass
class Reported:
    """Reported speech without quotation marks: "X said that …"."""

    start: int
    end: int
    attribution: Attribution


def inherit(source: Attribution, confidence: float, how: str) -> Attribution:
    """Another quotation's speaker, at no more than `confidence`, with its own reason."""
    return Attribution(
        source.name,
        source.role,
        source.kind,
        source.cue,
        min(confidence, source.confidence),
        how,
        source.sentence,
        None,
        None,
        source.sentence_span,
        joint=source.joint,
    )
