"""A long compound title written against the cue: the person is the speaker, the title the role."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _found(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.speaker_role, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('"The visa rules will change," Deputy Assistant Secretary of State for Consular Affairs John Smith said.',
         "John Smith", "Deputy Assistant Secretary of State for Consular Affairs"),
        ('Chief Executive Officer and co-founder of Acme Robotics Jane Doe said the firm "will hire."',
         "Jane Doe", "Chief Executive Officer and co-founder of Acme Robotics"),
        ('"We are not for sale," said Executive Vice President for Global Sales at Nordwind Energy Lena Holt.',
         "Lena Holt", "Executive Vice President for Global Sales at Nordwind Energy"),
        ('Senior Vice President and General Counsel of Kilby Holdings Ole Brekke told reporters it was "fair."',
         "Ole Brekke", "Senior Vice President and General Counsel of Kilby Holdings"),
        ('"Prices will rise," Head of Research at the Harwick Institute for Economic Studies Ana Ruiz said.',
         "Ana Ruiz", "Head of Research at the Harwick Institute for Economic Studies"),
        ('"We are ready." The Adjutant General of Harwick County Brig. Gen. Ana Ruiz said.',
         "Ana Ruiz", "Adjutant General of Harwick County Brig. Gen."),
    ],
)  # fmt: skip
def test_the_person_after_a_long_title_speaks_and_the_title_is_the_role(text, speaker, role):
    assert _found(text) == [(speaker, role, "person")]


def test_a_surname_later_is_the_person_the_long_title_named():
    text = (
        'Chief Executive Officer and co-founder of Acme Robotics Jane Doe said the firm "will '
        'hire."\n\n"We have the orders," Doe added.'
    )
    assert [q[0] for q in _found(text)] == ["Jane Doe", "Jane Doe"]


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," said Head of the Harwick City Council.',
        '"We agree," Secretary of State John Smith and Defence Secretary Ana Ruiz said.',
        '"We will win," Members of the Harwick Rowing Club said.',
    ],
)
def test_a_title_naming_only_a_body_or_two_people_names_nobody_by_this_rule(text):
    speakers = [q[0] for q in _found(text)]
    assert "City Council" not in speakers and "Ana Ruiz" not in speakers
    assert "Rowing Club" not in speakers


def test_a_title_and_a_name_the_recogniser_read_as_an_organisations_are_a_person():
    text = (
        'Councillor Pavel Novak at the harbour meeting on Monday.\n\n"It was rushed," Novak '
        'said.\n\nCouncillor Ole Brekke warned that "the ferry will not survive the winter."'
    )
    assert _found(text) == [
        ("Pavel Novak", "Councillor", "person"),
        ("Ole Brekke", "Councillor", "person"),
    ]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # the recogniser reads "the U.S. Oleg Vasnetsov" as one organisation's name
        ('HARWICK, May 3 (NEWS) - Norland’s new Ambassador to the U.S. Oleg Vasnetsov said in '
         'an interview with local television he is focused on trade.\n\n"We have not ruined the '
         'relations," he said.\n\n"I am focused on progress," the ambassador added.',
         ["Oleg Vasnetsov"] * 3),
        # ... "Vostria Jon Harlan" as one person's
        ('U.S. Ambassador to Vostria Jon Harlan has said he believes the talks will resume.\n\n'
         '"I know that the President would like to see this improved," Harlan said.',
         ["Jon Harlan"] * 2),
        ('Kestria\'s Minister of State for Foreign Affairs Lena Dovrat said the talks were '
         '"useful."\n\n"We will meet again," she said.',
         ["Lena Dovrat"] * 2),
        ('Norland’s Ambassador to the U.N. Petar Ilvesko said on Monday that the vote was "a '
         'mistake."\n\n"We will keep talking," Ilvesko said.',
         ["Petar Ilvesko"] * 2),
    ],
)  # fmt: skip
def test_the_place_or_office_after_a_titles_to_of_or_for_is_never_part_of_the_name(text, speakers):
    assert [q[0] for q in _found(text)] == speakers
    assert {q[2] for q in _found(text)} == {"person"}


def test_the_place_an_ambassador_is_sent_to_is_never_the_person_a_later_he_means():
    text = (
        "The talks were delayed, Norland’s Ambassador to the United States Petar Ilvesko said."
        '\n\n"We have not ruined the relations," he said.'
    )
    assert "United States" not in [q[0] for q in _found(text)]


def test_member_before_a_name_is_a_title_not_part_of_the_name():
    text = (
        '"We object to this process," said Board Member Ingrid Stewart, who voted against the '
        'plan.\n\n"It was rushed," Council Member Pavel Novak said on Monday.'
    )
    assert [q[0] for q in _found(text)] == ["Ingrid Stewart", "Pavel Novak"]


def test_a_councillor_called_cllr_is_the_person_named_in_full():
    text = (
        "Lib Dem Cllr Rosa Penhale called the plan rushed.\n\n"
        "“It is a mess and everyone knows it,” Cllr Penhale said."
    )
    assert [(s, k) for s, _role, k in _found(text)] == [("Rosa Penhale", "person")]
