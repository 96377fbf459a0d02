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
