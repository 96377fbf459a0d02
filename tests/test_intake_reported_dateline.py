"""Reported speech that opens a paragraph after its dateline never holds the dateline."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


@pytest.mark.parametrize("dateline", ["VESSA - ", "VESSA, May 3 (Harbour Wire) - ", ""])
def test_the_dateline_is_no_part_of_the_reported_words(dateline):
    text = (
        "Board says fishermen were told in time\n\n"
        f"{dateline}The harbour board told the fishermen of the closure as soon as it could, "
        "an official said on Sunday."
    )
    found = [q for q in extract(text).quotes if q.speaker == "an official"]
    assert [q.text for q in found] == [
        "The harbour board told the fishermen of the closure as soon as it could"
    ]
    assert text[found[0].start : found[0].end] == found[0].text
