"""What an import will do and did, in sentences whose counts agree with their words.

Said once here for the preview, the page after the import and the command line, so that a
document matched in the database is never called a repeat in the file, nor the other way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factdb.importer.matching import PlanItem
from factdb.wording import agree, counted


@dataclass(frozen=True)
class Tally:
    #: Entries that become new documents.
    created: int
    #: Entries that are documents already recorded.
    recorded: int
    #: Entries that repeat an earlier entry of the same file (merged into it).
    repeated: int

    @classmethod
    def of(cls, items: Iterable[PlanItem]) -> Tally:
        """Count what the plan does with each entry."""
        items = list(items)
        repeated = sum(1 for item in items if item.duplicate_of is not None)
        created = sum(1 for item in items if item.action == "create")
        return cls(created, len(items) - created - repeated, repeated)


def _repeats(number: int, tense: str) -> str:
    verb = {"now": agree(number, "repeats", "repeat"), "past": "repeated"}[tense]
    return f"{counted(number, 'entry', 'entries')} {verb} an earlier one in this file"


def previewed(tally: Tally) -> str:
    """What importing the file will do: "1 new document will be created; …"."""
    parts = [f"{counted(tally.created, 'new document')} will be created"]
    if tally.recorded:
        parts.append(
            f"{counted(tally.recorded, 'document')} {agree(tally.recorded, 'is', 'are')} already "
            f"recorded and will be left as {agree(tally.recorded, 'it is', 'they are')}"
        )
    if tally.repeated:
        merged = agree(tally.repeated, "is", "are")
        parts.append(f"{_repeats(tally.repeated, 'now')} and {merged} merged into it")
    return "; ".join(parts) + "."


def imported(tally: Tally, skipped: int) -> str:
    """What importing the file did: "Imported 1 new document; 1 was already recorded; …"."""
    parts = [f"Imported {counted(tally.created, 'new document')}"]
    if tally.recorded:
        parts.append(f"{tally.recorded:,} {agree(tally.recorded, 'was', 'were')} already recorded")
    if tally.repeated:
        parts.append(_repeats(tally.repeated, "past"))
    if skipped:
        parts.append(
            f"{counted(skipped, 'entry', 'entries')} {agree(skipped, 'was', 'were')} skipped"
        )
    return "; ".join(parts) + "."


def command_line(tally: Tally, skipped: int, *, dry_run: bool) -> str:
    """The command line's one-line account: "3 references: created 1, 1 already present, …"."""
    total = tally.created + tally.recorded + tally.repeated
    verb = "would create" if dry_run else "created"
    parts = [f"{verb} {tally.created:,}", f"{tally.recorded:,} already present"]
    if tally.repeated:
        parts.append(f"{tally.repeated:,} repeating an earlier entry in this file")
    if skipped:
        parts.append(f"{skipped:,} skipped")
    return f"{counted(total, 'reference')}: {', '.join(parts)}."
