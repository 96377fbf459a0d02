"""Roles and speakers a new reader's trial found wrong: a title before the name and the area it
serves after it are one role, an office "of … Affairs" stays out of the name after it, and a news
agency credited with the report is the medium, not the speaker."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract

_OPENING = "The court heard the appeal on Monday.\n\n"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ('"This decision ignores settled precedent," former U.S. District Judge Ana Ruiz of the '
         "Northern District of Kestria wrote in a filing.",
         "former U.S. District Judge of the Northern District of Kestria"),
        ('"The appeal will be heard in spring," District Judge Tomas Velder of the Northern '
         "District of Kestria said.", "District Judge of the Northern District of Kestria"),
    ],
)  # fmt: skip
def test_a_title_and_the_district_it_serves_are_one_role(text, role):
    found = extract(_OPENING + text).quotes
    assert [q.speaker_role for q in found] == [role]


_MINISTER = (
    "Minister promises new roads\n\n"
    "The Minister of Works, Ivo Brandt, has promised to finish the coastal highway.\n\n"
)


@pytest.mark.parametrize(
    "credit",
    ['," according to NAN.', '," according to the Kellin Herald.', '," according to the KNA.'],
)
def test_an_agency_credited_with_the_report_is_the_medium_when_he_stated_this(credit):
    text = _MINISTER + (
        f'"We will finish the road by June and every contractor will be paid on time{credit} '
        "He stated this while inspecting the project in Kellin on Tuesday."
    )
    found = extract(text).quotes
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Ivo Brandt", "person")]


def test_an_agency_that_speaks_for_itself_stays_the_speaker():
    text = _MINISTER + (
        '"Our reporters saw the road closed on Tuesday," according to NAN. '
        "The agency said its crew had visited the site twice."
    )
    found = extract(text).quotes
    assert [(q.speaker, q.speaker_kind) for q in found][:1] == [("NAN", "organisation")]


@pytest.mark.parametrize(
    ("run", "name"),
    [
        ("Foreign Affairs Ivo Brandt", "Ivo Brandt"),
        ("Interior Affairs Mariya Didi", "Mariya Didi"),
        ("Foreign Minister Ivo Brandt", "Ivo Brandt"),
        ("Finance Secretary Lena Holt", "Lena Holt"),
        ("First Lady Ana Maria Ruiz", "Ana Maria Ruiz"),
        ("State Tomas Ivo Velder", "Tomas Ivo Velder"),
    ],
)
def test_the_name_after_an_office_of_affairs_never_takes_the_offices_last_word(run, name):
    from factdb.intake.nlp import pipeline
    from factdb.intake.phrases import clean_name

    doc = pipeline()(f"The talks were opened by Minister of {run} on Tuesday.")
    start = next(t.i for t in doc if t.text == run.split()[0])
    assert clean_name(list(doc[start : start + len(run.split())]))[0] == name
