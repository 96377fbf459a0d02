"""A speaker brought in with "a" is somebody unnamed, whatever noun the reporter gives them."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract

LEDE = "Harbour talks\n\nThe harbour board met on Monday.\n\n"


@pytest.mark.parametrize(
    "speaker",
    ["a source", "a government source", "A No 10 source", "an ally of the mayor",
     "a planning inspector", "another source", "one source", "a negotiator", "an eyewitness"],
)  # fmt: skip
def test_an_unnamed_speaker_is_vague_whatever_the_noun(speaker):
    quote = extract(LEDE + f"“We will reopen the port in spring,” {speaker} said.\n").quotes[0]
    assert (quote.speaker_kind, quote.speaker) == ("vague", speaker)


def test_quote_paragraphs_after_it_stay_with_that_speaker():
    text = LEDE + (
        "“We will reopen the port in spring,” a board source said.\n\n"
        "“The dredging is paid for and the cranes are ordered.”\n"
    )
    quotes = extract(text).quotes
    assert [(q.speaker_kind, q.speaker) for q in quotes] == [("vague", "a board source")] * 2


@pytest.mark.parametrize(
    "sentence",
    ["“We will reopen the port,” said Ana Ruiz, a source of pride for the board.",
     "“We will reopen the port,” Ana Ruiz said, citing a source."],
)  # fmt: skip
def test_a_named_speaker_is_not_replaced_by_the_noun(sentence):
    quote = extract(LEDE + sentence + "\n").quotes[0]
    assert quote.speaker == "Ana Ruiz"
