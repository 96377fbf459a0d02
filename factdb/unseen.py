"""Changes someone else saved after you opened a form: what you have not seen, field by field.

Claims, sources and documents all compare the values a form was opened with, the values it
sent and the values saved now, so that saving after a conflict writes only what you changed
and never reverts a change you did not see.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnseenChange:
    """A field someone else changed after you opened the form, and what became of it there."""

    #: The field's key in the values compared ("text", "role", or "citation:12:quote").
    key: str
    before: str
    after: str
    #: True: you had left the field alone, so theirs is taken; False: you changed it too.
    taken: bool


def unseen_changes(
    opened: dict[str, str], mine: dict[str, str], theirs: dict[str, str]
) -> list[UnseenChange]:
    """What changed between the version you opened and theirs, field by field.

    A field you sent as you opened it takes their value; one you changed keeps yours (saving
    again means "mine over theirs" for it only). Fields that were never opened (a claim's
    citations added since) are not here.
    """
    changes = []
    for key, after in theirs.items():
        before = opened.get(key)
        if before is None or before == after:
            continue
        changes.append(UnseenChange(key, before, after, taken=mine.get(key, before) == before))
    return changes
