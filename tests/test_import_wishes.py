"""A file that is no reference file says what it looks like; a RIS record with only a short title imports."""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.cli import main
from factdb.models import Document
from factdb.vocab import Role

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


@pytest.mark.parametrize(
    ("data", "told"),
    [
        (PNG, "The file looks like a PNG image, not a reference file"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "looks like a JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive (or a Word or Excel file)"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "looks like a WebP image"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "looks like a binary file"),
    ],
)
def test_a_file_that_is_no_text_says_what_it_looks_like_and_what_is_read(data, told):
    with pytest.raises(importer.ImportFailed) as error:
        importer.decode(data)
    assert told in error.value.message
    assert "BibTeX or BibLaTeX (.bib), RIS (.ris) or CSL-JSON (.json)" in error.value.message
    assert "not UTF-8" not in error.value.message


def test_a_text_file_with_a_stray_nul_byte_still_imports(session):
    """One NUL in a .bib (a bad copy and paste) is no sign of a binary file; it imported before."""
    data = (
        b"@misc{tern2008, author = {Tern, Ina}, title = {Gull counts}, year = 2008}\n\x00\n"
        b"@misc{quill2009, author = {Quill, Mara}, title = {Tide\x00 tables}, year = 2009}\n"
    )
    assert "\x00" not in importer.decode(data)
    importer.import_references(session, None, data, filename="refs.bib")
    session.commit()
    titles = set(session.scalars(select(Document.title)))
    assert {"Gull counts", "Tide tables"} <= titles


def test_utf16_text_without_a_byte_order_mark_is_told_to_be_saved_as_utf8():
    for data in ("TY  - JOUR\r\nTI  - Gulls\r\n".encode(f"utf-16-{end}") for end in ("le", "be")):
        with pytest.raises(importer.ImportFailed) as error:
            importer.decode(data)
        assert "looks like UTF-16 text: save it as UTF-8" in error.value.message
        assert "binary" not in error.value.message


def test_an_uploaded_image_is_refused_by_what_it_is(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = auth.post(
        "/import",
        {"file": (BytesIO(PNG), "scan.png"), "format": ""},
        content_type="multipart/form-data",
    )
    body = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "The file looks like a PNG image" in body and "CSL-JSON (.json)" in body
    assert session.scalars(select(Document)).all() == []


def test_the_command_line_refuses_an_image_by_what_it_is(empty_database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    image = tmp_path / "refs.bib"
    image.write_bytes(PNG)
    result = runner.invoke(main, ["import", str(image)])
    assert result.exit_code != 0
    assert "The file looks like a PNG image" in result.output


def test_a_ris_record_with_only_a_short_title_is_cited_by_it(session):
    text = "TY  - RPRT\r\nST  - Harbour tolls\r\nAU  - Quill, Mara\r\nPY  - 2019\r\nER  - \r\n"
    (reference,) = importer.parse(text, "ris")
    assert reference.document.title == "Harbour tolls"
    assert "ST" not in reference.extra  # read as the title, not kept twice
    importer.import_references(session, None, text.encode(), format_name="ris")
    assert session.scalars(select(Document.title)).all() == ["Harbour tolls"]


def test_a_short_title_beside_a_title_is_kept_as_it_was():
    text = "TY  - RPRT\r\nTI  - Harbour tolls of the northern ports\r\nST  - Harbour tolls\r\nER  - \r\n"
    (reference,) = importer.parse(text, "ris")
    assert reference.document.title == "Harbour tolls of the northern ports"
    assert reference.extra["ST"] == "Harbour tolls"


@pytest.mark.parametrize(
    ("record", "title"),
    [
        ("TY  - RPRT\r\nAU  - Quill, Mara\r\nER  - \r\n", "[Report by Mara Quill]"),
        (
            "TY  - DATA\r\nAU  - Quill, Mara\r\nAU  - Reyes, Tom\r\nPY  - 2019\r\nER  - \r\n",
            "[Dataset by Mara Quill and Tom Reyes, 2019]",
        ),
        (
            "TY  - PCOMM\r\nAU  - Vell, Oriane\r\nAU  - Quill, Mara\r\nAU  - Reyes, Tom\r\n"
            "DA  - 2011/03/04\r\nER  - \r\n",
            "[Personal communication by Oriane Vell et al., 2011-03-04]",
        ),
        ("TY  - DATA\r\nER  - \r\n", "[Untitled dataset]"),
    ],
)
def test_a_ris_record_without_any_title_is_read_with_a_title_that_says_what_it_is(record, title):
    """Reference managers export untitled items (a dataset, a personal communication): the
    file was refused for them."""
    (reference,) = importer.parse(record, "ris")
    assert reference.document.title == title
    assert f"the entry has no title: recorded as “{title}”" in reference.notes


def test_an_untitled_ris_record_is_imported_and_the_preview_says_so(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    record = "TY  - DATA\nAU  - Quill, Mara\nPY  - 2019\nUR  - https://data.example/tides\nER  - \n"
    preview = auth.post(
        "/import",
        {"file": (BytesIO(record.encode()), "tides.ris"), "format": ""},
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "the entry has no title: recorded as “[Dataset by Mara Quill, 2019]”" in page
    done = auth.post("/import/confirm", {"content": record, "format": "ris"})
    assert done.status_code == 302
    session.rollback()
    assert session.scalars(select(Document.title)).all() == ["[Dataset by Mara Quill, 2019]"]
