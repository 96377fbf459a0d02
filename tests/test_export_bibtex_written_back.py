"""What an imported .bib gave comes back in the BibTeX export, once, as its readers take it."""

from __future__ import annotations

import subprocess

import pytest

from tests.test_bibtex_fidelity import _bib, _field, _import

_ZOTERO = r"""@article{brask_tides_2019,
  title = {Die Gezeiten der Brannock-Mündung},
  author = {Brask, Tomas},
  journal = {Küstenforschung},
  volume = {12},
  pages = {3--9},
  year = {2019},
  issn = {0036-8075, 1095-9203},
  isbn = {978-0-306-40615-7 978-1-4028-9462-6},
  url = {https://kueste.example/gezeiten},
  urldate = {2024-05-02},
  langid = {german},
}
"""


def test_every_issn_and_isbn_of_the_file_is_written_back(session):
    bib = _bib(session, _import(session, _ZOTERO))
    assert _field(bib, "issn") == "{0036-8075, 1095-9203}"
    assert _field(bib, "isbn") == "{978-0-306-40615-7, 978-1-4028-9462-6}"


def test_the_access_date_is_written_once_as_urldate(session):
    bib = _bib(session, _import(session, _ZOTERO))
    assert _field(bib, "urldate") == "{2024-05-02}"
    assert "Accessed" not in bib


@pytest.mark.parametrize("biblatex", [False, True])
def test_pandoc_keeps_a_german_titles_case_from_the_export(session, tmp_path, biblatex):
    import pypandoc

    path = tmp_path / "refs.bib"
    path.write_text(_bib(session, _import(session, _ZOTERO), biblatex), encoding="utf-8")
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "--citeproc", "--bibliography", str(path),
         "-f", "markdown", "-t", "plain", "--wrap=none"],
        input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, check=True,
    )  # fmt: skip
    # Chicago, pandoc's default, puts English titles in title case, and others as written.
    assert "Die Gezeiten der Brannock-Mündung" in done.stdout
