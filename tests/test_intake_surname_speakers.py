"""A person's name the recogniser reads as an organisation's, then its last word alone as the
subject of a cue: people are called again by their surname, bodies by their first word."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


def test_the_surname_alone_after_a_name_read_as_an_organisations_is_the_person():
    text = (
        "Police were called to Willa Drive on Monday.\n\n"
        "“All I heard were some gunshots,” Possy Garred said.\n\n"
        "“I kind of peeped out the window,” Garred said.\n\n"
        "“Nothing like this happens here,” Mossy Tarred said. Tarred said she had lived there "
        "for years."
    )
    assert [name for name, _kind in _speakers(text)] == [
        "Possy Garred",
        "Possy Garred",
        "Mossy Tarred",
        "Mossy Tarred",
    ]


def test_a_body_named_in_full_then_by_its_last_word_stays_a_body():
    text = (
        "Tucson Police said the call came in at 3:15 on Sunday.\n\n"
        "“We found one man dead,” Police said."
    )
    assert "person" not in [kind for _name, kind in _speakers(text)]
