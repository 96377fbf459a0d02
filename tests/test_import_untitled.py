"""A BibTeX or CSL-JSON entry with no title is recorded under a description, with a note,
instead of refusing the whole file (as an untitled RIS record already was)."""

from __future__ import annotations

from io import BytesIO

from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.cli import main
from factdb.models import Document
from factdb.vocab import Role

#: A thesis's .bib: a web address noted with no title, a thesis cited by its author alone.
BIB = """@book{quill2019, author = {Quill, Mara}, title = {Tide tables of the north}, year = 2019}

@misc{harbourcam, howpublished = {\\url{https://harbour.example/cam}}, note = {Accessed 2021}}

@phdthesis{reyes2008, author = {Reyes, Tom}, school = {University of Skerry}, year = 2008}
"""

CSL = """[
  {"id": "a", "type": "book", "title": "Gull counts", "issued": {"date-parts": [[2004]]}},
  {"id": "b", "type": "dataset", "author": [{"family": "Vell", "given": "Oriane"}],
   "issued": {"date-parts": [[2011, 3, 4]]}}
]"""


def test_untitled_bibtex_entries_are_read_with_a_description_and_a_note():
    reading = importer.read(BIB, "bibtex")
    titles = [reference.document.title for reference in reading.references]
    assert titles == [
        "Tide tables of the north",
        "[Untitled web page: harbour.example/cam]",
        "[Thesis by Tom Reyes, 2008]",
    ]
    thesis = reading.references[2]
    assert thesis.notes == ["the entry has no title: recorded as “[Thesis by Tom Reyes, 2008]”"]
    assert reading.skipped == []


def test_an_untitled_csl_json_item_is_read_with_a_description():
    reading = importer.read(CSL, "csl-json")
    assert [reference.document.title for reference in reading.references] == [
        "Gull counts",
        "[Dataset by Oriane Vell, 2011-03-04]",
    ]


def test_a_file_with_untitled_entries_is_imported_whole_and_again_matches(session):
    importer.import_references(session, None, BIB.encode(), filename="thesis.bib")
    session.commit()
    assert len(session.scalars(select(Document)).all()) == 3
    items, _ = importer.import_references(session, None, BIB.encode(), filename="thesis.bib")
    assert [item.action for item in items] == ["match"] * 3


def test_the_command_line_imports_untitled_entries_with_their_note(
    empty_database_url, monkeypatch, tmp_path
):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    path = tmp_path / "library.json"
    path.write_text(CSL)
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "note: the entry has no title: recorded as “[Dataset by Oriane Vell" in result.output
    assert "2 references: created 2" in result.output


def test_the_browser_preview_says_an_entry_had_no_title(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = auth.post(
        "/import",
        {"file": (BytesIO(BIB.encode()), "thesis.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "the entry has no title: recorded as “[Thesis by Tom Reyes, 2008]”" in page


#: Two untitled items with no author, date, address or identifier, told apart only by a note.
NOTES = """@misc{c, note = {Interview with the harbour master}}

@misc{d, note = {Letter from the ferry board}}
"""


def test_untitled_items_with_no_author_are_told_apart_by_what_they_carry(session):
    """A bare "[Untitled work]" made the second item "the same as an earlier entry in this
    file", and every later untitled item of another file "already present": never recorded."""
    items, _ = importer.import_references(session, None, NOTES.encode(), filename="notes.bib")
    assert [item.action for item in items] == ["create", "create"]
    session.commit()
    assert sorted(session.scalars(select(Document.title))) == [
        "[Untitled work: Interview with the harbour master]",
        "[Untitled work: Letter from the ferry board]",
    ]
    again, _ = importer.import_references(session, None, NOTES.encode(), filename="notes.bib")
    assert [item.action for item in again] == ["match", "match"]
    later = b"@misc{e, note = {Memo on the pier}}\n"
    (memo,), _ = importer.import_references(session, None, later, filename="later.bib")
    assert memo.action == "create"


def test_an_untitled_dated_ris_record_with_no_author_is_told_apart_by_its_note():
    text = (
        "TY  - DATA\nPY  - 2019\nN1  - Gull counts at the pier\nER  - \n\n"
        "TY  - DATA\nPY  - 2019\nN1  - Tide gauge readings\nER  - \n"
    )
    titles = [reference.document.title for reference in importer.parse(text, "ris")]
    assert titles == [
        "[Dataset: Gull counts at the pier, 2019]",
        "[Dataset: Tide gauge readings, 2019]",
    ]


#: The same two untitled, unauthored items, carrying nothing but their keys, as RIS and BibTeX.
KEYED_RIS = (
    "TY  - GEN\r\nID  - pierlog2019\r\nPY  - 2019\r\nER  - \r\n"
    "TY  - GEN\r\nID  - gullnotes\r\nER  - \r\n"
)
KEYED_BIB = "@misc{pierlog2019, year = {2019}}\n@misc{gullnotes}\n"


def test_keyed_untitled_items_are_told_apart_by_their_keys_in_ris_and_bibtex_alike(session):
    """With nothing else to go by, two untitled items were one "[Untitled work]" (the second
    matched to the first), and RIS called a generic record "generic" where BibTeX says "work":
    the same item read from each file became two documents."""
    titles = {
        kind: [reference.document.title for reference in importer.parse(text, kind)]
        for kind, text in (("ris", KEYED_RIS), ("bibtex", KEYED_BIB))
    }
    assert (
        titles["ris"]
        == titles["bibtex"]
        == [
            "[Work: pierlog2019, 2019]",
            "[Untitled work: gullnotes]",
        ]
    )
    items, _ = importer.import_references(session, None, KEYED_RIS.encode(), filename="a.ris")
    assert [item.action for item in items] == ["create", "create"]
    session.commit()
    again, _ = importer.import_references(session, None, KEYED_BIB.encode(), filename="a.bib")
    assert [item.action for item in again] == ["match", "match"]
