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


#: Role words written before a person's name ("Police Chief Dana Lark", "Customs officer Ivo
#: Lind"): the body words in front of them are the person's role, not the source.
_TITLE_WORDS = frozenset(
    [
        "chief",
        "officer",
        "sheriff",
        "constable",
        "inspector",
        "detective",
        "sergeant",
        "commissioner",
        "superintendent",
        "minister",
        "secretary",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "mayor",
        "governor",
        "senator",
        "president",
        "chair",
        "chairman",
        "chairwoman",
        "head",
        "deputy",
        "manager",
        "coach",
        "editor",
        "reporter",
        "correspondent",
        "judge",
        "justice",
        "prosecutor",
        "attorney",
        "ambassador",
        "general",
        "colonel",
        "captain",
        "lieutenant",
        "dr",
        "prof",
        "professor",
        "councillor",
        "councilor",
        "representative",
        "rep",
        "sen",
        "gov",
    ]
)
#: Body words that are also people's surnames: "Lena Board" and "Jo Daily" are people; a body
#: named with one of them takes more words ("Northvale Harbour Board", "Northvale Daily Gazette").
_SURNAME_WORDS = frozenset(
    [
        "board",
        "trust",
        "society",
        "fund",
        "club",
        "daily",
        "herald",
        "courier",
        "dispatch",
        "weekly",
        "league",
    ]
)
_BODY_WORDS = (_GOVERNMENT_WORDS, _MEDIA_WORDS, _THINK_TANK_WORDS, _ORGANISATION_WORDS)


def _is_body_word(word: str) -> bool:
    return any(pattern.search(word) for pattern in _BODY_WORDS)


def _reads_as_person(words: list[str]) -> bool:
    """A name whose body words are a role before it, or a surname that is also such a word."""
    if len(words) < 2 or not all(word[:1].isupper() for word in words[-2:]):
        return False
    if len(words) == 2:
        return words[1].casefold() in _SURNAME_WORDS and not _is_body_word(words[0])
    titled = words[-3].casefold().rstrip(".") in _TITLE_WORDS
    return titled and not any(_is_body_word(word) for word in words[-2:])


#: A newsroom credited as author: "Harwick Wire Staff", "Staff, Harwick Wire", "Staff of the
#: Harwick Wire". Its comma is no "Family, Given": staff are never a person.
STAFF = re.compile(
    r"^(?:staff\s*,\s*(?P<after>.+)|staff of (?:the )?(?P<of>.+)|(?P<before>.+?)\s+staff)$", re.I
)


#: An initial among the words ("A.", "J", "A.B."): given names, never a newsroom's ("AP").
_INITIAL = re.compile(r"^(?:[A-Z]|(?:[A-Z]\.)+)$")


def staff_of(name: str) -> str:
    """The newsroom a staff credit names ("" when the name is no staff credit).

    Words with an initial are a person's given names: "Staff, A. B." is a person whose
    family name is Staff, as a reference list writes one.
    """
    match = STAFF.match(" ".join(name.split()))
    if match is None:
        return ""
    newsroom = next(part for part in match.groups() if part)
    return "" if any(_INITIAL.match(word) for word in newsroom.split()) else newsroom


def guess_source_kind(name: str) -> SourceKind:
    """Guess whether a new author is a person or which kind of body, from the name alone."""
    newsroom = staff_of(name)
    if newsroom:
        kind = guess_source_kind(newsroom)
        return SourceKind.MEDIA if kind.is_person else kind
    if "," in name or _reads_as_person(name.split()):
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
