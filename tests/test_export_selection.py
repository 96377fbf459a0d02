"""A selection of documents no claim cites exports those documents, and an empty selection
says so instead of offering a file with nothing in it."""

from __future__ import annotations

import pytest

from factdb.claims import CitationInput as Cite
from factdb.vocab import DocumentType, Relation, Role, Status


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


@pytest.fixture
def cited(make, auth):
    """Two documents, three claims citing the first (one of them the second too), one citing none."""
    editor = make.user(Role.EDITOR, email="cy@example.org")
    reviewer = make.user(Role.REVIEWER, email="rue@example.org")
    auth.login("cy@example.org")
    weirs = make.document("Brannock weir levels, 2031", doc_type=DocumentType.REPORT)
    locks = make.document("Brannock lock closures", doc_type=DocumentType.REPORT)
    unrelated = make.document("Harwick ferry timetable", doc_type=DocumentType.REPORT)
    first = make.claim(
        editor, "The Brannock weir rose two metres.", document=weirs, quote="rose two metres",
        relation=Relation.DISPUTES,
    )  # fmt: skip
    make.claim(editor, "The Brannock weir never flooded.", document=weirs)
    both = make.claim(
        editor,
        "The weir and the lock closed together.",
        citations=[Cite(document_id=weirs.id), Cite(document_id=locks.id)],
    )
    make.claim(editor, "The Harwick ferry runs hourly.", document=unrelated)
    make.set_status(first, reviewer, Status.FALSE, note="It rose one metre.")
    return weirs, locks, unrelated, first, both


@pytest.mark.parametrize("document_arg", ["document_only", "document"])
def test_claim_formats_of_one_document_hold_the_claims_citing_it(client, cited, document_arg):
    weirs = cited[0]
    page = client.get(f"/export?{document_arg}={weirs.id}&format=claim-report")
    text = page.get_data(as_text=True)
    assert "3 claims" in text
    assert "The Brannock weir never flooded." in text
    assert "Harwick ferry runs hourly" not in text
    csv = client.get(f"/export/download?format=csv&{document_arg}={weirs.id}")
    assert csv.status_code == 200
    body = csv.get_data(as_text=True)
    assert "The Brannock weir rose two metres." in body
    assert "weir and the lock closed together" in body
    assert "Harwick" not in body


def test_csv_of_two_documents_holds_the_claims_citing_either(client, cited):
    _, locks, unrelated, _, _ = cited
    csv = client.get(f"/export/download?format=csv&document={locks.id}&document={unrelated.id}")
    assert csv.status_code == 200
    body = csv.get_data(as_text=True)
    assert "weir and the lock closed together" in body
    assert "The Harwick ferry runs hourly." in body
    assert "The Brannock weir never flooded." not in body


def test_claimreview_of_one_document_holds_its_judged_claims(client, cited):
    weirs, *_ = cited
    body = client.get(f"/export/download?format=claimreview&document={weirs.id}").get_json()
    assert [review["claimReviewed"] for review in body] == ["The Brannock weir rose two metres."]


def test_a_bibliography_of_one_document_is_still_that_document_alone(client, cited):
    weirs, *_ = cited
    body = client.get(f"/export/download?format=ris&document_only={weirs.id}").get_data(
        as_text=True
    )
    assert body.count("TY  - ") == 1
    assert "Brannock lock closures" not in body


def test_the_claim_report_of_a_document_lists_every_document_its_claims_cite(client, cited):
    weirs, *_ = cited
    text = client.get(f"/export/download?format=claim-report&document={weirs.id}").get_data(
        as_text=True
    )
    assert "brannock lock closures" in text.lower()


def _cli(monkeypatch, database_url, *args):
    from click.testing import CliRunner

    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    return CliRunner().invoke(main, ["export", *args])


@pytest.mark.parametrize(
    ("format_name", "expected"),
    [
        ("claim-report", "The Brannock weir never flooded."),
        ("csv", "The Brannock weir never flooded."),
        ("claimreview", "The Brannock weir rose two metres."),
    ],
)
def test_the_command_exports_the_claims_citing_a_document(
    monkeypatch, database_url, cited, format_name, expected
):
    done = _cli(monkeypatch, database_url, "--format", format_name, "--document", str(cited[0].id))
    assert done.exit_code == 0, done.output
    assert expected in done.stdout
    assert "Harwick" not in done.stdout


