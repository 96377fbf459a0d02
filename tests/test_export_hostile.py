"""Hostile values cannot break out of any export: golden files, read back by independent parsers."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import bibtexparser
import pypandoc
import pytest
import rispy

from factdb.export import FORMATS, ExportSettings, export
from tests import golden_set

GOLDEN = Path(__file__).parent / "golden" / "hostile"
UPDATE = os.environ.get("FACTDB_UPDATE_GOLDEN") == "1"
SETTINGS = ExportSettings("Ledger Checks", "https://checks.example", "https://factdb.example")
CASES = [(name, output) for name, fmt in FORMATS.items() for output in (fmt.outputs or ("",))]


@pytest.fixture
def hostile(make):
    return golden_set.build_hostile(make)


def _export(session, hostile, name: str, output: str = "") -> str:
    documents, claim = hostile
    return export(
        session, name, claim_ids=[claim], document_ids=documents, output=output, settings=SETTINGS
    ).content


@pytest.mark.parametrize(("name", "output"), CASES)
def test_hostile_values_match_golden_files(session, hostile, name, output):
    content = _export(session, hostile, name, output)
    extension = {"text": "txt", "html": "html", "markdown": "md"}.get(
        output, FORMATS[name].extension
    )
    path = GOLDEN / f"{name}{'-' + output if output else ''}.{extension}"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content.encode("utf-8"))
    assert content == path.read_bytes().decode("utf-8")


def _pandoc(text: str, source: str, target: str) -> str:
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", source, "-t", target],
        input=text, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize("name", ["bibtex", "biblatex"])
def test_bibtex_values_cannot_open_a_field(session, hostile, name):
    text = _export(session, hostile, name)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == 3
    first = library.entries[0].fields_dict
    assert "\\input{" not in text  # every backslash and brace of a value is escaped
    assert first["url"].value == "https://x.example/a%7D,note=%7B%5Cinput%7B/etc/passwd%7D%7D"
    expected = {"author", "title", "url"} | (
        {"journaltitle", "entrysubtype", "date"} if name == "biblatex" else {"journal", "entrysubtype", "year", "month", "day"}
    )  # fmt: skip
    assert set(first) == expected
    # pandoc's own BibTeX reader sees the same three entries and the same address.
    items = json.loads(_pandoc(text, name, "csljson"))
    assert len(items) == 3 and items[0]["URL"] == first["url"].value


def test_ris_values_cannot_start_a_tag_or_a_record(session, hostile):
    text = _export(session, hostile, "ris")
    references = rispy.loads(text)
    assert len(references) == 3
    assert [ref["type_of_reference"] for ref in references] == ["NEWS", "RPRT", "ELEC"]
    folded = references[1]
    assert folded["doi"] == "10.5555/a ER - TY - BOOK TI - injected"
    assert folded["publisher"] == "Ministry ER - TY - BOOK" and folded["language"] == "en TY - JOUR"
    assert folded["title"] == "Line breaks in the DOI"


def test_csl_json_keeps_values_exactly(session, hostile):
    items = json.loads(_export(session, hostile, "csl-json"))
    assert items[1]["DOI"] == "10.5555/a\nER  - \nTY  - BOOK\nTI  - injected"
    assert items[0]["URL"] == golden_set.HOSTILE_URL


def test_claimreview_can_sit_in_a_script_element(session, hostile):
    text = _export(session, hostile, "claimreview")
    assert "<" not in text and ">" not in text and "&" not in text
    (review,) = json.loads(text)
    assert review["reviewBody"] == golden_set.HOSTILE_NOTE
    assert review["claimReviewed"] == "A claim </script> with [a link](javascript:alert(1))"


@pytest.mark.parametrize(
    ("name", "output"), [(name, output) for name, output in CASES if output in ("markdown", "html")]
)
def test_markdown_and_html_carry_no_script_and_no_javascript_link(session, hostile, name, output):
    text = _export(session, hostile, name, output)
    html = text if output == "html" else _pandoc(text, "markdown", "html")
    assert "<script" not in html.lower()
    assert 'href="javascript:' not in html.lower()


def test_wikipedia_templates_stay_closed(session, hostile):
    for line in _export(session, hostile, "wikipedia").splitlines():
        assert line.startswith("{{cite ") and line.endswith("}}")
        assert line.count("{{") == line.count("}}") and "[" not in line and "\n" not in line


def test_csv_reads_back_as_one_row_per_citation(session, hostile):
    text = _export(session, hostile, "csv").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and rows[1][1] == "A claim </script> with [a link](javascript:alert(1))"
