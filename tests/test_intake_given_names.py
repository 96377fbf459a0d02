"""A long name called later by the names before its last: "Hashim Rafiq" of Hashim Rafiq
Yunos, named in full with his honorifics, is that person."""

from __future__ import annotations

from factdb.intake.extract import extract
from factdb.intake.name_variants import NameForms


def _quotes(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_kind) for q in extract(text).quotes if q.kind == "direct"]


def test_a_long_name_is_called_later_by_the_names_before_its_last():
    text = (
        "PM Hashim Rafiq says ferry will run\n\n"
        "KUALA TERAP: The ferry will run again, Prime Minister Datuk Seri Hashim Rafiq Yunos "
        "said today.\n\n"
        "“Wait for me to return. I will decide then,” Hashim Rafiq told reporters."
    )
    assert [s for _w, s, _k in _quotes(text)] == ["Hashim Rafiq Yunos"]


def test_his_after_the_names_before_the_last_is_still_that_person():
    text = (
        "PUTRAJAYA: Tan Sri Hashim Rafiq Yunos’s second briefing on the port authority chief "
        "Tan Sri Kamal Ishak’s contract was a short affair.\n\n"
        "The Port Advisory Board chairman read from a prepared text.\n\n"
        "“Nothing more will be said today,” said Hashim Rafiq, at the start of his briefing.\n\n"
        "He lamented that the last briefing was not reported in full.\n\n"
        "“The board has given its views,” he said."
    )
    assert {s for _w, s, _k in _quotes(text)} == {"Hashim Rafiq Yunos"}


def test_given_names_stand_for_the_one_longer_name_they_open():
    forms = NameForms()
    forms.add("Hashim Rafiq Yunos")
    assert forms.written_as("Hashim Rafiq") == "Hashim Rafiq Yunos"
    forms.add("Hashim Rafiq Salleh")
    assert forms.written_as("Hashim Rafiq") is None  # two people it could be
