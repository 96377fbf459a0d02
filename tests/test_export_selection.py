"""A selection of documents no claim cites exports those documents, and an empty selection
says so instead of offering a file with nothing in it."""

from __future__ import annotations

import pytest

from factdb.vocab import DocumentType


@pytest.fixture
def uncited(make, auth):
    make.user(email="ed@example.org")
    auth.login("ed@example.org")
    return [
        make.document(f"Survey of the Brannock weirs, part {n}", doc_type=DocumentType.REPORT)
        for n in (1, 2)
    ]


def test_documents_ticked_by_id_are_exported_even_when_no_claim_cites_them(client, uncited):
    query = "&".join(f"document={document.id}" for document in uncited)
    page = client.get(f"/export?format=ris&{query}").get_data(as_text=True)
    assert "2 documents" in page
    download = client.get(f"/export/download?format=ris&{query}").get_data(as_text=True)
    assert download.count("TY  - ") == 2
    assert "Brannock weirs, part 2" in download


def test_a_claims_filter_on_one_uncited_document_exports_that_document(client, uncited):
    download = client.get(f"/export/download?format=ris&document={uncited[0].id}")
    assert download.status_code == 200
    assert "Brannock weirs, part 1" in download.get_data(as_text=True)


def test_an_empty_selection_is_said_and_gives_no_empty_file(client, uncited):
    page = client.get("/export?format=ris&status=retracted").get_data(as_text=True)
    assert "Nothing to export" in page
    assert "/export/download" not in page
    download = client.get("/export/download?format=ris&status=retracted")
    assert download.status_code == 422
    assert "Nothing to export" in download.get_data(as_text=True)


def test_claimreview_without_a_publisher_name_says_which_setting_to_set(
    app, client, make, auth, monkeypatch, database_url
):
    from click.testing import CliRunner

    from factdb.cli import main
    from factdb.vocab import Role

    app.config["PUBLISHER_NAME"] = ""
    make.user(Role.REVIEWER, email="rev@example.org")
    auth.login("rev@example.org")
    page = client.get("/export?format=claimreview").get_data(as_text=True)
    assert "FACTDB_PUBLISHER_NAME is not set" in page
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    monkeypatch.delenv("FACTDB_PUBLISHER_NAME", raising=False)
    done = CliRunner().invoke(main, ["export", "--format", "claimreview"])
    assert "Warning: FACTDB_PUBLISHER_NAME is not set" in done.stderr
    assert "Set it to your organisation's name" in done.stderr
