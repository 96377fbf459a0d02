"""A volume, issue, pages or other short detail too long for its field is kept under extra.

A library database's export can hold a whole reference in a record's issue; that refused
the whole file, though the entry is worth importing: the value is kept, with a note.
"""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.cli import main
from factdb.models import Document

PASTED = "Marsh, T. (1991). Tide tables of the outer skerries. Northport: Harbour Press, pp. 1-200."

RIS = f"""TY  - JOUR
T1  - Harbour seals and the spring tide
A1  - Marsh, Tove
T2  - Northern Quarterly
VL  - 119
IS  - {PASTED}
SP  - 26
PY  - 2019
ER  -
"""

BIB = (
    "@article{quill2020,\n  title = {Tern colonies},\n  author = {Quill, Mara},\n"
    f"  journal = {{Coastal Birds}},\n  pages = {{{'12-13, ' * 20}14}},\n  year = {{2020}}\n}}\n"
)


def test_an_issue_too_long_is_kept_under_extra_with_a_note():
    (reference,) = importer.parse(RIS, "ris")
    assert reference.document.issue == ""
    assert reference.document.volume == "119"
    assert reference.extra["IS"] == PASTED
    assert any("issue" in note and "kept under extra" in note for note in reference.notes)


def test_pages_too_long_are_kept_under_extra_with_a_note():
    (reference,) = importer.parse(BIB, "bibtex")
    assert reference.document.pages == ""
    assert reference.extra["pages"].startswith("12-13, 12-13")


def test_the_import_keeps_the_entry_and_the_value(session):
    importer.import_references(session, None, RIS.encode(), format_name="ris")
    document = session.scalars(select(Document)).one()
    assert (document.title, document.issue) == ("Harbour seals and the spring tide", "")
    assert document.extra["ris.IS"] == PASTED


def test_the_command_line_imports_the_entry(empty_database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    path = tmp_path / "library.ris"
    path.write_text(RIS)
    result = runner.invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 reference: created 1" in result.output
    assert "issue" in result.output and "kept under extra" in result.output
