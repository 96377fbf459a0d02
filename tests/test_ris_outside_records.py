"""Text outside any RIS record is skipped with a note naming its lines; the records are imported.

A stray line before the first record refused the whole file ("not an RIS line"), even with
--skip-invalid. A tag outside a record (a record that lost its TY) is still refused.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb import importer
from factdb.importer.model import ImportFailed
from factdb.models import Document
from factdb.vocab import Role

#: Invented: a heading line before the records and a word between them, as in a hand-made file.
STRAY = (
    "QUIXWORT and the rest\r\n\r\n"
    "TY  - JOUR\r\nAU  - Quenby, Lea\r\nTI  - Tides of the Harwick estuary\r\nPY  - 2011\r\nER  - \r\n"
    "lorem\r\n"
    "TY  - BOOK\r\nAU  - Marrow, Dan\r\nTI  - Salt marshes\r\nPY  - 2014\r\nER  - \r\n"
)
NOTE = "skipped text outside any record (lines 1, 8): 'QUIXWORT and the rest'"


@pytest.mark.parametrize("skip_invalid", [False, True])
def test_text_outside_records_is_skipped_with_a_note(skip_invalid):
    reading = importer.read(STRAY, "ris", skip_invalid=skip_invalid)
    assert [ref.document.title for ref in reading.references] == [
        "Tides of the Harwick estuary", "Salt marshes"
    ]  # fmt: skip
    assert reading.references[0].notes == [NOTE] and reading.skipped == []


def test_a_tag_outside_a_record_is_still_refused():
    with pytest.raises(ImportFailed, match="outside a record"):
        importer.read(STRAY.replace("lorem", "TI  - Lost"), "ris")


def test_the_command_line_imports_the_records_and_says_what_it_skipped(
    app, database_url, monkeypatch, session, tmp_path
):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "library.ris"
    path.write_bytes(STRAY.encode())
    done = CliRunner().invoke(main, ["import", str(path)])
    assert done.exit_code == 0, done.output
    assert NOTE in done.output
    assert session.scalar(select(func.count(Document.id))) == 2


def test_the_import_preview_says_what_it_skipped(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = auth.post(
        "/import",
        {"file": (BytesIO(STRAY.encode()), "library.ris"), "format": ""},
        content_type="multipart/form-data",
    )
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200, body
    assert "skipped text outside any record (lines 1, 8)" in body
