"""Patterns of news writing the intake used to misread, each in a passage written here."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _found(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.speaker_role, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("“The evidence will speak for itself,” said the US attorney in Virginia, Dana Kerr.",
         "Dana Kerr", "US attorney in Virginia"),
        ("“We will appeal the ruling,” said the county prosecutor, Marta Ilves.",
         "Marta Ilves", "county prosecutor"),
        ("“Nobody was hurt,” said a spokesman for the fire service, Tomas Reyes.",
         "Tomas Reyes", "spokesman for the fire service"),
    ],
)  # fmt: skip
def test_a_role_then_the_name_set_beside_it_after_the_cue_names_the_person(text, speaker, role):
    assert _found(text) == [(speaker, role, "person")]


@pytest.mark.parametrize(
    "text",
    [
        "Rain delayed play again. “The covers stay on until the courts are dry,” Wimbledon said.",
        "Tickets sold out in an hour. “Demand was overwhelming,” the Olympics said.",
        "“The stage will be shortened,” the Tour de France said in a statement.",
        "“Play resumes at noon,” the Australian Open said.",
        "“The final is sold out,” the World Cup said.",
    ],
)
def test_a_named_event_is_not_a_speaker(text):
    # Somebody spoke for the event, but the article does not say who: vague, never a person.
    [(_speaker, _role, kind)] = _found(text)
    assert kind == "vague"


def test_a_company_whose_name_ends_like_an_event_is_not_taken_for_one():
    assert [kind for _s, _r, kind in _found("“The game ships in May,” Epic Games said.")] != [
        "vague"
    ]


def test_a_university_named_open_is_not_an_event():
    text = "“Enrolment is up,” the Open University said."
    assert [kind for _s, _r, kind in _found(text)] != ["vague"]


@pytest.mark.parametrize(
    "text",
    [
        "The Ministry of Finance published its figures. “Payments begin in May,” Tuesday the ministry said.",
        "The Ministry of Finance published its figures. Tuesday the ministry said: “Payments begin in May.”",
    ],
)  # fmt: skip
def test_a_weekday_before_the_organisation_is_not_part_of_it(text):
    assert _found(text) == [("Ministry of Finance", None, "organisation")]


@pytest.mark.parametrize(
    "headline",
    [
        "Mira Castellano Wins Regional Election",
        "MIRA CASTELLANO WINS THE SOUTH",
        "Landslide For Mira Castellano In The South",
    ],
)
def test_a_surname_takes_the_full_name_given_only_in_the_headline(headline):
    text = (
        headline + "\n\nThe count ended late on Sunday. "
        "“This is a victory for every village,” Castellano said."
    )
    assert [speaker for speaker, _r, _k in _found(text)] == ["Mira Castellano"]


def test_a_word_before_the_surname_in_the_headline_is_not_taken_for_a_first_name():
    text = "Victory For Castellano\n\n“This is a victory for every village,” Castellano said."
    assert [speaker for speaker, _r, _k in _found(text)] == ["Castellano"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Thomson Reuters Cuts 300 Jobs\n\n“The market is slow,” Reuters said.", "Reuters"),
    ],
)
def test_an_organisation_is_not_lengthened_by_the_word_before_it_in_the_headline(text, speaker):
    assert [found for found, _r, _k in _found(text)] == [speaker]


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Ships waited offshore. “Nothing moves until the storm passes,” Reuters reported.", "Reuters"),
        ("“The talks have stalled,” AFP reported, citing a diplomat.", "AFP"),
        ("“The talks have stalled,” the Associated Press reported on Monday.", "Associated Press"),
        ("“The border stays shut,” Agence France-Presse reported.", "Agence France-Presse"),
    ],
)  # fmt: skip
def test_a_news_agency_at_the_end_reports_the_words_second_hand(text, agency):
    [quote] = extract(text).quotes
    assert (quote.speaker, quote.speaker_kind) == (agency, "organisation")
    assert "second-hand" in quote.evidence["how"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The vote was fair,” said Peter K. Lindholm Sr., a council member.", "Peter K. Lindholm Sr."),
        ("“The vote was fair,” said Peter K Lindholm Sr, a council member.", "Peter K Lindholm Sr"),
        ("“The vote was fair,” said Peter K. Lindholm Jr., a council member.", "Peter K. Lindholm Jr."),
        ("Council member Peter K. Lindholm Jr. said: “The vote was fair.”", "Peter K. Lindholm Jr."),
    ],
)  # fmt: skip
def test_a_name_keeps_its_middle_initial_and_suffix_whole(text, speaker):
    assert [found for found, _r, _k in _found(text)] == [speaker]


def test_an_age_beside_the_name_is_not_a_role():
    text = "“It was a different town then,” recalled Otto Brenner, 84."
    assert _found(text) == [("Otto Brenner", None, "person")]


def test_he_told_reporters_points_back_to_a_name_the_recogniser_took_for_an_organisation():
    text = (
        "Ivo Kranjc spoke after the meeting. “We expect a decision by Friday,” he told reporters."
    )
    [quote] = extract(text).quotes
    assert (quote.speaker, quote.speaker_kind) == ("Ivo Kranjc", "person")
    assert quote.confidence < 0.6  # a guess: the row waits for a person to confirm it


def test_he_does_not_point_back_to_an_organisation_named_as_one():
    text = "Nordic Fisheries Ltd closed the plant. “We had no choice,” he said."
    [quote] = extract(text).quotes
    assert quote.speaker != "Nordic Fisheries Ltd"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Nothing moves until the storm passes,” a port official said, Reuters reported.",
         "a port official"),
        ("“Nothing moves until the storm passes,” the harbour master said, the Associated Press "
         "reported.", "harbour master"),
    ],
)  # fmt: skip
def test_a_speaker_the_agency_reports_is_the_speaker_not_the_agency(text, speaker):
    [(found, _role, kind)] = _found(text)
    assert (found, kind) == (speaker, "vague")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("“We lost everything,” Jonas Berg shared on Instagram.", "shared"),
        ("“The data were clear,” Pia Lund posted on X.", "posted"),
        ("“It was a different town then,” Otto Brenner recalled.", "recalled"),
        ("“The pipes were older than anyone knew,” Ruth Sandoval explained in an email.", "explained"),
        ("“We expect a decision by Friday,” Mayor Ivo Kranjc told reporters.", "told"),
        ("“I am on my way,” Carla Nunes said in a text message.", "said"),
        ("“I am on my way,” Carla Nunes texted her sister.", "texted"),
        ("“The pipes burst again,” Ruth Sandoval emailed the council.", "emailed"),
        ("“Keep it quiet,” Otto Brenner whispered.", "whispered"),
        ("“I never expected to win,” Otto Brenner laughed.", "laughed"),
        ("“I was scared,” Otto Brenner confided.", "confided"),
    ],
)  # fmt: skip
def test_a_reporting_verb_beyond_said_names_the_speaker(text, cue):
    [quote] = extract(text).quotes
    assert quote.cue == cue and quote.speaker in text and quote.speaker_kind != "none"


def test_a_sentence_about_shares_stays_a_candidate_claim():
    text = "Vantor Systems shares rose 4 percent on Monday."
    assert [claim.text for claim in extract(text).claims] == [text]


def test_a_quotation_beside_a_name_in_the_headline_is_not_a_role():
    text = (
        "Mira Castellano: “A victory for every village”\n\nThe count ended late on Sunday. "
        "“This is a victory for every village,” Castellano said."
    )
    found = _found(text)
    assert found and all(role is None for _s, role, _k in found)


@pytest.mark.parametrize(
    "text",
    [
        "“We had no warning,” Lena Holt whispered.",
        "“I am on my way,” Carla Nunes texted.",
        "“It was a different town then,” Lena Holt recalled.",
    ],
)
def test_a_name_that_whispers_or_texts_is_a_person_even_when_read_as_an_organisation(text):
    [(_speaker, _role, kind)] = _found(text)
    assert kind == "person"


def test_a_bare_surname_two_people_share_credits_neither_and_no_role_joins_the_name():
    shared = (
        'Holt: "The bridge will open in 2028"\n\n'
        "Developer Mark Holt met his sister, Mayor Lena Holt, on Monday. "
        '"It is a good day for the town," the mayor said.'
    )
    assert [speaker for speaker, _r, _k in _found(shared)] == [None, "Lena Holt"]
    alone = 'Holt: "The bridge will open in 2028"\n\nDeveloper Mark Holt met the mayor on Monday.'
    assert [speaker for speaker, _r, _k in _found(alone)] == ["Mark Holt"]
