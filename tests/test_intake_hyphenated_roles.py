"""A role written with a prefix and a hyphen ("co-founder") is one word, in passages written here."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract
from factdb.intake.nlp import pipeline


def _attributed(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


def test_the_tokenizer_keeps_a_prefixed_role_whole_and_splits_other_hyphens():
    words = [t.text for t in pipeline()("A co-author, an ex-minister and a well-known vice-chair.")]
    assert {"co-author", "ex-minister", "vice-chair"} <= set(words)
    assert "well-known" not in words


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The early results were encouraging," a co-author of the study told the Harwick '
         'Gazette, though more work was needed.', "a co-author of the study"),
        ('"It was a fair trial," said an ex-minister who sat on the panel.', "an ex-minister"),
        ('"Nobody asked us," the co-owners of the Harbour Inn said in a letter.',
         "co-owners of the Harbour Inn"),
    ],
)  # fmt: skip
def test_a_prefixed_role_nobody_named_is_vague_not_missing(text, speaker):
    assert _attributed(text) == [(speaker, "vague")]


def test_a_company_before_a_prefixed_role_is_never_the_speaker():
    text = '"We will open two more shops next year," said Brightwell Bakeries co-founder Lena Holt.'
    assert _attributed(text) == [("Lena Holt", "person")]


def test_the_prefixed_role_points_back_to_whom_the_article_gave_it():
    text = (
        "Lena Holt, a co-founder of Brightwell Bakeries, opened a shop on Monday.\n\n"
        '"We need new ovens," the co-founder said.'
    )
    assert _attributed(text) == [("Lena Holt", "person")]
