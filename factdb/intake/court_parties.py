"""Which side of a courtroom a description names: the bench, counsel, a party, a witness.

"The lawyer said" with no lawyer named falls back on the last person named, which in a court
report is as often the judge as anyone: the sides never stand for one another, so a
description of one side is never a person the article gave a place on another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdb.intake.mentions import Mentions

#: The words for each side, as a description's head or a person's role or title.
_SIDES: dict[str, frozenset[str]] = {
    "bench": frozenset({"judge", "justice", "magistrate", "coroner", "registrar", "cj", "cjp"}),
    "counsel": frozenset(
        {"lawyer", "attorney", "barrister", "solicitor", "counsel", "advocate", "prosecutor",
         "barr", "qc", "kc", "sc", "dpp"}
    ),
    "party": frozenset(
        {"accused", "defendant", "convict", "appellant", "petitioner", "plaintiff", "claimant",
         "complainant", "suspect"}
    ),
    "witness": frozenset({"witness"}),
}  # fmt: skip


def side(word: str) -> str | None:
    """The side of the courtroom a word names, if any."""
    return next((name for name, words in _SIDES.items() if word in words), None)


def on_another_side(word: str, name: str, mentions: Mentions, position: int) -> bool:
    """Whether the person `name` holds a place in court other than the one the description's
    head `word` names, by any role or title the article wrote with the name or a part of it
    ("Justice Shehram Sarwar" before "Shehram Sarwar Chaudhary")."""
    wanted = side(word)
    if wanted is None:
        return False
    full = set(mentions.full_name(name, position).split())
    keys = {*mentions.titles, *mentions.roles}
    words: set[str] = set()
    for key in keys:
        if set(key.split()) <= full:
            words |= mentions.role_words(key)
    sides = {side(w) for w in words} - {None}
    return bool(sides) and wanted not in sides
