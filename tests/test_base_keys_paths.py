"""The stored base keys follow every path that changes them: pages, API, import, intake, load."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb.authorship import AuthorSpec
from factdb.cli import main
from factdb.documents import get_document
from factdb.models import Document
from factdb.transfer import dump, load
from factdb.vocab import Role, SourceKind
from tests.test_api import tokens  # noqa: F401  (fixture)
from tests.test_base_keys import assert_bases_current


@pytest.fixture
def report(make):
    """A report by a person, and another by the same person in the same year on the same word."""
    author = AuthorSpec("Ana Ferreira", SourceKind.PERSON, "Ferreira", "Ana")
    first = make.document("Harbour dues rise", published="2024", authors=[author])
    make.document("Harbour works", published="2024", authors=[author])
    return first


def _base(session, document_id: int) -> str:
    session.rollback()  # end the read begun before the request wrote
    return session.scalar(select(Document.base_key).where(Document.id == document_id))


def test_the_edit_page_of_a_document(client, auth, make, session, report):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"version": str(report.version), "title": "Tolls rise", "doc_type": "news_article",
            "published": "2025", "authors": "Øyvind Ås"}  # fmt: skip
    assert auth.post(f"/documents/{report.id}/edit", form).status_code == 302
    assert _base(session, report.id).endswith("2025tolls")
    assert_bases_current(session)


def test_a_renamed_source_rekeys_its_documents_on_the_page_and_the_api(client, auth, make, session, report, tokens):  # noqa: F811  # fmt: skip
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    session.expire_all()
    source = get_document(session, report.id).authors[0].source
    form = {"version": str(source.version), "name": "Ana Ferreira-Lopes", "kind": "person",
            "family_name": "Ferreira-Lopes", "reliability": "F"}  # fmt: skip
    assert auth.post(f"/sources/{source.id}/edit", form).status_code == 302
    assert _base(session, report.id) == "ferreiralopes2024harbour"
    assert_bases_current(session)
    session.expire_all()
    version = session.get(type(source), source.id).version
    body = {
        "version": version,
        "name": "Harbour Authority",
        "kind": "government",
        "family_name": "",
    }
    changed = client.patch(f"/api/v1/sources/{source.id}", json=body, headers=tokens["editor"])
    assert changed.status_code == 200, changed.json
    assert _base(session, report.id) == "harbour2024harbour"
    assert_bases_current(session)


def test_the_api_edits_a_documents_title_year_and_authors(client, session, report, tokens):  # noqa: F811
    body = {"version": report.version, "title": "The ferry timetable", "published": "2023",
            "authors": ["Ministry of Ports"]}  # fmt: skip
    changed = client.patch(f"/api/v1/documents/{report.id}", json=body, headers=tokens["editor"])
    assert changed.status_code == 200, changed.json
    assert _base(session, report.id).endswith("2023ferry")
    body = {
        "version": changed.json["data"]["version"],
        "authors": [],
        "container_title": "The Ledger",
    }
    cleared = client.patch(f"/api/v1/documents/{report.id}", json=body, headers=tokens["editor"])
    assert cleared.status_code == 200, cleared.json
    assert _base(session, report.id) == "ledger2023ferry"
    assert_bases_current(session)


def test_the_import_command_keys_the_documents_it_writes(monkeypatch, database_url, session, report, tmp_path):  # fmt: skip
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "refs.bib"
    path.write_text(
        "@article{a, title={Harbour dues rise again}, author={Ferreira, Ana}, year={2024}}\n"
        "@article{b, title={Éclusage}, author={{Port Authority of Norvania}}, year={2022}}\n",
        encoding="utf-8",
    )
    done = CliRunner().invoke(main, ["import", str(path)])
    assert done.exit_code == 0, done.output
    session.rollback()
    bases = set(session.scalars(select(Document.base_key)))
    assert {"ferreira2024harbour", "port2022eclusage"} <= bases
    assert_bases_current(session)


def test_the_ingest_command_keys_the_article_it_records(monkeypatch, database_url, session, make, tmp_path):  # fmt: skip
    make.user(Role.EDITOR, email="jonas@example.org")
    article = tmp_path / "article.txt"
    article.write_text(
        "The harbour master, Ana Ferreira, said: “The dues will rise.”", encoding="utf-8"
    )
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    args = ["ingest", str(article), "--title", "Dues rise", "--outlet", "The Ledger",
            "--as", "jonas@example.org"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    session.rollback()
    assert session.scalar(select(Document.base_key).where(Document.title == "Dues rise")).endswith(
        "dues"
    )
    assert_bases_current(session)


def test_a_loaded_dump_has_its_bases_worked_out(session, report, empty_database_url):
    from factdb import migrate
    from factdb.db import make_engine, make_session_factory

    out = io.StringIO()
    dump(session, out)
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    with make_session_factory(engine, write=True)() as loaded:
        # A dump from before the bases were stored has none.
        text = out.getvalue().replace('"base_key": "ferreira2024harbour"', '"base_key": ""')
        load(loaded, io.StringIO(text))
        loaded.commit()
        assert set(loaded.scalars(select(Document.base_key))) == {"ferreira2024harbour"}
        assert_bases_current(loaded)
    engine.dispose()
