"""A secretary of a department of government is "the minister" a later cue names."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract
from factdb.intake.offices import role_words


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    "text",
    [
        "Health Secretary Tomas Brandt announced the plan on Monday. Opposition leader Ana "
        "Ruiz called it a gimmick. “It is nothing new,” the minister said.",
        "Tomas Brandt, the health secretary, announced the plan. “This will save lives,” the "
        "minister said.",
    ],
)
def test_the_minister_is_the_secretary_named_before(text):
    assert _speakers(text) == [("Tomas Brandt", "person")]


def test_an_official_called_secretary_is_no_minister():
    text = "Press Secretary Tomas Brandt announced the plan. “This will save lives,” the minister said."
    assert _speakers(text) == [("minister", "vague")]


@pytest.mark.parametrize(
    ("role", "minister"),
    [
        ("Home Secretary", True),
        ("Secretary of State for Health", True),
        ("Chancellor of the Exchequer", True),
        ("general secretary of the union", False),
        ("Cabinet Secretary", False),
        ("chancellor of Harwick University", False),
    ],
)
def test_which_secretaries_are_ministers(role, minister):
    assert ("minister" in role_words(role)) is minister
