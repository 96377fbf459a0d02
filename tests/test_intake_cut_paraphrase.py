"""Reported speech is proposed whole: a slip of the writer's ("there be would be") that the
parser reads as a second clause of the cue never cuts the paraphrase mid-sentence."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factdb.intake.extract import extract

_SLIP = (
    "Ferry fees\n\n"
    "Councillor Ana Ruiz said she had to act to make sure there be would be no delay and that "
    "the ferries will sail on time next week."
)
_WHOLE = (
    "she had to act to make sure there be would be no delay and that the ferries will sail on "
    "time next week"
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (_SLIP, _WHOLE),
        ("Ferry fees\n\nThe harbour master said he had to do something to make sure there be "
         "would be no closure of the quays.",
         "he had to do something to make sure there be would be no closure of the quays"),
        ("Ferry fees\n\nAna Ruiz said the new fees were fair to every skipper.",
         "the new fees were fair to every skipper"),
    ],
)  # fmt: skip
def test_the_reported_clause_runs_to_its_end(text, words):
    assert [q.text for q in extract(text).quotes if q.kind == "indirect"] == [words]


def test_the_dry_run_json_gives_the_whole_paraphrase(app, database_url, monkeypatch, tmp_path):
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text(_SLIP, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [q["text"] for q in json.loads(result.output)["quotes"]] == [_WHOLE]
