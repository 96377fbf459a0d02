"""Precision and recall of quote–speaker pairs on the labelled corpus, guarded against regressions."""

from __future__ import annotations

from factdb.intake.evaluate import evaluate
from tests.intake_corpus import CORPUS

PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.85


def test_corpus_is_big_and_varied_enough():
    assert len(CORPUS) >= 40
    assert sum(1 for passage in CORPUS if not passage["quotes"]) >= 5


def test_quote_speaker_precision_and_recall():
    scores = evaluate(CORPUS)
    assert scores.precision >= PRECISION_FLOOR, scores.report()
    assert scores.recall >= RECALL_FLOOR, scores.report()
