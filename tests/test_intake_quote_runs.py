"""Quotations that run on without their closing marks, each in a passage written here."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _found(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Judge Elena Varga told the court: "This is a sad day for everyone here. I have no '
         'choice but to impose a custodial sentence.\n\nThe defendant wept in the dock.',
         "I have no choice but to impose a custodial sentence.", "Elena Varga"),
        ("Union officer Tom Hale said: “This is a blow to the valley and to every family in it."
         "\n\n‘A blow to the valley’\n\n“We call upon the board to think again.”",
         "This is a blow to the valley and to every family in it.", "Tom Hale"),
        ("The harbour will close for the winter. Harbour master Ines Okafor said the decision "
         "was hers. “Nobody else should carry the blame for it.\n\nThe boats were moved on "
         "Sunday.",
         "Nobody else should carry the blame for it.", "Ines Okafor"),
    ],
)  # fmt: skip
def test_a_quotation_left_open_at_its_paragraphs_end_after_a_colon_or_a_full_stop_is_kept(
    text, words, speaker
):
    # News leaves the closing mark off where a quotation runs on; when the next paragraph does
    # not take it up, the words to the paragraph's end are still the speaker's.
    assert [who for found, who in _found(text) if words in found] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        'The plant is 6" too short for the new presses, the engineers found.\n\nWork resumes.',
        'He called it "a disgrace to the whole town and left the hall early.\n\nThe vote passed.',
    ],
)
def test_a_stray_mark_inside_a_sentence_opens_no_quotation(text):
    assert _found(text) == []


def test_straight_marks_reopened_inside_one_paragraph_go_on_with_the_same_speaker():
    # The paragraph breaks between a quotation's paragraphs were lost, and each part still
    # opens with its mark: '… a healthy future. "This will …'.
    text = (
        'The depot will close in May, the company said. "Our members deserve better," said '
        'Mira Tanaka of the drivers\' union. "The site is viable and busy. "Closing it costs '
        'the town forty jobs. "We will fight the decision."'
    )
    assert _found(text)[1:] == [
        ("Our members deserve better", "Mira Tanaka"),
        ("The site is viable and busy.", "Mira Tanaka"),
        ("Closing it costs the town forty jobs.", "Mira Tanaka"),
        ("We will fight the decision.", "Mira Tanaka"),
    ]


def test_a_line_above_names_nobody_who_speaks_in_the_middle_of_a_paragraph():
    # A place on a line of its own (a picture's caption) is no heading for a quotation that
    # goes on inside a paragraph of narrative.
    text = (
        "Depot at Kilby, Harwick\n"
        'The depot will close in May. "Our members deserve better," Mira Tanaka said. '
        '"The site is viable and busy."'
    )
    assert _found(text) == [
        ("Our members deserve better", "Mira Tanaka"),
        ("The site is viable and busy.", "Mira Tanaka"),
    ]


def test_a_heading_still_names_every_quotation_of_the_paragraph_below_it():
    text = (
        "Mira Tanaka, union officer:\n\n“We trained for this for ten years.” “Nobody believed us.”"
    )
    assert [speaker for _words, speaker in _found(text)] == ["Mira Tanaka", "Mira Tanaka"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("``We will appeal the ruling,'' said county prosecutor Marta Ilves.",
         [("We will appeal the ruling", "Marta Ilves")]),
        ("The council met on Monday. ``It is too early to say,'' Mayor Lena Holt told reporters. "
         "``We need the figures first.''",
         [("It is too early to say", "Lena Holt"), ("We need the figures first.", "Lena Holt")]),
        ("``The ferry is late again,'' said Tomas Brenner. ``Nobody sails until Friday.\n\n"
         "``The storm has not passed yet,'' he added.",
         [("The ferry is late again", "Tomas Brenner"), ("Nobody sails until Friday.", "Tomas Brenner"),
          ("The storm has not passed yet", "Tomas Brenner")]),
    ],
)  # fmt: skip
def test_doubled_backticks_open_a_quotation_as_a_curly_mark_does(text, expected):
    # Typewritten and archived wire copy opens a quotation with `` and closes it with ''.
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nordwind Energy CFO Lena Holt:\n\n“Sales are back above last year's levels. Shoppers are "
        "buying more.”",
        "Harvest Foods SA CFO Lena Holt: “Sales are back above last year's levels.”",
    ],
)
def test_a_role_and_a_name_the_recogniser_took_into_a_companys_name_is_the_person(text):
    # Earnings round-ups head each quotation "Company CFO Name:"; the recogniser reads it all
    # as one organisation's name.
    assert [speaker for _words, speaker in _found(text)] == ["Lena Holt"]


@pytest.mark.parametrize(
    "headline",
    ["Brenner: “We will win the league this year”", "“We will win the league this year”: Brenner"],
)
def test_a_headlines_surname_beside_a_colon_is_the_person_the_article_names_in_full(headline):
    text = f"{headline}\n\nHarwick Rovers manager Tomas Brenner is confident after six wins."
    assert _found(text)[0] == ("We will win the league this year", "Tomas Brenner")


@pytest.mark.parametrize(
    "headline",
    ["Brenner: “We will win the league this year”", "“We will win the league this year”: Harwick"],
)
def test_a_word_beside_a_headlines_colon_that_names_nobody_in_full_is_no_speaker(headline):
    text = f"{headline}\n\nHarwick Rovers are confident after six wins."
    assert _found(text)[0] == ("We will win the league this year", None)


def test_a_companys_first_word_the_tagger_took_for_a_verb_does_not_unmake_a_heading():
    text = (
        "Cleanify Technology SA CFO Lena Holt:\n\n“Sales are back above last year's levels. "
        "Shoppers are buying more.”"
    )
    assert [speaker for _words, speaker in _found(text)] == ["Lena Holt"]


def test_a_line_that_says_something_is_no_heading_above_a_quotation():
    text = "Lena Holt wins\n\n“Sales are back above last year's levels. Shoppers are buying more.”"
    assert [speaker for _words, speaker in _found(text)] == [None]


_BEFORE = "“The depot has served the town for sixty years,” said union officer Tomas Brenner."
_AFTER = "“Closing it would cost forty jobs. Nobody has asked the drivers what they think.”"


@pytest.mark.parametrize(
    "between",
    [
        "Sign up for our newsletter",
        "ADVERTISEMENT\n\nSKIP ADVERTISEMENT",
        "Nobody has asked the drivers what they think.",  # a pull quote, set without marks
    ],
)
def test_page_text_between_one_speakers_paragraphs_does_not_end_the_run(between):
    text = f"{_BEFORE}\n\n{between}\n\n{_AFTER}"
    assert [speaker for _words, speaker in _found(text)] == ["Tomas Brenner", "Tomas Brenner"]


@pytest.mark.parametrize(
    "between",
    [
        "Ana Ruiz at the depot on Monday",  # a caption naming someone else
        "The plan was drawn up by Ana Ruiz, the council's transport chief.",  # someone else
        "Drivers were not consulted.\n\nThe depot opened in 1962.\n\nIt employs forty people.",
    ],
)
def test_narrative_or_a_caption_naming_someone_ends_the_run(between):
    text = f"{_BEFORE}\n\n{between}\n\n{_AFTER}"
    assert [speaker for _words, speaker in _found(text)] == ["Tomas Brenner", None]


@pytest.mark.parametrize("heading", ["What the critics say", "the case against the plan"])
def test_a_subheading_between_two_speakers_quotations_ends_the_run(heading):
    text = (
        '"We will build the bridge," Mayor Lena Holt said.\n\n'
        '"It will open in 2028 and it will carry trains."\n\n'
        f"{heading}\n\n"
        '"This bridge is a waste of money and nobody asked for it."'
    )
    assert [speaker for _words, speaker in _found(text)] == ["Lena Holt", "Lena Holt", None]
