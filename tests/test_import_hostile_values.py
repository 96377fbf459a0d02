"""A reference file's values that Python cannot take as they come never end in an error.

A date written with thousands of digits (Python refuses to read an integer of more than
4,300 digits), a CSL-JSON number as long, and a CSL-JSON string escaping half a surrogate
pair (`\\ud800`, which no database stores) gave a 500 on the import page, a traceback from
`factdb import`, and a failed background job. A date is left out with a note, as any date
that cannot be read; the JSON is refused naming its line, as the API refuses such a body.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner

from factdb import importer
from factdb.cli import main
from factdb.vocab import Role

DIGITS = "9" * 5000

DATED = {
    "bibtex date": (
        "bibtex",
        f"@article{{tern2020,\n  title = {{Tern colonies}},\n  date = {{{DIGITS}}}\n}}\n",
    ),
    "bibtex written date": (
        "bibtex",
        f"@article{{tern2020,\n  title = {{Tern colonies}},\n  date = {{5 March {DIGITS}}}\n}}\n",
    ),
    "bibtex access date": (
        "bibtex",
        f"@misc{{tern2020,\n  title = {{Tern colonies}},\n  urldate = {{{DIGITS}}}\n}}\n",
    ),
    "bibtex month": (
        "bibtex",
        f"@article{{tern2020,\n  title = {{Tern colonies}},\n  year = {{2020}},\n"
        f"  month = {{{DIGITS}}}\n}}\n",
    ),
    "ris year": ("ris", f"TY  - JOUR\nTI  - Tern colonies\nPY  - {DIGITS}\nER  - \n"),
    "ris date": ("ris", f"TY  - JOUR\nTI  - Tern colonies\nDA  - 2020/{DIGITS}/\nER  - \n"),
    "csl date parts": (
        "csl-json",
        '[{"id": "tern", "type": "book", "title": "Tern colonies", '
        f'"issued": {{"date-parts": [["{DIGITS}"]]}}}}]',
    ),
    "csl raw date": (
        "csl-json",
        '[{"id": "tern", "type": "book", "title": "Tern colonies", '
        f'"accessed": {{"raw": "{DIGITS}"}}}}]',
    ),
}


@pytest.mark.parametrize("case", DATED, ids=list(DATED))
def test_a_date_of_thousands_of_digits_is_left_out_with_a_note(case):
    format_name, text = DATED[case]
    (reference,) = importer.read(text, format_name).references
    assert reference.document.title == "Tern colonies"
    assert reference.document.published in ("", "2020")
    assert any("left out" in note or "read as" in note for note in reference.notes)


LONG_NUMBER = f'[\n{{"id": "tern", "type": "book", "title": "Tern colonies"}},\n{{"id": "gull", "type": "book", "title": "Gulls", "volume": {DIGITS}}}\n]'  # fmt: skip
HALF_PAIR = '[{"id": "tern", "type": "book", "title": "Tern \\ud800 colonies"}]'


def test_a_json_number_of_thousands_of_digits_is_refused_with_its_line():
    with pytest.raises(importer.ImportFailed) as refused:
        importer.read(LONG_NUMBER, "csl-json")
    (problem,) = refused.value.problems
    assert problem.line == 3 and "digits" in problem.message


def test_half_a_surrogate_pair_is_refused_naming_the_entry():
    with pytest.raises(importer.ImportFailed) as refused:
        importer.read(HALF_PAIR, "csl-json")
    (problem,) = refused.value.problems
    assert problem.line == 1 and "surrogate" in problem.message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("long.json", LONG_NUMBER, "digits"),
        ("half.json", HALF_PAIR, "surrogate"),
        ("dated.bib", DATED["bibtex date"][1], "left out"),
        ("dated.ris", DATED["ris year"][1], "left out"),
    ],
)
def test_the_import_page_says_what_is_wrong(client, auth, make, name, content, expected):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    upload = auth.post(
        "/import",
        {"file": (BytesIO(content.encode()), name), "format": ""},
        content_type="multipart/form-data",
    )
    assert upload.status_code in (200, 422)
    assert expected in upload.get_data(as_text=True)


@pytest.mark.parametrize(
    ("name", "content", "code", "expected"),
    [
        ("long.json", LONG_NUMBER, 1, "digits"),
        ("half.json", HALF_PAIR, 1, "surrogate"),
        ("dated.bib", DATED["bibtex written date"][1], 0, "left out"),
    ],
)
def test_the_command_line_says_what_is_wrong(
    database_url, monkeypatch, tmp_path, name, content, code, expected
):
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--dry-run"])
    assert result.exit_code == code and not isinstance(result.exception, ValueError)
    assert expected in result.output
