"""A relative quoted unnamed is somebody unnamed, never the person they are related to."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract

_STORY = "Tomas Brenner, 19, was arrested on Friday after the crash.\n\n"


@pytest.mark.parametrize(
    "introduction",
    [
        "Brenner's mother told reporters she had begged him to sell the car.",
        "His sister, who asked not to be named, said the family was in shock.",
        "Outside the court, his father spoke briefly to reporters.",
        "The mother of Tomas Brenner spent the night at the police station.",
    ],
)
def test_a_quotation_after_an_unnamed_relative_is_theirs_and_vague(introduction):
    text = _STORY + introduction + '\n\n"He loved that car more than anything."'
    last = extract(text).quotes[-1]
    assert last.speaker_kind == "vague"
    assert last.speaker != "Tomas Brenner"
