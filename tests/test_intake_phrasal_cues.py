"""Verbs that report words by their particle ("pointed out", "went on"), in passages written here."""

from __future__ import annotations

import pytest

from factdb.intake.cues import is_cue
from factdb.intake.extract import extract
from factdb.intake.nlp import pipeline


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "verb", "cue"),
    [
        ("Lena Holt pointed out that the bridge was late.", "pointed", True),
        ("Lena Holt pointed at the map.", "pointed", False),
        ("The roads were empty, Tomas Brandt went on.", "went", True),
        ("Tomas Brandt went on to win the race.", "went", False),
        ("The strike went on for weeks.", "went", False),
        ("The match went on to extra time.", "went", False),
        ("Ana Ruiz spoke about her family after the final.", "spoke", True),
        ("Ana Ruiz spoke at the dinner.", "spoke", False),
        ("Speaking about the season, Ana Ruiz praised the squad.", "speaking", False),
        ("Mayor Ilse Brekke hit out at the contractor.", "hit", True),
        ("The storm hit the coast on Monday.", "hit", False),
    ],
)  # fmt: skip
def test_a_verb_reports_words_with_its_particle_and_not_without(text, verb, cue):
    token = next(t for t in pipeline()(text) if t.lower_ == verb)
    assert is_cue(token) is cue


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Councillor Piet Olen pointed out that the new bridge was now "forty years overdue and '
         'twice the cost".', "forty years overdue", "Piet Olen"),
        ('Traders on Mill Street lost most of their winter trade, Tomas Brandt went on. "We lost '
         'the whole of December and nobody from the council came to see us."',
         "We lost the whole of December", "Tomas Brandt"),
        ('Club captain Ana Ruiz also spoke about her parents after the final. "They were in the '
         'stand for every game this year, even the cold ones in February."',
         "They were in the stand", "Ana Ruiz"),
    ],
)  # fmt: skip
def test_a_quotation_after_a_phrasal_cue_is_its_subjects(text, words, speaker):
    assert [s for quote, s in _speakers(text) if words in quote] == [speaker]


def test_going_on_for_weeks_introduces_nobody():
    text = (
        "Nadia Sorel chairs the drivers' union. The strike went on for weeks. \"Nobody came "
        'to talk to us," said one driver.'
    )
    assert [s for quote, s in _speakers(text) if "Nobody came" in quote] != ["Nadia Sorel"]
