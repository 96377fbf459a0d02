"""Long command-line work says what it is doing at a terminal, and sums up instead of flooding."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factdb.cli import main

ENTRIES = 300


@pytest.fixture
def run(empty_database_url, monkeypatch):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def big_file(tmp_path):
    items = [
        {"id": f"dues{n}", "type": "webpage", "title": f"Harbour dues notice {n}",
         "URL": f"https://harbour.example/dues/{n}"}
        for n in range(ENTRIES)
    ]  # fmt: skip
    items[7]["type"] = "nonsense-type"  # one entry with a note
    path = tmp_path / "dues.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    return path


def _entry_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("line ")]


def test_a_big_import_names_only_the_noted_entries_and_sums_up_the_rest(run, big_file, monkeypatch):
    monkeypatch.setattr("factdb.cli.common.LOG_EVERY", 3600.0)  # done before a progress line
    done = run("import", str(big_file))
    assert done.exit_code == 0, done.output
    assert len(_entry_lines(done.output)) == 1
    assert "Harbour dues notice 7" in _entry_lines(done.output)[0]
    assert "note: type 'nonsense-type' is not a CSL type" in done.output
    assert f"{ENTRIES} references: created {ENTRIES}, 0 already present." in done.output
    # Not at a terminal (a log, a pipe): no progress, nothing but the report.
    assert "Importing" not in done.output and "Reading" not in done.output
    every = run("import", str(big_file), "--verbose")
    assert len(_entry_lines(every.output)) == ENTRIES
    assert all("matches document #" in line for line in _entry_lines(every.output))
    preview = run("import", str(big_file), "--dry-run")
    assert len(_entry_lines(preview.output)) == ENTRIES


def test_into_a_log_an_import_prints_a_progress_line_every_few_seconds(run, big_file, monkeypatch):
    monkeypatch.setattr("factdb.cli.common.LOG_EVERY", 0.0)  # every entry is "a while later"
    done = run("import", str(big_file))
    assert done.exit_code == 0, done.output
    lines = [line for line in done.stderr.splitlines() if line.startswith("Importing")]
    assert lines[0] == f"Importing: 1 of {ENTRIES} entries done"
    assert lines[-1] == f"Importing: {ENTRIES} of {ENTRIES} entries done"
    assert "Importing" not in done.stdout  # the report on standard output stays clean


def test_at_a_terminal_an_import_says_what_it_reads_and_shows_a_bar(run, big_file, monkeypatch):
    monkeypatch.setattr("factdb.cli.common.at_a_terminal", lambda: True)
    done = run("import", str(big_file))
    assert done.exit_code == 0, done.output
    assert f"Reading {big_file}…" in done.output
    assert f"Looking for {ENTRIES} references among the recorded documents…" in done.output
    assert "Importing" in done.output


def test_noted_entries_beyond_fifty_are_counted_not_named(run, tmp_path):
    items = [{"id": f"q{n}", "type": "nonsense-type", "title": f"Quay note {n}"} for n in range(60)]
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    done = run("import", str(path))
    assert done.exit_code == 0, done.output
    assert len(_entry_lines(done.output)) == 50
    assert "… and 10 more entries with notes: --verbose names every entry." in done.output


ARTICLE = "\u201cThe north gate opens at six,\u201d said Mara Quill, the harbour master.\n"


def test_ingest_says_how_many_words_it_reads_at_a_terminal_only(run, tmp_path, monkeypatch):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE * 40, encoding="utf-8")
    quiet = run("ingest", str(article), "--dry-run", "--format", "json")
    assert json.loads(quiet.output)["quotes"]  # standard output stays JSON
    monkeypatch.setattr("factdb.cli.common.at_a_terminal", lambda: True)
    told = run("ingest", str(article), "--dry-run")
    assert f"Reading {len(ARTICLE.split()) * 40:,} words…" in told.output


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_time_left_is_the_recent_pace_and_none_before_it_is_known():
    from factdb.cli.common import TimeLeft

    clock = _Clock()
    left = TimeLeft(3000, clock)
    # The authors are recorded first (20 s) and the first entries are slow (warming up):
    # an import of 3,000 entries at 0.05 s each showed 12 minutes left where 2.5 remained.
    clock.now += 20
    for done in range(1, 16):
        clock.now += 0.25
        left.update(done)
    assert left.text() == ""  # too few entries and seconds to tell a pace
    for done in range(16, 196):
        clock.now += 0.05
        left.update(done)
    seconds = left.seconds()
    assert seconds is not None
    assert 0.8 * 2805 * 0.05 <= seconds <= 1.2 * 2805 * 0.05
    assert left.text() in ("about 2 min left", "about 3 min left")  # 140 s at that pace
    for done in range(196, 2991):
        clock.now += 0.05
        left.update(done)
    assert left.text() == "about 1 s left"
