"""A role written as a "who" clause after the name, as science and court reports give it."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _roles(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_role) for q in extract(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"It is a remarkable find," said Ana Ruiz, who studies bird evolution at Kilby'
            " University.",
            ("Ana Ruiz", "studies bird evolution at Kilby University"),
        ),
        (
            'Tomas Brenner, who teaches law at Harwick College, said the ruling was "badly'
            ' reasoned from start to end."',
            ("Tomas Brenner", "teaches law at Harwick College"),
        ),
        (
            'Pavel Orlov, who heads the harbour board, said: "We will reopen in May."',
            ("Pavel Orlov", "heads the harbour board"),
        ),
        (
            '"It could be wasting effort," said Dr Lina Varga, who studies behavioural and'
            " experimental finance at the University of Kestria in Port Amsel.",
            (
                "Lina Varga",
                "studies behavioural and experimental finance at the University of Kestria in"
                " Port Amsel",
            ),
        ),
    ],
)
def test_what_the_person_does_is_the_role(text, expected):
    assert _roles(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        'Lena Holt, who was not involved in the study, called it "a careful piece of work."',
        'Marta Solberg, who lives near the shelter, said the cuts were "a disaster for us all."',
        'Ines Okafor, who does not sit on the board, said it was "a sad day for the town."',
    ],
)
def test_what_the_person_did_thinks_or_where_they_live_is_no_role(text):
    [(speaker, role)] = _roles(text)
    assert speaker is not None and role is None
