"""Precision and recall of quote–speaker pairs on the written corpus: every pair right, always.

Each rule came with a passage that failed first; a later rule that breaks an earlier passage
fails here, whoever wrote either.
"""

from __future__ import annotations

from factdb.intake.evaluate import evaluate
from tests.intake_corpus import CORPUS

PRECISION_FLOOR = 1.0
RECALL_FLOOR = 1.0


def test_corpus_is_big_and_varied_enough():
    assert len(CORPUS) >= 40
    assert sum(1 for passage in CORPUS if not passage["quotes"]) >= 5


def test_quote_speaker_precision_and_recall():
    scores = evaluate(CORPUS)
    assert scores.precision >= PRECISION_FLOOR, scores.report()
    assert scores.recall >= RECALL_FLOOR, scores.report()
