"""A heading in capitals that names who speaks in the paragraphs below it, as wire copy and
match reports write them: "COACH JANE DOE:", "OPPOSITION LEADER (ANNA BERG), SPEAKING TO
REPORTERS:", "DAVID OKORO - FINANCE MINISTER:", "CAPTAIN IVO KRANJC ON THE SECOND GOAL:".

The recogniser reads names in capitals badly, so the heading is read by rule: its parts
(split at commas, dashes and brackets), a topic or a circumstance dropped ("ON …",
"SPEAKING TO …"), and in each part the name is what follows the last word of a role.
Precision first: a heading is read only when it gives a role or names a person the article
names elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from factdb.intake.roles import HONORIFICS, TITLE_WORDS, is_person_noun
from factdb.intake.surnames import PARTICLES

#: Longest line read as a heading, in characters.
_LONGEST = 140
#: Where a heading's parts divide: a comma, a dash with spaces, a bracket, a colon inside it.
_PARTS = re.compile(r"\s*(?:,|;|\s[-–—]+\s|[-–—]{2}|\(|\)|:)\s*")
#: Words that open a topic or a circumstance, not a name or a role: "ON THE SECOND GOAL",
#: "SPEAKING TO REPORTERS", "ASKED ABOUT …", "AFTER THE MATCH".
_TOPIC = frozenset(
    {
        "on", "speaking", "talking", "asked", "asking", "when", "after", "before", "about", "reacting", "responding", "commenting", "writing", "quoted", "said",
        "says", "told", "from", "via", "during", "following", "addressing", "answering",
        "explaining", "describing", "discussing", "regarding", "re",
    }
)  # fmt: skip
#: Words that open a topic after a name but may also belong to a role, or name the sheet
#: the quotations are on ("COACH JANE DOE POST-GAME QUOTE SHEET", "… PRESS CONFERENCE").
_WEAK_TOPIC = frozenset(
    {
        "in", "at", "to", "from", "with", "for", "of", "post-game", "postgame", "pre-game",
        "pregame", "post-match", "postmatch", "pre-match", "prematch", "post-race", "quote",
        "quotes", "transcript", "press", "news", "media", "interview",
    }
)  # fmt: skip
#: A word that can be part of a name in capitals: letters, with an apostrophe, hyphen or the
#: full stop of an initial ("O'BRIEN", "SMITH-JONES", "J.").
_NAME_WORD = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]*)*\.?$")


@dataclass
class CapitalHeading:
    """Whom a heading in capitals may name, surest first, written as names are written, with
    the role it gives."""

    #: (name, start, end): a name after a role first, then one in brackets, then the rest.
    names: list[tuple[str, int, int]]
    role: str | None

    @property
    def has_role(self) -> bool:
        """Whether the heading gives a role (else only a name the article must know)."""
        return self.role is not None


def in_capitals(line: str) -> bool:
    """Whether a line is written in capitals: two words or more, no quotation, short."""
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    if len(text) > _LONGEST or len(text.split()) < 2 or len(letters) < 4:
        return False
    if any(mark in text for mark in '"“”«»„'):
        return False
    return sum(1 for c in letters if c.isupper()) >= 0.9 * len(letters)


def read_heading(line: str) -> CapitalHeading | None:
    """The person a heading in capitals names, or None when it names nobody surely."""
    if not in_capitals(line):
        return None
    parts = _parts(line)
    if not parts or len(parts) > 4:
        return None
    found: list[tuple[int, int, int]] = []
    roles: list[str] = []
    for start, end, in_brackets in parts:
        words = _words(line, start, end)
        if not words:
            continue
        last_role = max((i for i, w in enumerate(words) if _is_role(w[2])), default=-1)
        if last_role >= 0:
            roles.append(line[words[0][0] : words[last_role][1]])
        name = words[last_role + 1 :]
        if _is_name([w[2] for w in name]):
            rank = 0 if last_role >= 0 else 1 if in_brackets else 2
            found.append((rank, name[0][0], name[-1][1]))
        elif name and last_role < 0:
            return None  # a part that is neither a role nor a name: not a heading we read
    if not found:
        return None
    names = [(written_name(line[a:b]), a, b) for _rank, a, b in sorted(found)]
    return CapitalHeading(names, ", ".join(written_role(r) for r in roles) or None)


def _parts(line: str) -> list[tuple[int, int, bool]]:
    """The parts of the heading (start, end, in brackets), a topic cut off each part."""
    text = line.rstrip()
    if text.endswith(":"):
        text = text[:-1]
    parts = []
    position, opened = 0, False
    for match in [*_PARTS.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        if end > position:
            parts.append((position, end, opened))
        if match is None:
            break
        position, opened = match.end(), "(" in match.group()
    kept = []
    for start, end, in_brackets in parts:
        words = _words(line, start, end)
        cut = next((i for i in range(len(words)) if _topic_at(words, i)), None)
        if cut == 0:
            continue  # "SPEAKING TO REPORTERS": a circumstance, no name in it
        if cut is not None:
            end = words[cut][0]
        kept.append((start, end, in_brackets))
    return kept


def _topic_at(words: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a topic begins at the word: "ON …", "SPEAKING …" always; "AT …", "OF …" only
    after a name, since they may belong to a role ("MINISTER OF STATE FOR HEALTH ANNA BERG")."""
    word = words[index][2].casefold()
    if word in _TOPIC:
        return True
    if word not in _WEAK_TOPIC:
        return False
    before = [w[2] for w in words[:index]]
    last_role = max((i for i, w in enumerate(before) if _is_role(w)), default=-1)
    return index == 0 or _is_name(before[last_role + 1 :])


