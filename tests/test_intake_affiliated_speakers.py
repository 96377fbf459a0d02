"""A person introduced by a body, its town and a role ("says University of Vostria, Port Amsel,
marine biologist Petra Odell") is the speaker; the body's town never is."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


@pytest.mark.parametrize(
    ("opening", "person", "role"),
    [
        (
            'This new finding is "quite troubling," says University of Vostria, Port Amsel, '
            "marine biologist Petra Odell, who was not part of the team.",
            "Petra Odell",
            "marine biologist",
        ),
        (
            'The method is "badly flawed," says University of Harlow, Denmore Park, '
            "cognitive scientist Ivo Brandt, who was not involved with the work.",
            "Ivo Brandt",
            "cognitive scientist",
        ),
    ],
)
def test_the_person_after_a_body_and_its_town_speaks(opening, person, role):
    text = opening + ' "Counts were never a measure of worth," he says.'
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == [person, person]
    assert role in (quotes[0].speaker_role or "")


def test_a_place_read_as_a_person_is_nobody_and_never_ticked():
    text = (
        'This result is "very odd," says Harlow University, Denmore Park.\n\n'
        '"The gates will hold," said Ivo Brandt.'
    )
    quotes = extract(text).quotes
    assert quotes[0].speaker is None
    assert quotes[0].speaker_kind != "person"
    assert quotes[1].speaker == "Ivo Brandt"