def test_the_command_refuses_a_selection_that_exports_nothing(
    monkeypatch, database_url, cited, tmp_path
):
    uncited_path = tmp_path / "out.json"
    _, _, _, _, both = cited
    # The second claim is judged by nobody, so ClaimReview has nothing to say of it.
    done = _cli(
        monkeypatch, database_url, "--format", "claimreview", "--claim", str(both.id),
        "-o", str(uncited_path),
    )  # fmt: skip
    assert done.exit_code == 1
    assert "Nothing to export" in done.stderr
    assert not uncited_path.exists()
    done = _cli(monkeypatch, database_url, "--format", "claimreview", "--claim", str(both.id))
    assert done.exit_code == 1
    assert done.stdout == ""


def test_the_api_says_when_a_selection_exports_nothing(client, cited, make, session):
    from factdb.access import create_token

    _, _, _, _, both = cited
    reader = make.user(Role.VIEWER, email="script@example.org")
    secret = create_token(session, reader, "script").secret
    session.commit()
    answer = client.get(
        f"/api/v1/export?format=claimreview&claim={both.id}",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.status_code == 422
    assert "Nothing to export" in answer.get_data(as_text=True)


def test_a_claim_filter_on_a_document_exports_only_the_claims_it_matches(session, cited):
    from factdb.claims import ClaimFilters
    from factdb.export import export
    from factdb.export.scope import export_scope

    weirs, _, _, first, _ = cited
    scope = export_scope(session, filters=ClaimFilters(document_id=weirs.id, status="false"))
    assert scope.claim_ids == [first.id]
    for format_name in ("csv", "claim-report", "claimreview"):
        result = export(session, format_name, claim_ids=scope.claim_ids,
                        document_ids=scope.document_ids, citing=scope.citing)  # fmt: skip
        assert result.count == 1, format_name
        assert "rose two metres" in result.content.lower()
        assert "never flooded" not in result.content, format_name
    chosen = export_scope(session, document_ids=[weirs.id])
    result = export(session, "csv", claim_ids=chosen.claim_ids,
                    document_ids=chosen.document_ids, citing=chosen.citing)  # fmt: skip
    assert result.count == 3


@pytest.mark.parametrize("format_name", ["csv", "claim-report", "claimreview"])
def test_the_claims_list_export_of_a_filtered_document_holds_the_filtered_claims(
    client, cited, format_name
):
    weirs = cited[0]
    query = f"format={format_name}&document={weirs.id}&status=false"
    assert "1 claim matching the filters" in client.get(f"/export?{query}").get_data(as_text=True)
    body = client.get(f"/export/download?{query}").get_data(as_text=True)
    assert "rose two metres" in body
    assert "never flooded" not in body
    assert "closed together" not in body


def test_the_api_exports_the_claims_named_beside_a_document_and_no_others(
    client, cited, make, session
):
    from factdb.access import create_token

    weirs, _, _, first, _ = cited
    reader = make.user(Role.VIEWER, email="script@example.org")
    secret = create_token(session, reader, "script").secret
    session.commit()
    answer = client.get(
        f"/api/v1/export?format=csv&claim={first.id}&document={weirs.id}",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.status_code == 200
    body = answer.get_data(as_text=True)
    assert "rose two metres" in body
    assert "never flooded" not in body


@pytest.mark.parametrize("format_name", ["csv", "claim-report", "claimreview"])
def test_the_command_with_a_status_and_a_document_exports_the_claims_of_that_status(
    monkeypatch, database_url, cited, format_name
):
    done = _cli(monkeypatch, database_url, "--format", format_name, "--status", "false",
                "--document", str(cited[0].id))  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "rose two metres" in done.stdout
    assert "never flooded" not in done.stdout
    assert "closed together" not in done.stdout


@pytest.mark.parametrize(("format_name", "empty"), [("bibtex", ""), ("csl-json", "[]")])
def test_the_command_exports_an_empty_library_as_an_empty_file(
    monkeypatch, database_url, session, format_name, empty
):
    done = _cli(monkeypatch, database_url, "--format", format_name)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == empty
    assert "empty" in done.stderr


def test_the_api_exports_an_empty_library_as_an_empty_file(client, make, session):
    from factdb.access import create_token

    reader = make.user(Role.VIEWER, email="script@example.org")
    secret = create_token(session, reader, "script").secret
    session.commit()
    answer = client.get(
        "/api/v1/export?format=csl-json", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status_code == 200
    assert answer.get_json() == []