def _words(line: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words between two offsets, with their own offsets."""
    return [
        (start + m.start(), start + m.end(), m.group())
        for m in re.finditer(r"\S+", line[start:end])
    ]


def _is_role(word: str) -> bool:
    """A word of a role: "COACH", "LEADER", "MINISTER", "FINANCE", "DR"."""
    folded = word.casefold().rstrip(".")
    return is_person_noun(folded) or folded in TITLE_WORDS or folded in HONORIFICS


def _is_name(words: list[str]) -> bool:
    """One to four words that can make a person's name: no function word but a particle (one
    word is a surname, which the article must name in full elsewhere)."""
    if not 1 <= len(words) <= 4:
        return False
    return all(
        _NAME_WORD.match(w)
        and (w.casefold() not in STOP_WORDS or (i > 0 and w.casefold() in PARTICLES))
        for i, w in enumerate(words)
    )


def written_name(name: str) -> str:
    """ "JAN VAN DER BERG" as a name is written: "Jan van der Berg"; "O'BRIEN" is "O'Brien",
    "SMITH-JONES" is "Smith-Jones", "MCDONALD" is "McDonald"."""
    words = name.split()
    return " ".join(
        w.casefold() if i > 0 and i < len(words) - 1 and w.casefold() in PARTICLES else _word(w)
        for i, w in enumerate(words)
    )


def _word(word: str) -> str:
    """One word of a name in capitals, written with its capitals where names keep them."""
    return "".join(_piece(p) for p in re.split(r"(['’-])", word))


def _piece(piece: str) -> str:
    """ "MCDONALD" is "McDonald"; any other piece of a name takes one capital."""
    if len(piece) > 3 and piece[:2].casefold() == "mc":
        return "Mc" + piece[2:].capitalize()
    return piece.capitalize()


def written_role(role: str) -> str:
    """ "OPPOSITION FINANCE SPOKESWOMAN" as a role is written: "Opposition Finance Spokeswoman";
    an acronym stays in capitals ("CEO", "MP") and a function word in small letters."""
    words = role.strip(" ,").split()
    return " ".join(
        w.casefold() if i and w.casefold() in STOP_WORDS else w if len(w) <= 3 else w.capitalize()
        for i, w in enumerate(words)
    )
