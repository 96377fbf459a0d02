"""Chants and songs a crowd called out are the crowd's words, not the last person named."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_kind) for q in extract(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Lena Holt arrived at noon.\n\n"
        "Chants of “no more cuts” rang through the square as she spoke.",
        "Coach Ivo Brandt praised his players.\n\n"
        "With ten minutes left, the North Stand started singing “we are staying up” again.",
        "Ana Ruiz led the march to the town hall.\n\n"
        "Many chanted slogans including “open the books” as they went.",
        "“Save our ferry” chants at harbour rally\n\n"
        "Councillor Tomas Brandt told the rally the ferry would be kept.",
    ],
)
def test_a_chant_is_the_crowds_not_the_last_person_named(text):
    chants = [q for q in _quotes(text) if not q[0].startswith("the ferry")]
    assert [(speaker, kind) for _words, speaker, kind in chants][:1] in (
        [(None, "vague")],
        [("fans", "vague")],
    )


def test_every_chant_of_a_list_is_the_crowds():
    text = (
        "Ana Ruiz spoke first.\n\n"
        "Other chants included “open the books” and “no deal without us” as protesters marched."
    )
    assert [kind for _words, _speaker, kind in _quotes(text)] == ["vague", "vague"]


def test_the_crowd_named_before_a_chant_is_its_speaker():
    text = "Ivo Brandt scored twice.\n\nThe fans sang “one more year” until the lights went out."
    assert _quotes(text) == [("one more year", "fans", "vague")]


def test_a_song_a_named_person_sings_stays_theirs():
    text = "Ivo Brandt sang “we are staying up” in the dressing room."
    assert _quotes(text)[0][1] == "Ivo Brandt"
