"""A quotation with no cue after a line about a named person is theirs only when they speak it.

The corpus leaves a speaker of None unchecked, so the words that are nobody's are asserted here.
"""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speaker(text: str, words: str) -> str | None:
    """Who the intake gives the quotation beginning with `words` to."""
    [quote] = [q for q in extract(text).quotes if q.text.startswith(words)]
    return quote.speaker


def test_words_in_the_first_person_are_the_person_of_the_line_before():
    text = 'Dana Quist runs the bakery on Mill Street. "My customers come from all over."'
    assert _speaker(text, "My customers") == "Dana Quist"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # A judge speaks to the person sentenced: words to "you" are said to them.
        (
            "Pavel Osk appeared at Harwick Crown Court on Monday. "
            '"I am satisfied that you knew exactly what you were doing."',
            "I am satisfied",
        ),
        # "US" is a country, not "us".
        (
            'Dana Quist runs the bakery on Mill Street. "Flour from the US costs twice as much."',
            "Flour from",
        ),
        # Words about the person are somebody else's.
        ('Tomas Brenner left the court on Friday. "He showed no remorse at all."', "He showed"),
    ],
)
def test_words_not_spoken_by_the_person_of_the_line_before_are_nobodys(text, words):
    assert _speaker(text, words) is None
