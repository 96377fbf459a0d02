"""A reference file cannot store megabytes in a document's other fields (`extra`).

Each path that keeps other fields refuses one too long, naming the entry's line and what to
do: the command line, the browser (in the request and in a background job), and the API's
documents, which take other fields as a JSON object.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner
from markupsafe import escape
from sqlalchemy import func, select

from factdb import importer
from factdb.access import create_token
from factdb.documents import MAX_EXTRA, MAX_EXTRA_FIELD
from factdb.importer import jobs
from factdb.jobs.app import job_queue
from factdb.models import Document
from factdb.vocab import Role

FIRST = "@misc{kiln,\n  title = {Kiln ledger},\n  year = {2019}\n}\n\n"


def _library(*fields: str) -> str:
    """A good entry, then (from line 6) one carrying `fields` as `annote1`, `annote2`, …"""
    kept = "".join(f"  annote{n} = {{{value}}},\n" for n, value in enumerate(fields, start=1))
    return FIRST + f"@misc{{quarry,\n  title = {{Quarry notes}},\n{kept}  year = {{2020}}\n}}\n"


TOO_LONG_FIELD = _library("w" * (MAX_EXTRA_FIELD + 1))
#: Each field fits; together they do not.
TOO_LONG_ENTRY = _library(*["w" * MAX_EXTRA_FIELD] * (MAX_EXTRA // MAX_EXTRA_FIELD + 1))
FIELD_MESSAGE = (
    f"line 6 (quarry): the other field 'bibtex.annote1' is {MAX_EXTRA_FIELD + 1:,} characters "
    f"long; one holds at most {MAX_EXTRA_FIELD:,}: shorten it (or leave it out)"
)


def _documents(session) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(Document))


def test_a_field_at_the_limit_is_kept_one_over_it_refuses_the_file():
    fits = importer.parse(_library("w" * MAX_EXTRA_FIELD), "bibtex")
    assert len(fits[1].document.extra["bibtex.annote1"]) == MAX_EXTRA_FIELD
    with pytest.raises(importer.ImportFailed) as refused:
        importer.parse(TOO_LONG_FIELD, "bibtex")
    assert str(refused.value.problems[0]).startswith(FIELD_MESSAGE)
    assert refused.value.readable == 1  # the other entry may still be imported, skipping this one


def test_too_many_characters_in_one_entry_refuse_it():
    with pytest.raises(importer.ImportFailed) as refused:
        importer.parse(TOO_LONG_ENTRY, "bibtex")
    message = str(refused.value.problems[0])
    assert message.startswith("line 6 (quarry): the other fields hold ")
    assert f"a document keeps at most {MAX_EXTRA:,}: shorten it" in message


def test_the_command_line_refuses_a_field_too_long(
    app, database_url, monkeypatch, session, tmp_path
):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "library.bib"
    path.write_text(TOO_LONG_FIELD)
    refused = CliRunner().invoke(main, ["import", str(path)])
    assert refused.exit_code == 1 and FIELD_MESSAGE in refused.output
    assert _documents(session) == 0


def test_the_browser_refuses_a_field_too_long(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = auth.post(
        "/import",
        {"file": (BytesIO(TOO_LONG_ENTRY.encode()), "library.bib")},
        content_type="multipart/form-data",
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "line 6 (quarry): the other fields hold" in page
    confirm = auth.post("/import/confirm", {"content": TOO_LONG_FIELD, "format": "bibtex"})
    assert confirm.status_code == 422 and str(escape(FIELD_MESSAGE)) in confirm.get_data(
        as_text=True
    )
    assert _documents(session) == 0


def test_the_background_import_refuses_a_field_too_long(
    app, client, auth, make, session, monkeypatch
):
    monkeypatch.setattr(jobs, "BACKGROUND_CHARACTERS", 10)
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    confirm = auth.post("/import/confirm", {"content": TOO_LONG_FIELD, "format": "bibtex"})
    assert "/import/writing/" in confirm.location
    with app.app_context():
        job_queue(app).execute(int(confirm.location.rsplit("/", 1)[1]))
    refused = client.get(confirm.location)
    assert refused.status_code == 422 and str(escape(FIELD_MESSAGE)) in refused.get_data(
        as_text=True
    )
    assert _documents(session) == 0


def test_the_api_refuses_other_fields_too_long(client, make, session):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    secret = create_token(session, editor, "script").secret
    session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    document = {"title": "Quarry notes", "doc_type": "report"}
    too_long = {**document, "extra": {"bibtex.annote": "w" * (MAX_EXTRA_FIELD + 1)}}
    refused = client.post("/api/v1/documents", headers=headers, json=too_long)
    assert refused.status_code == 422
    assert "one holds at most 20,000: shorten it or leave it out" in refused.get_data(as_text=True)
    fits = {**document, "extra": {"bibtex.annote": "w" * MAX_EXTRA_FIELD}}
    assert client.post("/api/v1/documents", headers=headers, json=fits).status_code == 201
    assert _documents(session) == 1
