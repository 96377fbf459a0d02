"""Whom an age stands for: "the 62-year-old said" is the person named just before.

News writing calls a person by their age once they are named ("…," the 41-year-old said).
The age points back to the person named in the paragraph before, or two paragraphs up when
nothing between names anyone else (a subheading, or a sentence that names no one: "Speaking in
Accra, said …"); further back, the age may mean anyone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factdb.intake.mentions import Mention, Mentions


def aged_one(mentions: Mentions, found: Mention, position: int, paragraph: int) -> bool:
    """Whether an age at `position` points back to `found`, the person a description of an
    age resolves to."""
    gap = paragraph - found.paragraph
    if gap <= 1:
        return True
    if gap > 2:
        return False
    full = mentions.full_name(found.name, found.position)
    return all(
        mention.position <= found.position
        or mentions.full_name(mention.name, mention.position) == full
        for mention in mentions.before(mentions.people, position, limit=20)
    )
