"""A reference file that is not UTF-8 is read (Latin-1, a declared encoding, UTF-16 with its
mark), and the entries read as Latin-1 say so, on every path an import takes."""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.cli import main
from factdb.importer import jobs
from factdb.models import Document
from factdb.vocab import Role

#: A thesis's .bib as a Latin-1 editor saved it: accents, a curly quote and a dash of
#: Windows-1252, and an entry with no accent at all.
LATIN1 = (
    "% This file was created with an old editor.\n"
    "@book{brenner2004,\n"
    "  author = {Brenner, Jürgen and Æsgard, Sólveig},\n"
    "  title = {Über die Gezeiten – eine Einführung},\n"
    "  publisher = {Hafenverlag},\n"
    "  year = {2004}\n"
    "}\n"
    "@misc{quill2011,\n"
    "  author = {Quill, Mara},\n"
    "  title = {Tide tables},\n"
    "  year = {2011}\n"
    "}\n"
    "@article{lindqvist2015,\n"
    "  author = {Lindqvist, Åsa},\n"
    "  title = {Les marées de l’estuaire},\n"
    "  journal = {Revue côtière},\n"
    "  year = {2015}\n"
    "}\n"
).encode("cp1252")


def _titles(session) -> set[str]:
    session.rollback()
    return set(session.scalars(select(Document.title)))


def test_a_latin1_bib_file_is_read_and_each_entry_read_so_says_which_line():
    found = importer.decode_file(LATIN1)
    assert "Über die Gezeiten – eine Einführung" in found.text
    assert "Les marées de l’estuaire" in found.text
    reading = importer.read(found.text, "bibtex", recoded=found.recoded)
    brenner, quill, lindqvist = reading.references
    assert brenner.document.title == "Über die Gezeiten – eine Einführung"
    assert [author.name for author in brenner.authors] == ["Jürgen Brenner", "Sólveig Æsgard"]
    assert lindqvist.document.container_title == "Revue côtière"
    assert brenner.notes == [
        "the file is not UTF-8: lines 3–4 read as Latin-1 (Windows-1252), “Jürgen”; "
        "check the accents, or save the file as UTF-8"
    ]
    assert quill.notes == []  # nothing in it was read so
    assert "lines 14–16 read as Latin-1 (Windows-1252), “Åsa”" in lindqvist.notes[0]


def test_a_file_mostly_utf8_keeps_its_utf8_where_one_line_is_latin1():
    data = (
        "@misc{a, title = {Ørsted’s harbour}, year = 2001}\n".encode()
        + "@misc{b, title = {Café du port}, year = 2002}\n".encode("latin-1")
    )
    found = importer.decode_file(data)
    assert found.text.splitlines() == [
        "@misc{a, title = {Ørsted’s harbour}, year = 2001}",
        "@misc{b, title = {Café du port}, year = 2002}",
    ]
    assert found.recoded == {2: "Café"}


def test_the_encoding_a_file_declares_is_the_one_read():
    """JabRef writes the encoding at the top; ISO 8859-15's 0xA4 is the euro, not Latin-1's ¤."""
    data = "% Encoding: ISO8859_15\n@misc{a, title = {Tolls in €}, year = 2003}\n".encode(
        "iso8859_15"
    )
    found = importer.decode_file(data)
    assert "Tolls in €" in found.text
    assert found.recoded == {}  # declared: nothing to check


def test_utf16_with_its_byte_order_mark_is_read():
    """What Windows programs save as "Unicode" starts with a mark that says so."""
    text = "TY  - JOUR\r\nTI  - Gezeiten in Ærø\r\nPY  - 2009\r\nER  - \r\n"
    for data in (text.encode("utf-16"), text.encode("utf-32")):
        reading = importer.read(importer.decode(data), "ris")
        assert reading.references[0].document.title == "Gezeiten in Ærø"


def test_a_latin1_file_is_imported_and_matches_itself_again(session):
    importer.import_references(session, None, LATIN1, filename="thesis.bib")
    session.commit()
    assert {"Über die Gezeiten – eine Einführung", "Les marées de l’estuaire"} <= _titles(session)
    items, _ = importer.import_references(session, None, LATIN1, filename="thesis.bib")
    assert [item.action for item in items] == ["match"] * 3


def test_the_command_line_imports_a_latin1_file_naming_the_lines(
    empty_database_url, monkeypatch, tmp_path, session
):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    path = tmp_path / "thesis.bib"
    path.write_bytes(LATIN1)
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "note: the file is not UTF-8: lines 3–4 read as Latin-1" in result.output
    assert "3 references: created 3" in result.output


def test_the_browser_preview_names_the_lines_read_as_latin1(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = auth.post(
        "/import",
        {"file": (BytesIO(LATIN1), "thesis.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Über die Gezeiten – eine Einführung" in page
    assert "lines 3–4 read as Latin-1 (Windows-1252)" in page


def test_a_big_latin1_file_previewed_in_the_background_names_the_lines(
    app, client, auth, make, session, monkeypatch
):
    from factdb.jobs.app import job_queue
    from factdb.models import Job

    monkeypatch.setattr(jobs, "BACKGROUND_CHARACTERS", 10)
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    upload = auth.post(
        "/import",
        {"file": (BytesIO(LATIN1), "thesis.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 302 and "/import/reading/" in upload.location
    job_id = int(upload.location.rstrip("/").rsplit("/", 1)[1])
    with app.app_context():
        queue = job_queue(app)
        assert queue.reader().get(Job, job_id).kind == jobs.PREVIEW_KIND
        queue.execute(job_id)
    page = client.get(upload.location).get_data(as_text=True)
    assert "Über die Gezeiten – eine Einführung" in page
    assert "lines 3–4 read as Latin-1 (Windows-1252)" in page


@pytest.mark.parametrize("data", [b"\xff\xfeT\x00Y", b"\xfe\xff\x00T\x00"])
def test_a_broken_utf16_file_is_still_told_to_be_saved_as_utf8(data):
    with pytest.raises(importer.ImportFailed) as error:
        importer.decode(data)
    assert "not UTF-8 text; save it as UTF-8" in error.value.message
