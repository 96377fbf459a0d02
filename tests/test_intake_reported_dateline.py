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


@pytest.mark.parametrize("plan", ["the closure", "the ferry plan"])
def test_reported_words_never_hold_another_speakers_attribution(plan):
    text = (
        "Ministry says partners were told in time\n\n"
        f"VESSA - The ministry told its partners of {plan} as soon as it could, an official "
        "said on Sunday, after the council said the move had surprised Mayor Dana Whitfield."
    )
    for quote in extract(text).quotes:
        assert "VESSA" not in quote.text
        assert "an official said" not in quote.text, quote
