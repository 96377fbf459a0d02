"""A long role set off by commas between a quotation and its cue: the person named in it
speaks, and the other words are the role."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _found(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(q.speaker, q.speaker_role, q.speaker_kind) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('"The signal was far stronger than we expected," astronomer Ana Ruiz of the Harwick '
         'Institute in Vostria, leader of the research team, said.',
         "Ana Ruiz", "astronomer of the Harwick Institute in Vostria, leader of the research team"),
        ('"It is too early to tell," research fellow in botany at the Harwick Institute, '
         'Lena Holt, said to a broadcaster.',
         "Lena Holt", "research fellow in botany at the Harwick Institute"),
        ('"This plan lumps every town together," senior teaching fellow in planning at Vostria '
         "College's School of Land, Ole Brekke, said on Tuesday.",
         "Ole Brekke", "senior teaching fellow in planning at Vostria College's School of Land"),
        # the recogniser read "Marek Lind of" as a body's name: the role's noun makes it his
        ('"The comet is bright," astronomer Marek Lind of the Harwick Observatory in Vostria, '
         'Kestria, said.',
         "Marek Lind", "astronomer of the Harwick Observatory in Vostria, Kestria"),
    ],
)  # fmt: skip
def test_the_person_in_a_comma_set_role_before_the_cue_speaks(text, speaker, role):
    assert _found(text) == [(speaker, role, "person")]


@pytest.mark.parametrize(
    "text",
    [
        # the name is the role's object: the adviser is nobody named
        '"We will appeal," a former adviser to Ana Ruiz, the party leader, said.',
        # two people named: the stretch does not say which one spoke
        '"We agree," Ana Ruiz, the mayor, and Lena Holt, her deputy, said.',
    ],
)
def test_a_comma_set_role_names_nobody_when_its_name_is_an_object_or_one_of_two(text):
    assert all(q[0] not in {"Ana Ruiz", "Lena Holt"} for q in _found(text))


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ('"We will keep looking," said Tomas Brandt, head of the survey at the Vostria '
         "Observatory, who joined the team in 2019.",
         "head of the survey at the Vostria Observatory"),
        ('Mara Quist, a lecturer in law at the University of Harwick, who advised the ministry '
         'until May, said the ruling "changes nothing".',
         "lecturer in law at the University of Harwick"),
    ],
)  # fmt: skip
def test_a_clause_set_off_after_the_role_is_no_part_of_it(text, role):
    assert [q[1] for q in _found(text)] == [role]
