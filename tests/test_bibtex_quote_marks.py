"""Straight quotation marks in a title reach LaTeX and pandoc as opening and closing marks.

A headline typed `Minister accused of 'playing politics'` printed as ’Playing Politics’ through
pandoc and BibTeX (both read a straight `'` as a closing mark, and keep `"` straight).
"""

from __future__ import annotations

import subprocess
import time

import pypandoc
import pytest

from factdb.export import export
from factdb.export.bibtex_title import quote_marks
from factdb.importer import latex_to_text


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("accused of 'playing politics' over \"strike\" talks",
         "accused of `playing politics' over ``strike'' talks"),
        ("O'Brien's 'last' stand", "O'Brien's `last' stand"),
        ("'Don't panic,' says 'expert'", "`Don't panic,' says `expert'"),
        ("'t Hooft and the 1990s' boom", "'t Hooft and the 1990s' boom"),
        ("Rock 'n' roll in the '90s", "Rock 'n' roll in the '90s"),
        ("'Tis the season's 'best' day", "'Tis the season's `best' day"),
        ('A "quote" and "another one"', "A ``quote'' and ``another one''"),
        ('An odd " mark', 'An odd " mark'),
    ],
)  # fmt: skip
def test_paired_straight_marks_are_written_as_latex_opens_and_closes(typed, written):
    assert quote_marks(typed) == written


@pytest.mark.parametrize("name", ["bibtex", "biblatex"])
def test_pandoc_prints_an_exported_headline_with_opening_marks(session, make, name):
    document = make.document("Minister accused of 'playing politics' over \"strike\" talks")
    bib = export(session, name, claim_ids=[], document_ids=[document.id]).content
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", name, "-t", "csljson"],
        input=bib, capture_output=True, text=True, check=True,
    )  # fmt: skip
    # pandoc's CSL-JSON gives every quotation its outer marks (citeproc nests them when it prints).
    assert "“playing politics”" in done.stdout
    assert "“strike”" in done.stdout


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("``Quoted'' and `single' marks", "“Quoted” and ‘single’ marks"),
        ("`Don't panic,' she said", "‘Don't panic,’ she said"),
        ("O'Brien's ``last'' {Stand}", "O'Brien's “last” Stand"),
        ("No marks at all", "No marks at all"),
    ],
)
def test_an_imported_title_reads_latex_quotation_marks_as_the_marks_they_print(written, read):
    assert latex_to_text(written) == read


@pytest.mark.parametrize("hostile", ["`" * 50_000, "``x " * 12_500, "'" * 50_000, ' "a' * 16_000])
def test_a_field_of_thousands_of_quotation_marks_is_read_and_written_in_linear_time(hostile):
    """A file's field of 50,000 backticks took 18 s to read: each `` searched to the end."""
    started = time.perf_counter()
    latex_to_text(hostile)
    quote_marks(hostile)
    assert time.perf_counter() - started < 1.0
