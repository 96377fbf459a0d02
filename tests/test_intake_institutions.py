"""A body's name that opens with a plural and runs on after "for" or "of" is the speaker whole."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _attributed(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Flu cases are rising fast," the Centers for Disease Control and Prevention said.',
         "Centers for Disease Control and Prevention"),
        ('"Flu cases are rising fast," the U.S. Centers for Disease Control and Prevention said.',
         "U.S. Centers for Disease Control and Prevention"),
        ('According to the Centers for Medicare and Medicaid Services, "waiting lists have '
         'doubled since 2024."', "Centers for Medicare and Medicaid Services"),
    ],
)  # fmt: skip
def test_the_plural_that_opens_a_bodys_name_is_not_the_speaker_alone(text, speaker):
    assert _attributed(text) == [(speaker, "organisation")]


@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ('"The trend is clear," Lena Holt of the Harwick Institute said.', "Lena Holt", "person"),
        ('"The trend is clear," residents of Harwick said.', "residents of Harwick", "vague"),
    ],
)  # fmt: skip
def test_a_person_or_people_with_of_after_them_are_not_a_body(text, speaker, kind):
    assert _attributed(text) == [(speaker, kind)]
