"""A few function words in quotation marks inside reported speech ("accepted “as is”") are the
writer's scare quotes: never proposed as the speaker's direct quote; the sentence is reported
speech, proposed as a paraphrase."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factdb.intake.extract import extract

_ANNOUNCED = (
    "Ferry fees\n\n"
    "The Harbour Board today announced that the council’s proposed fee plan will be accepted "
    "“as is” and on next week’s board agenda."
)
_REPORTED = (
    "the council’s proposed fee plan will be accepted “as is” and on next week’s board agenda"
)


def test_a_scare_quote_in_an_announcement_is_part_of_the_paraphrase():
    quotes = extract(_ANNOUNCED).quotes
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("indirect", _REPORTED, "Harbour Board")
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('Ferry fees\n\nAsked about the fee, Ana Ruiz said "no".', "no"),
        ('Ferry fees\n\nAna Ruiz said the skippers had lost "everything" in the storm.',
         "everything"),
        ('Ferry fees\n\nThe minister said the plan was "premature" and would wait.', "premature"),
        ('Ferry fees\n\nThe board said that there were "confirmed losses" at the quay.',
         "confirmed losses"),
    ],
)  # fmt: skip
def test_words_of_the_speakers_own_stay_a_direct_quote(text, words):
    assert [q.text for q in extract(text).quotes if q.kind == "direct"] == [words]


def test_the_dry_run_json_never_gives_the_fragment(app, database_url, monkeypatch, tmp_path):
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text(_ANNOUNCED, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [q["text"] for q in json.loads(result.output)["quotes"]] == [_REPORTED]
