"""Answers below a transcript's topic written without quotation marks, and what is none."""

from __future__ import annotations

from factdb.intake.extract import extract

_HEADING = "Trade minister Ana Ruiz on the talks\n\n"


def _quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


def test_an_answer_in_the_first_person_below_a_topic_is_the_speakers():
    text = _HEADING + "On farming:\n\nWe have cut subsidies for 40,000 farms since 2020."
    assert _quotes(text) == [("We have cut subsidies for 40,000 farms since 2020.", "Ana Ruiz")]


def test_the_us_written_in_capitals_is_no_first_person():
    text = _HEADING + (
        "On the tariffs: The US will raise duties on steel by 10 per cent next year.\n\n"
        "On farming:\n\nThe US has cut subsidies for 40,000 farms since 2020."
    )
    assert _quotes(text) == []
