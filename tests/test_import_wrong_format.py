"""A file read in a format it is not in names the format it looks like, and how to ask for it:
"holds no references" alone left the user to guess that --format was wrong."""

from __future__ import annotations

import pytest

from factdb.importer import ImportFailed, read

_RIS = "TY  - JOUR\nTI  - Tides of the Velmar estuary\nAU  - Quarrow, Ilse\nPY  - 2019\nER  - \n"
_BIBTEX = "@article{quarrow2019,\n  title = {Tides of the Velmar estuary},\n  year = {2019}\n}\n"
_CSL = '[{"id": "q19", "type": "article-journal", "title": "Tides of the Velmar estuary"}]'


@pytest.mark.parametrize(
    ("text", "asked", "told"),
    [
        (_RIS, "bibtex", "it looks like RIS: choose the format ris (factdb import --format ris)"),
        (_BIBTEX, "ris", "it looks like BibTeX: choose the format bibtex"),
        (_CSL, "ris", "it looks like CSL-JSON: choose the format csl-json"),
    ],
)
def test_the_format_the_file_looks_like_is_named(text, asked, told):
    with pytest.raises(ImportFailed) as failed:
        read(text, asked)
    assert told in str(failed.value)


def test_a_file_that_looks_like_nothing_known_still_holds_no_references():
    with pytest.raises(ImportFailed) as failed:
        read("Just a shopping list: eggs, flour.\n", "bibtex")
    assert "holds no references" in str(failed.value)
    assert "looks like" not in str(failed.value)
