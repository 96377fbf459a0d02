"""`factdb audit` limited to a claim, document or source that does not exist says so and
fails: a mistyped id in a pre-publication check must not pass as "0 findings"."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factdb.vocab import Role


@pytest.fixture
def run(app, make, monkeypatch, database_url):
    from factdb.cli import main

    claim = make.claim(make.user(Role.EDITOR), "The ferry to Olvenholm runs twice a day")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    runner = CliRunner()
    invoke = lambda *args: runner.invoke(main, ["audit", "--fail-on", "never", *args])  # noqa: E731
    invoke.claim_id = claim.id  # type: ignore[attr-defined]
    return invoke


@pytest.mark.parametrize(
    ("option", "missing", "said"),
    [
        ("--claim", "9999", "No claim #9999"),
        ("--document", "99999", "No document #99999"),
        ("--source", "88888", "No source #88888"),
    ],
)
def test_a_missing_id_is_named_and_fails(run, option, missing, said):
    result = run(option, missing)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "findings" not in result.output


def test_an_existing_claim_among_missing_ones_still_fails(run):
    result = run("--claim", str(run.claim_id), "--claim", "9999")
    assert result.exit_code == 2
    assert "No claim #9999" in result.output


def test_an_existing_claim_is_audited(run):
    result = run("--claim", str(run.claim_id))
    assert result.exit_code == 0, result.output
    assert "UNSOURCED" in result.output
