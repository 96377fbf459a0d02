"""What a claim's page reads of the team's work, as sets of the page's one statement.

The claim page used to read its assignment (with the people it can go to) and its notes
with a statement each after the claim's own: two more round trips to PostgreSQL. Here
they are sets (factdb.rowsets) that the claim's statement reads with its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Select, bindparam, select

from factdb.models import Assignment, ClaimNote, User
from factdb.rowsets import Row
from factdb.team.assignment import (
    EDITOR,
    REVIEWER,
    Assignable,
    AssignmentView,
    assignable_query,
    with_assignees,
)
from factdb.team.notes import NoteView, note_views, notes_query

_ASSIGNMENT = with_assignees(
    select(
        Assignment.editor_id,
        EDITOR.name,
        Assignment.reviewer_id,
        REVIEWER.name,
        Assignment.returned,
    )
).where(Assignment.claim_id == bindparam("claim_id"))
_NOTES = notes_query(ClaimNote.claim_id == bindparam("claim_id"))
_PEOPLE = assignable_query().order_by(User.name, User.id)
#: The people a claim can go to, as a set of a page's statement (the claims list's bulk form).
PEOPLE: Mapping[str, Select] = {"people": _PEOPLE}

#: The sets an editor's claim page reads (the assignment form offers the people), and
#: everyone else's.
EDITOR_SETS: Mapping[str, Select] = {"assignment": _ASSIGNMENT, "notes": _NOTES, "people": _PEOPLE}
READER_SETS: Mapping[str, Select] = {"assignment": _ASSIGNMENT, "notes": _NOTES}


def team_from_sets(
    claim_id: int, sets: Mapping[str, list[Row]]
) -> tuple[AssignmentView, list[NoteView], list[Assignable]]:
    """The claim's assignment, its notes and the people it can go to, from the sets' rows."""
    found = sets["assignment"]
    if found:
        row = found[0]
        assignment = AssignmentView(
            claim_id, row[0], row[1] or "", row[2], row[3] or "", bool(row[4])
        )
    else:
        assignment = AssignmentView(claim_id, None, "", None, "", False)
    return assignment, note_views(sets["notes"]), assignables(sets.get("people", []))


def assignables(rows: list[Row]) -> list[Assignable]:
    """The people a claim can go to, from rows of the `people` set."""
    return [Assignable(*row) for row in rows]
