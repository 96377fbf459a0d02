"""biblatex reads institution, publisher, organization and location as lists split at "and":
"National Institute of Standards and Technology" came out of biber and pandoc as
"National Institute of Standards; Technology". BibTeX's are plain text, left as they are."""

from __future__ import annotations

import json
import subprocess

from factdb.export.bibtex import entry

_REPORT = {
    "id": "weirs2005",
    "type": "report",
    "title": "Weir tables",
    "author": [{"family": "Quill", "given": "Ann"}],
    "publisher": "Institute of Weirs and Sluices",
    "publisher-place": "Harwick",
    "issued": {"date-parts": [[2005]]},
}


def test_biblatex_braces_a_list_field_holding_and():
    written = entry(_REPORT, biblatex=True)
    assert "  institution = {{Institute of Weirs and Sluices}}," in written
    book = entry({**_REPORT, "type": "book", "publisher": "Marrow and Sons"}, biblatex=True)
    assert "  publisher = {{Marrow and Sons}}," in book
    plain = entry({**_REPORT, "publisher": "Institute of Weirs"}, biblatex=True)
    assert "  institution = {Institute of Weirs}," in plain


def test_bibtex_leaves_them_as_they_are():
    assert "  institution = {Institute of Weirs and Sluices}," in entry(_REPORT, biblatex=False)


def test_pandoc_reads_the_institution_whole(tmp_path):
    path = tmp_path / "out.bib"
    path.write_text(entry(_REPORT, biblatex=True), encoding="utf-8")
    done = subprocess.run(
        ["pandoc", "-f", "biblatex", "-t", "csljson", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    [item] = json.loads(done.stdout)
    assert item["publisher"] == "Institute of Weirs and Sluices"
