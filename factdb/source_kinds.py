"""Guess what kind of source a new name is (person, government body, media…) from the name alone.

Used wherever a name arrives without a kind: a document's new author, a new speaker typed in
the claim form, a speaker the intake proposes.
"""

from __future__ import annotations

import re

from factdb.vocab import SourceKind

_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|office|department|government|council|committee|agency|institute|"
    r"centre|center|foundation|association|university|bank|commission|service|services|press|"
    r"news|times|post|journal|group|party|parliament|senate|embassy|union|forum|"
    r"organi[sz]ation|company|inc|ltd|llc|plc|gmbh|corp|corporation|reuters|associated|"
    r"hospital|clinic|school|college|academy|airlines?|airways|railways?|transit|motors|"
    r"holdings|partners|fc|afc|club|league|federation|society|trust|fund|board|"
    r"laboratory|observatory|museum|library|alliance|coalition|network)\b",
    re.IGNORECASE,
)
_THINK_TANK_WORDS = re.compile(r"\b(institute|centre|center|foundation|forum)\b", re.IGNORECASE)
#: Public bodies, including those named by a place and a service ("Vesterhavn Police",
#: "Statistics Vesterhavn"), which read like a person's two names.
_GOVERNMENT_WORDS = re.compile(
    r"\b(ministry|government|office of|department|embassy|parliament|senate|presidential|"
    r"police|constabulary|sheriff'?s?|statistics|fire and rescue|fire service|coastguard|"
    r"coast guard|customs|prosecutor'?s? office|prosecution service|municipality|"
    r"city council|county council|city hall|directorate|secretariat|armed forces)\b",
    re.IGNORECASE,
)
_MEDIA_WORDS = re.compile(
    r"\b(gazette|herald|tribune|daily|weekly|radio|television|tv|broadcasting|"
    r"newspaper|magazine|chronicle|courier|dispatch)\b",
    re.IGNORECASE,
)


def guess_source_kind(name: str) -> SourceKind:
    """Guess whether a new author is a person or which kind of body, from the name alone."""
    if "," in name:
        return SourceKind.PERSON
    if _GOVERNMENT_WORDS.search(name):
        return SourceKind.GOVERNMENT
    if _MEDIA_WORDS.search(name):
        return SourceKind.MEDIA
    if _THINK_TANK_WORDS.search(name):
        return SourceKind.THINK_TANK
    if _ORGANISATION_WORDS.search(name):
        return SourceKind.ORGANISATION
    words = name.split()
    if 2 <= len(words) <= 4 and all(word[:1].isupper() or word.islower() for word in words):
        return SourceKind.PERSON
    return SourceKind.ORGANISATION
