"""Words a family, a committee's report or an outlet carries: whose they are, and whose not."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract

_CRASH = "Tomas Brenner, 19, died in a crash on the Kilby road on Saturday.\n\n"


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    "words",
    [
        "“We have lost a kind and gentle son,” the family said.",
        "“We have lost a kind and gentle son,” his family said in a statement.",
        "In a statement, his family said: “We have lost a kind and gentle son.”",
        "Brenner’s family said: “We have lost a kind and gentle son.”",
        "“We have lost a kind and gentle son,” the Brenner family told reporters.",
    ],
)
def test_a_family_speaks_as_one_unnamed_speaker_never_the_person_it_mourns(words):
    [(speaker, kind)] = _speakers(_CRASH + words)
    assert kind == "vague"
    assert "family" in (speaker or "")
    assert speaker != "Tomas Brenner"


@pytest.mark.parametrize(
    "words",
    [
        "The report claims that such remarks “served to undermine the work of the committee.”",
        "“Pressure was applied to members of the committee,” the report said.",
    ],
)
def test_the_report_is_the_committees_named_before_not_the_body_that_acted_last(words):
    text = (
        "The Privileges Committee named eight MPs on Thursday who it says undermined its "
        "inquiry.\n\nMPs named include Ana Ruiz and Tomas Brandt, both of the Kilby Party.\n\n"
        f"The Kilby Party declined to comment on Friday.\n\n{words}"
    )
    assert _speakers(text)[-1] == ("Privileges Committee", "organisation")


def test_its_report_is_the_body_named_just_before():
    text = (
        "The Public Accounts Committee said the Kilby rail line was late and over budget.\n\n"
        "Its report said: “The department has no credible plan for the line.”"
    )
    assert _speakers(text)[-1] == ("Public Accounts Committee", "organisation")


def test_a_report_with_no_committee_named_stays_nobodys():
    text = "Police were called to the Kilby docks.\n\n“Two men ran off,” the report said."
    assert _speakers(text) == [("report", "vague")]


@pytest.mark.parametrize(
    "words",
    [
        "Ivo Brandt said on Wednesday he was “deeply sorry,” the Harwick Tribune reported.",
        "Ivo Brandt apologised in court on Wednesday, the Kilby Tribune reported.\n\n"
        "“I never set out to break the law,” he said, reported the newspaper.",
        "Ivo Brandt, in a court hearing on Wednesday, said he was “deeply sorry,” the Harwick "
        "Tribune reported.\n\n“I want to apologise to the people of Kilby. I never set out to "
        "break the law,” he said, reported the newspaper.",
    ],
)
def test_the_paper_that_reported_the_words_is_neither_their_speaker_nor_he(words):
    assert _speakers("Former governor " + words)[-1] == ("Ivo Brandt", "person")


def test_a_role_read_as_an_organisations_name_is_not_made_the_he_that_follows():
    text = (
        "Kanu’s Lead Counsel, Mike Ozekhome, asked for an adjournment on Monday.\n\n"
        "When the matter was called, Kanu’s Lead Counsel prayed the court to adjourn it. "
        "He said: “The appeal is now before the Supreme Court.”"
    )
    assert _speakers(text)[-1] == ("Mike Ozekhome", "person")


@pytest.mark.parametrize(
    "text",
    [
        "During a meeting with the party chief, Ambassador Ana Ruiz recalled the strike of 2002, "
        'and said this was "not the case now", said a statement issued by the Kilby Party.',
        "Ambassador Ana Ruiz said the plan was “not dead yet”, a statement from the Kilby Party "
        "said.",
    ],
)
def test_words_a_statement_says_someone_said_are_that_persons(text):
    assert _speakers(text) == [("Ana Ruiz", "person")]


@pytest.mark.parametrize("role", ["another MP", "an MP"])
def test_another_mp_is_somebody_new_not_the_mp_named_before(role):
    text = (
        f"Ana Ruiz, a Kilby MP, called the ruling “a witch hunt.”\n\n“It is a farce,” {role} said."
    )
    assert _speakers(text)[-1] == (role, "vague")
