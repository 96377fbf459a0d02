"""A headline opening the article is never a speaker nor whom a later "the mayor" means: an
unnamed "the mayor" with nobody named is a vague speaker, left unticked, on every path."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from factdb.intake import propose
from factdb.intake.extract import extract
from factdb.intake.review import review_rows

_BODY = (
    "The mayor walked into the harbour board meeting last night and declared his fee plan "
    "passed.\n\n"
    '"The fees we have been working on are settled," the mayor declared. "Now, let us get to '
    'work," he said.\n\n'
    '"Every skipper will now know the quays stay open," he said in an interview afterward.'
)


@pytest.mark.parametrize(
    "headline", ["MAYOR DEFIES BOARD HARBOUR FEES", "Mayor Defies Board Harbour Fees"]
)
def test_a_headline_names_nobody_the_mayor_could_be(headline):
    quotes = extract(f"{headline}\n\n{_BODY}").quotes
    assert quotes
    assert all(q.speaker_kind == "vague" for q in quotes), [(q.text, q.speaker) for q in quotes]
    assert not any("Defies" in (q.speaker or "") for q in quotes)


def test_a_heading_in_capitals_with_a_colon_still_names_the_speaker():
    text = 'The council voted on Monday.\n\nMAYOR LENA HOLT:\n\n"We have waited ten years."'
    assert [(q.speaker, q.speaker_role) for q in extract(text).quotes] == [("Lena Holt", "Mayor")]


def test_the_review_page_ticks_none_of_the_mayors_words(session):
    proposal = propose(session, f"MAYOR DEFIES BOARD HARBOUR FEES\n\n{_BODY}")
    rows = review_rows(session, proposal.text, proposal.quotes)
    assert rows and not any(r.accept for r in rows)


def test_the_dry_run_json_gives_the_mayor_unnamed(app, database_url, monkeypatch, tmp_path):
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text(f"MAYOR DEFIES BOARD HARBOUR FEES\n\n{_BODY}", encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    quotes = json.loads(result.output)["quotes"]
    assert quotes and {q["speaker_kind"] for q in quotes} == {"vague"}


def test_capitals_after_the_are_a_thing_never_whom_he_means():
    text = (
        "Ferry fees\n\nThe mayor walked into the harbour board room last night and declared his "
        "fee plan passed.\n\nThe mayor cited a letter from the state ferry office he claimed "
        "showed the plan he first put forward in May was in force because the board failed to "
        "act on it within 45 days, as required by state law and the City Charter.\n\n"
        '"The fee plan we have been working on is passed," the mayor declared. "Now, let us get '
        'to work," he said, leaving the board speechless.'
    )
    quotes = extract(text).quotes
    assert [q.speaker_kind for q in quotes if q.kind == "direct"] == ["vague", "vague"]
