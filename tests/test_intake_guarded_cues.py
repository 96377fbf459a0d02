"""Reporting verbs that are also ordinary verbs report words only when they take speech."""

from __future__ import annotations

import pytest

from factdb.intake.cues import is_cue
from factdb.intake.extract import extract
from factdb.intake.nlp import pipeline


def _found(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"This is a scandal," charged Piet Olen, the opposition leader.', "Piet Olen"),
        ('"You must not sideline the member," Ida Marr charged.', "Ida Marr"),
        ('"Who decided this?" queried Ida Marr.', "Ida Marr"),
        ('"If you keep deciding without him, how can the district succeed?" Hon. Vale queried.',
         "Vale"),
        ('"We are not finished," muttered Tomas Brandt.', "Tomas Brandt"),
        ('Tomas Brandt mentioned that the road was "years late".', "Tomas Brandt"),
        ('Before he fell, Tomas Brandt gasped "I cannot breathe" twice.', "Tomas Brandt"),
        ('"Help me," Ana Ruiz gasped.', "Ana Ruiz"),
    ],
)  # fmt: skip
def test_a_verb_of_speaking_with_a_quotation_reports_its_subjects_words(text, speaker):
    assert [q[0] for q in _found(text)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        'Police charged Karl Denn with theft after "Operation Lantern" ended.',
        'The report mentioned the plant in its "annex" twice.',
    ],
)
def test_the_same_verb_with_an_object_of_its_own_reports_nobody(text):
    assert all(q[0] not in {"Police", "Karl Denn", "report"} for q in _found(text))


@pytest.mark.parametrize(
    ("text", "verb", "cue"),
    [
        ("Police charged Karl Denn with theft on Monday.", "charged", False),
        ("Prosecutors charged him on Friday.", "charged", False),
        ("The union charged that the ministry had hidden the figures.", "charged", True),
        ("The report mentioned the plant twice.", "mentioned", False),
        ("The report mentioned that the plant had closed.", "mentioned", True),
        ("The firm disclosed its losses in March.", "disclosed", False),
    ],
)
def test_a_guarded_verb_is_a_cue_only_with_a_clause_and_no_object(text, verb, cue):
    token = next(t for t in pipeline()(text) if t.lower_ == verb)
    assert is_cue(token) is cue
