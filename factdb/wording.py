"""Counts in messages, said as a person would: "1 claim", "2 claims", "1,234 rows"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """The number with its noun in agreement; `plural` where adding "s" is wrong ("entries")."""
    word = noun if number == 1 else (plural or f"{noun}s")
    return f"{number:,} {word}"


def agree(number: int, one: str, many: str) -> str:
    """The word that agrees with a count: `agree(n, "was", "were")`, `agree(n, "it", "they")`."""
    return one if number == 1 else many
