"""Roles and speakers a new reader's trial found wrong: a title before the name and the area it
serves after it are one role, an office "of … Affairs" stays out of the name after it, and a news
agency credited with the report is the medium, not the speaker."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract

_OPENING = "The court heard the appeal on Monday.\n\n"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ('"This decision ignores settled precedent," former U.S. District Judge Ana Ruiz of the '
         "Northern District of Kestria wrote in a filing.",
         "former U.S. District Judge of the Northern District of Kestria"),
        ('"The appeal will be heard in spring," District Judge Tomas Velder of the Northern '
         "District of Kestria said.", "District Judge of the Northern District of Kestria"),
    ],
)  # fmt: skip
def test_a_title_and_the_district_it_serves_are_one_role(text, role):
    found = extract(_OPENING + text).quotes
    assert [q.speaker_role for q in found] == [role]
