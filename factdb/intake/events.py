"""Named events ("Wimbledon", "the Olympics"): somebody speaks for them, but they never speak."""

from __future__ import annotations

from spacy.tokens import Token

from factdb.intake.mentions import VAGUE, Named
from factdb.intake.phrases import span_text, without_article

#: Last words of an event's name: "the Australian Open", "the Paris Games", "the Boston Marathon".
EVENT_WORDS = frozenset(
    [
        "olympics",
        "paralympics",
        "games",
        "open",
        "cup",
        "marathon",
        "prix",
        "championship",
        "championships",
        "tournament",
        "festival",
        "regatta",
        "derby",
        "bowl",
        "series",
        "classic",
        "rally",
        "biennale",
        "expo",
    ]
)
#: Events known by one name that the recogniser takes for a place or a work.
EVENT_NAMES = frozenset({"wimbledon", "glastonbury", "eurovision", "coachella"})


def event_speaker(head: Token, core: list[Token]) -> Named | None:
    """A vague speaker for an event named as the subject: who spoke for it is not said."""
    if not _names_event(head, core):
        return None
    name = without_article(span_text(core))
    return Named(
        name,
        VAGUE,
        how=f"{name} is an event: who spoke for it is not named",
        confidence=0.4,
    )


def _names_event(head: Token, core: list[Token]) -> bool:
    """Whether the phrase names an event: by the recogniser, a known name, or "the … Open"."""
    if any(t.ent_type_ == "PERSON" for t in core):
        return False
    if any(t.ent_type_ == "EVENT" for t in core):
        return True
    if len(core) == 1 and head.lower_ in EVENT_NAMES:
        return True
    # "the Open University" is no event: only the last word, or "Tour de …", names one.
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return definite and (head.lower_ in EVENT_WORDS or core[0].lower_ == "tour")
