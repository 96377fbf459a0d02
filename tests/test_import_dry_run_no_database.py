"""`factdb import --dry-run` writes nothing: not even an empty database where there was none."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factdb.cli import main

#: Written for these tests.
BIBTEX = """\
@article{quill2024tides,
  author = {Quill, Mara},
  title = {Tide tables of a small harbour},
  journal = {Journal of Invented Harbours},
  year = {2024},
}
"""


@pytest.fixture
def files(tmp_path, monkeypatch):
    database = tmp_path / "data" / "factdb.sqlite"
    database.parent.mkdir()
    monkeypatch.setenv("FACTDB_DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("FACTDB_SECRET_KEY", "b7f1c0e9a4d2" * 4)
    references = tmp_path / "tides.bib"
    references.write_text(BIBTEX, encoding="utf-8")
    return database, references


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_dry_run_without_a_database_creates_none(files):
    database, references = files
    result = _run("import", "--dry-run", str(references))
    assert result.exit_code == 0, result.output
    assert not database.exists()
    assert f"No database at {database}: compared with an empty one" in result.output
    assert "would create 1, 0 already present" in result.output


def test_a_dry_run_compares_with_the_database_there_is(files):
    _database, references = files
    assert _run("init").exit_code == 0
    assert _run("import", str(references)).exit_code == 0
    result = _run("import", "--dry-run", str(references))
    assert result.exit_code == 0, result.output
    assert "compared with an empty one" not in result.output
    assert "would create 0, 1 already present" in result.output
