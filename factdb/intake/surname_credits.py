"""A quotation credited by a surname and a colon, as headlines write it: `Brenner: “…”`,
`“…”: Brenner`. The surname alone proves nothing; it names the one person the article names in
full with that surname, or nobody: "Holt" in an article on Mark Holt and his sister Lena Holt
is neither."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from factdb.intake.attribution import Attribution
from factdb.intake.mentions import PERSON, Mentions
from factdb.intake.roles import is_person_noun

#: Occupations the recogniser takes into a name at a sentence's start ("Developer Mark Holt").
_OCCUPATIONS = frozenset(
    {"developer", "builder", "farmer", "teacher", "driver", "worker", "owner", "manager", "coach",
     "player", "striker", "defender", "midfielder", "goalkeeper", "captain", "nurse", "doctor",
     "student", "pilot", "artist", "writer", "author", "singer", "actor", "activist",
     "campaigner", "resident", "landlord", "entrepreneur", "investor", "banker", "architect",
     "engineer", "businessman", "businesswoman", "shopkeeper", "chef", "baker", "fisherman"}
)  # fmt: skip


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
    people = {_without_role(name) for name in mentions.named_in_full(words[-1].text)}
    if len(people) != 1:
        return None  # two people share the surname: which one is not said
    full = people.pop()
    span = (start, words[-1].idx + len(words[-1].text) + offset)
    sentence = words[0].sent.text
    how = f"{how}; “{written}” is {full}, named in full elsewhere"
    return Attribution(full, mentions.roles.get(full), PERSON, None, 0.6, how, sentence, None, span)


def by_colon_and_surname(
    after: Iterable[Token], mentions: Mentions, offset: int
) -> Attribution | None:
    """ "“…”: Brenner": a colon, then a surname that ends the paragraph; read no further."""
    rest, words = [], 0
    for token in after:
        rest.append(token)
        words += len(rest) > 1 and not token.is_punct
        if (len(rest) == 1 and token.text != ":") or words > 2:
            break  # no colon, or more than a surname after it: no credit
    if len(rest) < 2 or rest[0].text != ":":
        return None
    return by_surname(rest[1:], mentions, offset, "credited after a colon")


def _without_role(name: str) -> str:
    """ "Developer Mark Holt" is Mark Holt: an occupation is never part of a name."""
    words = name.split()
    while len(words) > 2 and (is_person_noun(words[0]) or words[0].casefold() in _OCCUPATIONS):
        words = words[1:]
    return " ".join(words)
