"""Sentences in news text: abbreviations, initials and numbers never end one."""

from __future__ import annotations

import pytest

from factdb.intake import sentences
from factdb.intake.extract import Quote, extract
from factdb.intake.review import claim_sentence


def _split(text: str) -> list[str]:
    return [text[low:high].strip() for low, high in sentences.spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Senate approved a $2.4 billion transit plan on Friday.",
        "Magistrate Karen L. Ostrowski halted the rule from taking effect Feb. 3 while appeals go on.",
        "Civil liberties lawyer Ada R. Penhallow filed the motion at 9 a.m. on Monday.",
        "Sen. Mara Quill and Gov. Otto Brandt met at Harlow Inc. headquarters in Ky. on Tuesday.",
        "Bill No. 3 passed with 7.4 percent of the vote.",
    ],
)
def test_an_abbreviation_or_an_initial_does_not_end_the_sentence(text):
    assert _split(text) == [text]


def test_real_ends_still_split_the_text():
    text = (
        "Exports rose in the U.S. The rest fell 3 percent. Was it the weather? No. "
        "Trade rose 40 percent by Jan. 1.\nA new paragraph starts here."
    )
    assert _split(text) == [
        "Exports rose in the U.S.",
        "The rest fell 3 percent.",
        "Was it the weather?",
        "No.",
        "Trade rose 40 percent by Jan. 1.",
        "A new paragraph starts here.",
    ]


def test_claim_proposals_keep_abbreviations_and_initials_inside_the_sentence():
    text = (
        "The U.S. Senate approved a $2.4 billion transit plan on Friday.\n\n"
        "Magistrate Karen L. Ostrowski issued an order Monday blocking Rule 88 from taking "
        "effect Feb. 3 while a challenge goes on."
    )
    assert [claim.text for claim in extract(text).claims] == [
        "The U.S. Senate approved a $2.4 billion transit plan on Friday.",
        "Magistrate Karen L. Ostrowski issued an order Monday blocking Rule 88 from taking "
        "effect Feb. 3 while a challenge goes on.",
    ]


def test_the_sentence_offered_for_a_quote_starts_before_an_abbreviated_title():
    text = 'Turnout fell. "We lost 12 seats," U.S. Rep. Lena J. Marsh said on Jan. 4 in Ohio.'
    start = text.index("We lost")
    quote = Quote("We lost 12 seats", "Lena J. Marsh", None, "said", start, start + 16)
    assert claim_sentence(text, quote) == (
        '"We lost 12 seats," U.S. Rep. Lena J. Marsh said on Jan. 4 in Ohio.'
    )


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        (
            "“We will hold the line on spending,” U.S. Sen. Mara Quill, R-Ohio, said.",
            "Mara Quill",
            "U.S. Sen., R-Ohio",
        ),
        (
            "“Orders rose in every region,” said Harwick Chairman and Chief Executive "
            "Officer Lena Marsh.",
            "Lena Marsh",
            "Harwick Chairman and Chief Executive Officer",
        ),
    ],
)
def test_a_speakers_role_keeps_its_office_and_says_each_part_once(text, speaker, role):
    (quote,) = extract(text).quotes
    assert (quote.speaker, quote.speaker_role) == (speaker, role)


def test_the_sentence_offered_for_a_quote_has_no_dangling_quotation_mark():
    text = "“The plan was sound. It cut costs by 40 percent.\n\n“And it will again,” Marsh said."
    start = 1
    quote = Quote("The plan was sound. It cut costs by 40 percent.", "Lena Marsh", None, None,
                  start, text.index("\n"))  # fmt: skip
    assert claim_sentence(text, quote) == "The plan was sound. It cut costs by 40 percent."
    second = text.index("And")
    balanced = Quote("And it will again", "Lena Marsh", None, "said", second, second + 17)
    assert claim_sentence(text, balanced) == "“And it will again,” Marsh said."
