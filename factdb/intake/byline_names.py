"""Whether a byline's piece names a person: a byline's author becomes a person source.

"By Popular Demand", "By The Numbers", "By Christmas" or "By Air and Sea" open a headline
or a line of text, not a byline; "By AP" credits a wire service, not a person. A piece is
taken for a person's name only when it has two words or more, does not open with an article
or a possessive, and is not made of calendar and common words alone ("By Easter Sunday",
"By Monday Morning"). A name that shares a word with them ("By Tom Day", "By Lena Winter")
stays a name. A reader wrongly left without an author may type one; a phrase recorded as an
author is a person who does not exist.
"""

from __future__ import annotations

import calendar

from factdb.intake.agencies import NEWS_AGENCIES

#: Words a byline's name never opens with: "By The Numbers", "By Our Reporter".
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "every",
        "all",
        "any",
        "some",
        "no",
    ]
)
_CALENDAR = {name.casefold() for name in (*calendar.day_name, *calendar.month_name) if name}
#: Calendar and common words a name is never made of alone ("By Christmas Eve", "By Popular Demand").
_NOT_NAMES = frozenset(
    _CALENDAR
    | set(
        [
            "christmas",
            "easter",
            "thanksgiving",
            "halloween",
            "hanukkah",
            "passover",
            "ramadan",
            "eid",
            "diwali",
            "lent",
            "advent",
            "new",
            "year",
            "years",
            "eve",
            "day",
            "days",
            "night",
            "nights",
            "noon",
            "midnight",
            "morning",
            "afternoon",
            "evening",
            "tonight",
            "today",
            "tomorrow",
            "yesterday",
            "weekend",
            "week",
            "weeks",
            "month",
            "months",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
            "popular",
            "demand",
            "request",
            "numbers",
            "design",
            "default",
            "accident",
            "chance",
            "contrast",
            "comparison",
            "far",
            "now",
            "then",
            "hand",
            "law",
            "order",
            "air",
            "sea",
            "land",
            "road",
            "rail",
            "mail",
            "post",
            "phone",
            "telephone",
            "email",
            "car",
            "bus",
            "train",
            "boat",
            "plane",
            "force",
            "nature",
            "choice",
            "degrees",
            "definition",
            "invitation",
            "appointment",
            "proxy",
            "virtue",
            "means",
            "accounts",
            "way",
            "large",
            "degree",
            "turns",
            "stealth",
            "storm",
            "surprise",
            "and",
        ]
    )
)


def is_agency(piece: str) -> bool:
    """Whether a byline's piece is a wire service ("AP", "Reuters"), which is no person."""
    return " ".join(piece.split()).casefold() in NEWS_AGENCIES


def is_person_name(piece: str) -> bool:
    """Whether a byline's piece reads as a person's name rather than a phrase or a date."""
    words = [word.casefold().strip(".") for word in piece.split()]
    if len(words) < 2 or words[0] in _OPENERS or is_agency(piece):
        return False
    return not all(word in _NOT_NAMES for word in words)
