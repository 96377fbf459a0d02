"""A reviewer's name is published as a ClaimReview's author only when that is set on purpose;
the export page says what each review names as its author."""

from __future__ import annotations

import json

from click.testing import CliRunner

from factdb.export import export
from factdb.export.formats import ExportSettings
from factdb.vocab import Relation, Role, Status


def _judged(make) -> None:
    editor = make.user(Role.EDITOR)
    reviewer = make.user(Role.REVIEWER, email="rev@example.org", name="Ines Korvald")
    document = make.document("Record", url="https://r.example", published="2026")
    claim = make.claim(editor, "The quay was rebuilt twice.", document=document,
                       relation=Relation.SUPPORTS, quote="rebuilt twice")  # fmt: skip
    make.set_status(claim, reviewer, Status.TRUE, note="The record shows both rebuilds.")


def test_without_a_publisher_the_reviews_name_no_person_unless_set_to(session, make):
    _judged(make)
    (unnamed,) = json.loads(export(session, "claimreview").content)
    assert "author" not in unnamed
    named = export(session, "claimreview", settings=ExportSettings(reviewer_as_author=True))
    (review,) = json.loads(named.content)
    assert review["author"] == {"@type": "Person", "name": "Ines Korvald"}
    published = ExportSettings(publisher_name="Ledger Checks", reviewer_as_author=True)
    (review,) = json.loads(export(session, "claimreview", settings=published).content)
    assert review["author"] == {"@type": "Organization", "name": "Ledger Checks"}


def test_the_export_page_says_what_names_each_review(app, client, auth, make):
    _judged(make)
    auth.login("rev@example.org")
    app.config["PUBLISHER_NAME"] = ""
    page = client.get("/export?format=claimreview").get_data(as_text=True)
    assert "Author of each review: none" in page
    assert "FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR" in page
    app.config["CLAIMREVIEW_REVIEWER_AUTHOR"] = True
    page = client.get("/export?format=claimreview").get_data(as_text=True)
    assert "Author of each review: the reviewer who gave its verdict, by name" in page
    app.config["PUBLISHER_NAME"] = "Ledger Checks"
    page = client.get("/export?format=claimreview").get_data(as_text=True)
    assert "Author of each review: Ledger Checks (FACTDB_PUBLISHER_NAME)" in page
    assert "Author of each review" not in client.get("/export?format=ris").get_data(as_text=True)


def test_the_command_names_the_reviewer_only_when_set_to(make, monkeypatch, database_url):
    from factdb.cli import main

    _judged(make)
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    monkeypatch.delenv("FACTDB_PUBLISHER_NAME", raising=False)
    unnamed = CliRunner().invoke(main, ["export", "--format", "claimreview"])
    assert "author" not in json.loads(unnamed.stdout)[0]
    assert "FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR" in unnamed.stderr
    monkeypatch.setenv("FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR", "true")
    named = CliRunner().invoke(main, ["export", "--format", "claimreview"])
    assert json.loads(named.stdout)[0]["author"]["name"] == "Ines Korvald"
