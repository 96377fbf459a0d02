"""A statement given to a newspaper, a station or a site is its issuer's, never the outlet's."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("In a statement shared with the Harwick Gazette, the company said \"safety comes first.\"",
         "company", "vague"),
        ("The mayor's office sent a statement to the Harwick Gazette on Tuesday. "
         "\"The city will appeal the ruling,\" it said.", "mayor's office", "vague"),
        ("\"We are cooperating with investigators,\" according to a statement provided to News 8 "
         "by the Harwick school district.", "Harwick school district", "organisation"),
        ("A spokeswoman for Vellmar Council told the Kilby Ledger: \"The roads stay closed.\"",
         "A spokeswoman for Vellmar Council", "vague"),
    ],
)  # fmt: skip
def test_the_outlet_given_the_words_is_never_the_speaker(text, speaker, kind):
    [(found, found_kind)] = _speakers(text)
    assert speaker in (found or "")
    assert found_kind == kind


@pytest.mark.parametrize("owner", ["Holt’s spokeswoman", "Holt's lawyer", "the councillor’s aide"])
def test_someone_who_speaks_for_a_person_named_before_is_not_that_person(owner):
    text = f"Councillor Lena Holt will run for mayor.\n\n“She will decide soon,” {owner} said."
    [(speaker, kind)] = _speakers(text)
    assert kind == "vague"
    assert speaker != "Lena Holt"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Harbour Transit sent a letter to the Ministry of Transport on Monday asking for money.\n\n"
         "\"We will reply within a week,\" the ministry said.", "Ministry of Transport"),
        ("The dockers' union wrote to Harbour Ports Ltd on Monday asking for talks.\n\n"
         "\"We are ready to meet the union next week,\" the company said.", "Harbour Ports Ltd"),
    ],
)  # fmt: skip
def test_a_body_sent_a_letter_is_still_who_answers_by_its_kind(text, speaker):
    [(found, kind)] = _speakers(text)
    assert (found, kind) == (speaker, "organisation")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The ceasefire held," a spokesman for the army said.', "a spokesman for the army"),
        ('A resident, 42, said: "The water came in minutes."', "A resident, 42"),
    ],
)
def test_an_unnamed_speakers_words_read_as_written(text, speaker):
    # a phrase after the noun reads on with no comma; an age set off keeps its comma
    assert [q.speaker for q in extract(text).quotes] == [speaker]
