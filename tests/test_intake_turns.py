"""Crowds that chant, quotations that answer one another, and quotations that run on past a
subheading or name a speaker after another clause of their lead-in."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speakers(text: str) -> dict[str, str | None]:
    return {q.text: q.speaker for q in extract(text).quotes if q.kind == "direct"}


def _speaker_of(text: str, words: str) -> str | None:
    return next(speaker for quote, speaker in _speakers(text).items() if words in quote)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Late in the second half the home supporters began chanting "Harwick till I die".',
         "home supporters"),
        ('As the players left, the away fans were singing "We are the Kilby boys".',
         "away fans"),
        ('Outside the hall, the protesters sang "Open the gates" for an hour.', "protesters"),
    ],
)  # fmt: skip
def test_the_words_a_crowd_chants_or_sings_are_the_crowds(text, speaker):
    assert speaker in (next(iter(_speakers(text).values())) or "")


def test_answers_in_an_exchange_closed_by_the_askers_cue_are_not_the_askers():
    text = (
        "Crown counsel Mira Holt pressed the witness on his account of the evening.\n\n"
        '"You said you were calm?" "Yes." "You threw a chair?" "No." '
        '"Then who threw it? Was it calm to stand by?" the lawyer asked.'
    )
    found = extract(text).quotes
    by_words = {q.text: q.speaker for q in found}
    assert by_words["You said you were calm?"] == "Mira Holt"
    assert by_words["You threw a chair?"] == "Mira Holt"
    assert by_words["Yes."] is None
    assert by_words["No."] is None


def test_one_speakers_run_of_quotations_keeps_the_cue_after_it():
    text = '"We trained hard." "We lost anyway." "That is football," said Ana Lund.'
    assert set(_speakers(text).values()) == {"Ana Lund"}


def test_a_quotation_left_open_runs_on_past_a_subheading():
    text = (
        "Kilby Rovers manager Tomas Brandt was asked about the chants.\n\n"
        '"I did not hear them," he said. "There is a rivalry here and nobody wants that to '
        "end.\n\n"
        "Respect on the terraces\n\n"
        '"But songs about a tragedy have no place in any ground.\n\n'
        '"The work the clubs have done together this month is too important to lose."'
    )
    assert _speaker_of(text, "But songs about a tragedy") == "Tomas Brandt"
    assert _speaker_of(text, "The work the clubs have done") == "Tomas Brandt"


def test_the_cue_that_closes_a_lead_in_names_the_speaker_not_an_earlier_subject():
    text = (
        "Harwick City won 2-1 on Saturday.\n\n"
        "Ivo Kranjc made his home debut on the left as a substitute in the second half and "
        'Lena Marsh said: "Ivo got a fine ovation from the fans at the end."'
    )
    assert _speaker_of(text, "Ivo got a fine ovation") == "Lena Marsh"


@pytest.mark.parametrize(
    "text",
    [
        '"We want homes," said Ana Lund, a tenant. Behind her, a banner read "Homes not hotels".',
        "Tomas Brandt told the Kilby Ledger he had seen marchers with signs that read "
        '"no fees, no fines" outside the hall.',
    ],
)
def test_words_a_sign_or_a_banner_carries_are_nobodys(text):
    speakers = _speakers(text)
    written = next(q for q in speakers if q.startswith(("Homes", "no fees")))
    assert speakers[written] is None
