"""Whom something made speak is the speaker: `prompted X to say`, `drew a rebuke from X, who`."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _found(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.speaker_role, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('The decision prompted council leader Ana Ruiz to say that "the island has been abandoned."',
         "Ana Ruiz", "council leader"),
        ('The vote led Tomas Brenner to remark that it was "a sad day for Kilby."', "Tomas Brenner", None),
        ('His remarks prompted harbour master Ole Brekke to warn: "We cannot keep the quays open."',
         "Ole Brekke", "harbour master"),
        ('The remark drew a sharp response from Ana Ruiz: "That is simply false."', "Ana Ruiz", None),
        ('The fare rise drew a rebuke from Lena Holt, who called it "daylight robbery."', "Lena Holt", None),
    ],
)  # fmt: skip
def test_whom_something_made_speak_is_the_person_never_the_thing(text, speaker, role):
    assert _found(text) == [(speaker, role, "person")]


def test_a_pronoun_after_a_rebuke_goes_to_who_gave_it():
    text = (
        'The fare rise drew a rebuke from Lena Holt, who called it "daylight robbery."\n\n'
        '"We will fight it," she added.'
    )
    assert [q[0] for q in _found(text)] == ["Lena Holt", "Lena Holt"]


@pytest.mark.parametrize(
    "text",
    [
        'Ana Ruiz led the protest to demand "a fair fare."',
        'The plan drew criticism from the Harwick Ferry Union, which called it "a betrayal."',
    ],
)
def test_a_thing_led_or_a_body_that_spoke_keeps_its_own_speaker(text):
    speaker, _role, kind = _found(text)[0]
    assert (speaker, kind) in {("Ana Ruiz", "person"), ("Harwick Ferry Union", "organisation")}


@pytest.mark.parametrize(
    ("text", "pressed"),
    [
        ("Residents are pushing Councillor Ivo Brandt to admit that the bridge was badly repaired.",
         "Ivo Brandt"),
        ("Campaigners encouraged Mayor Lena Marsh to declare that the park would never be sold.",
         "Lena Marsh"),
        ("Parents pressured headteacher Ana Ruiz to say that the school would stay open.", "Ana Ruiz"),
        ("Fans goaded coach Tomas Brenner to say that the referee had cost them the game.",
         "Tomas Brenner"),
    ],
)  # fmt: skip
def test_whom_others_pressed_to_speak_is_never_read_as_having_said_it(text, pressed):
    assert pressed not in [speaker for speaker, _role, _kind in _found(text)]
