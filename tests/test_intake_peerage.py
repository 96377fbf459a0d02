"""Peers and knights are named by their titles: "Lord Pellow", "Sir Oskar", "Dame Ana"."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a peer's title and one word are his name; "Pellow" alone names nobody
        ("“The bill is flawed,” said Lord Pellow.", "Lord Pellow"),
        ("Lord Pellow told the chamber: “The bill is flawed.”", "Lord Pellow"),
        ("“This is a matter of conscience,” Lady Marrow said.", "Lady Marrow"),
        # a knight or a dame called by the first name, never named in full
        ("“We are stretched to breaking point,” Dame Ana said.", "Dame Ana"),
        ("Sir Oskar, the former head of the agency, said: “Nobody asked us.”", "Sir Oskar"),
    ],
)
def test_a_title_before_one_word_stays_in_the_name(text, speaker):
    assert _speakers(text) == [speaker]


def test_the_titled_name_is_the_person_named_in_full():
    text = (
        "Sir Oskar Venn, who led the agency for a decade, spoke at the launch.\n\n"
        "“Nobody asked the staff,” Sir Oskar said.\n\n"
        "Lord Halvard Moen agreed. “It was rushed,” Lord Moen said."
    )
    assert _speakers(text) == ["Oskar Venn", "Halvard Moen"]


def test_a_later_description_points_back_to_the_titled_name():
    text = (
        "Sir Oskar, the head of the agency between 1999 and 2004, was asked whether spying was "
        "a dark trade.\n\n"
        "The 89-year-old replied: “It is a reflection of circumstance, not of character.”\n\n"
        "“I have always defended its integrity,” he added."
    )
    assert _speakers(text) == ["Sir Oskar", "Sir Oskar"]


def test_a_title_before_a_full_name_is_an_honorific():
    assert _speakers("“We are ready,” said Sir Oskar Venn.") == ["Oskar Venn"]


def test_an_archbishop_unnamed_is_somebody_unnamed():
    # "Archbishop" is an office like "Bishop", never a person's name
    quote = extract("The Archbishop of Harwick said: “We pray for them all.”").quotes[0]
    assert (quote.speaker_kind, quote.speaker) == ("vague", "Archbishop")
