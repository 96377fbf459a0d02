"""A long reading says what it is doing in every phase, not only while it parses: after the
parse, gathering names, finding speakers and matching sources left a bar standing still."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factdb.cli import main
from factdb.intake import propose
from factdb.intake.extract import extract
from factdb.intake.progress import CLAIMS, MATCHING, NAMES, READING, REPORTED, SPEAKERS
from factdb.jobs.context import JobContext

PARAGRAPHS = [
    '"We will build {n} new berths by 2027," said Ana Ruiz, the harbour master.',
    "Brenner said the harbour lost {n} per cent of its trade last year, the largest fall since 1990.",
    '"It is the worst winter in {n} years," Tomas Brenner told reporters. "We cannot wait."',
    "The ferry carried {n} passengers in March, more than in any month before.",
]
ARTICLE = "Harbour Talks Stall\n\n" + "\n\n".join(
    PARAGRAPHS[n % 4].format(n=n + 2) for n in range(120)
)


def _phases(reports: list[tuple[int, int, str]]) -> list[str]:
    """The phases reported, each once, in the order they came."""
    seen: list[str] = []
    for _, _, phase in reports:
        if not seen or seen[-1] != phase:
            seen.append(phase)
    return seen


def _ends(reports: list[tuple[int, int, str]], phase: str) -> tuple[int, int]:
    done, total, _ = [r for r in reports if r[2] == phase][-1]
    return done, total


def test_every_phase_of_a_reading_reports_how_far_it_is():
    reports: list[tuple[int, int, str]] = []
    found = extract(ARTICLE, lambda done, total, phase: reports.append((done, total, phase)))
    assert _phases(reports) == [READING, NAMES, SPEAKERS, REPORTED, CLAIMS]
    for phase in (READING, NAMES, SPEAKERS, REPORTED, CLAIMS):
        done, total = _ends(reports, phase)
        assert done == total > 0, phase
        assert next(r for r in reports if r[2] == phase)[0] == 0  # said as the phase starts
    assert _ends(reports, SPEAKERS)[1] == sum(q.kind == "direct" for q in found.quotes)
    # in steps, not only at each end: 90 quotations, reported every 50
    assert [d for d, _, p in reports if p == SPEAKERS] == [0, 50, 90]


def test_proposing_reports_matching_the_speakers_to_sources(session):
    reports: list[tuple[int, int, str]] = []
    proposal = propose(session, ARTICLE, progress=lambda *report: reports.append(report))
    assert _phases(reports)[-1] == MATCHING
    assert _ends(reports, MATCHING) == (len(proposal.quotes), len(proposal.quotes))


class _Watched(JobContext):
    """A job context that keeps every progress report (the page shows the latest)."""

    def __init__(self) -> None:
        super().__init__(1, user_id=None, settings={}, reader=None, writer=None)  # type: ignore[arg-type]
        self.messages: list[tuple[int, int | None, str]] = []

    def progress(self, done, total=None, message=None, *, force=False) -> None:
        self.messages.append((done, total, message or ""))


def test_the_background_reading_names_each_phase_and_its_count_on_its_page():
    from factdb.intake.jobs import read_article

    job = _Watched()
    read_article(job, {"text": ARTICLE})
    messages = [m for _, _, m in job.messages]
    for phase in (READING, NAMES, SPEAKERS, REPORTED, CLAIMS):
        assert any(m.startswith(f"{phase}: ") for m in messages), (phase, messages)
    assert "Finding the speakers: 50 of 90 quotations (step 3 of 5)" in messages
    last_of_speakers = [(d, t) for d, t, m in job.messages if m.startswith(SPEAKERS)][-1]
    assert last_of_speakers == (90, 90)


@pytest.fixture
def run(empty_database_url, monkeypatch):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


def test_ingest_into_a_log_prints_each_phase_of_a_long_reading(run, tmp_path, monkeypatch):
    monkeypatch.setattr("factdb.cli.common.LOG_EVERY", 0.0)
    monkeypatch.setattr("factdb.cli.ingest.SHORT", 10)  # a bar, or lines, from 10 steps
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = run("ingest", str(article), "--dry-run", "--format", "json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["quotes"]  # standard output stays JSON
    for phase in (READING, NAMES, SPEAKERS, REPORTED, CLAIMS, MATCHING):
        assert any(line.startswith(f"{phase}: ") for line in done.stderr.splitlines()), phase
    assert f"{SPEAKERS}: 90 of 90 quotations done" in done.stderr.splitlines()


def test_ingest_at_a_terminal_shows_a_bar_for_each_phase(run, tmp_path, monkeypatch):
    monkeypatch.setattr("factdb.cli.common.at_a_terminal", lambda: True)
    monkeypatch.setattr("factdb.cli.ingest.SHORT", 10)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = run("ingest", str(article), "--dry-run")
    assert done.exit_code == 0, done.output
    for phase in (READING, NAMES, SPEAKERS, CLAIMS, MATCHING):
        assert phase in done.stderr, phase
