"""A description of an organisation, then its name after a comma, speaks; so does a name with "which"."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _attributed(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('The world\'s largest airline, Nordic Air Holdings, said its revenue "climbed because '
         'of higher fares."', "Nordic Air Holdings"),
        ('"Fuel cost more than ever," the region\'s largest carrier, Harwick Air Group, said.',
         "Harwick Air Group"),
        ('"We are on track," the company, Brightwell Bakeries Ltd, said in a statement.',
         "Brightwell Bakeries Ltd"),
    ],
)  # fmt: skip
def test_the_organisation_named_beside_its_description_is_the_speaker(text, speaker):
    assert _attributed(text) == [(speaker, "organisation")]


def test_a_person_named_beside_a_role_is_still_the_person():
    text = '"We are on track," said the company\'s chief executive, Lena Holt.'
    assert _attributed(text) == [("Lena Holt", "person")]


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ('Kestrel Jewelers, which owns three chains, said its sales "would decline in the '
         'fourth quarter."', "Kestrel Jewelers", "organisation"),
        ('Lena Holt, who owns three mills, said sales "would decline."', "Lena Holt", "person"),
    ],
)  # fmt: skip
def test_a_name_with_which_after_it_is_a_bodys_and_with_who_a_persons(text, speaker, kind):
    assert _attributed(text) == [(speaker, kind)]


@pytest.mark.parametrize(
    "text",
    [
        '"I am tired of this," said Ana Ruiz, which surprised the board.',
        '"We will rebuild," said Ole Brekke, which came as a shock.',
        'Ole Brekke said the mill "will reopen in the spring," which came as a shock.',
    ],
)
def test_a_which_clause_about_the_whole_sentence_leaves_a_person_a_person(text):
    assert [kind for _, kind in _attributed(text)] == ["person"]
