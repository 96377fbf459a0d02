"""A role word before a name written as initials is the role and the name: `Councilor ND said`
is ND, Councilor, as `Councilor Ana Ruiz said` is Ana Ruiz, Councilor (either spelling)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factdb.intake.extract import extract

_SAID = '"Well, the whole show seems to be over for now," {} said.'


@pytest.mark.parametrize(
    ("written", "speaker", "role"),
    [
        ("Councilor ND", "ND", "Councilor"),
        ("Councillor AB", "AB", "Councillor"),
        ("Councilor Ana Ruiz", "Ana Ruiz", "Councilor"),
    ],
)
def test_the_role_before_the_name_is_the_role(written, speaker, role):
    quotes = extract("Ferry fees\n\n" + _SAID.format(written)).quotes
    assert [(q.speaker, q.speaker_role, q.speaker_kind) for q in quotes] == [
        (speaker, role, "person")
    ]


def test_an_acronym_alone_is_still_nobody(app):
    quotes = extract("Ferry fees\n\n" + _SAID.format("NATO")).quotes
    assert [q.speaker_kind for q in quotes] != ["person"]


def test_the_dry_run_json_gives_the_role_apart(app, database_url, monkeypatch, tmp_path):
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text("Ferry fees\n\n" + _SAID.format("Councilor ND"), encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    quotes = json.loads(result.output)["quotes"]
    assert [(q["speaker"], q["speaker_role"]) for q in quotes] == [("ND", "Councilor")]
