"""A role the review page proposes belongs to the speaker it proposes with it."""

from __future__ import annotations


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def role_to_record(speaker: str, role: str, proposed_speaker: str, proposed_role: str) -> str:
    """The role to record for a row: the proposed role is left out when another speaker was named.

    The page pre-fills the role the article gave its proposed speaker ("unnamed source", "that
    office"); someone who names another speaker and leaves the role as it was would otherwise
    record it for a speaker it was never said of. A role typed (any other words) is kept.
    """
    untouched = bool(proposed_role.strip()) and _folded(role) == _folded(proposed_role)
    return "" if untouched and _folded(speaker) != _folded(proposed_speaker) else role
