"""An "et al." written into the author list is "and others", never a person named "et al."."""

from __future__ import annotations

import json

import pytest

from factdb import importer
from factdb.text import AUTHORS_TRUNCATED

NOTE = "“et al.” after the last author read as “and others”"


@pytest.mark.parametrize(
    "written",
    [
        "P.Q. Marrow et.al.",
        "P. Q. Marrow et al.",
        "P. Q. Marrow et al",
        "P. Q. Marrow et. al.",
        "P. Q. Marrow and et al.",
        "P. Q. Marrow & al.",
        "Marrow, P. Q. et al.",
        "P. Q. Marrow and {et al.}",
    ],
)
def test_bibtex_et_al_is_and_others(written):
    bib = f"@article{{weir, author = {{{written}}}, title = {{Weir Heights}}, year = {{2014}}}}\n"
    [reference] = importer.parse(bib, "bibtex")
    assert [(a.family, a.given.replace(" ", "")) for a in reference.authors] == [("Marrow", "P.Q.")]
    assert reference.kept[AUTHORS_TRUNCATED] == "others"
    assert NOTE in reference.notes


def test_a_name_with_al_in_it_is_left_alone():
    bib = "@article{w, author = {Ali, Sal and Al Amin, Dana}, title = {Weirs}, year = {2014}}\n"
    [reference] = importer.parse(bib, "bibtex")
    assert [a.family for a in reference.authors] == ["Ali", "Al Amin"]
    assert AUTHORS_TRUNCATED not in reference.kept
    assert reference.notes == []


def test_ris_et_al_line_and_suffix():
    ris = "TY  - JOUR\nTI  - Weir Heights\nAU  - Marrow, P. Q.\nAU  - Quill, Ann et al.\nER  - \n"
    [reference] = importer.parse(ris, "ris")
    assert [a.family for a in reference.authors] == ["Marrow", "Quill"]
    assert reference.kept[AUTHORS_TRUNCATED] == "others"
    ris = "TY  - JOUR\nTI  - Weir Heights\nAU  - Marrow, P. Q.\nAU  - et al.\nER  - \n"
    [reference] = importer.parse(ris, "ris")
    assert [a.family for a in reference.authors] == ["Marrow"]
    assert NOTE in reference.notes


def test_csl_literal_et_al():
    item = {
        "type": "article",
        "title": "Weir Heights",
        "author": [{"literal": "P. Q. Marrow et al."}],
    }
    [reference] = importer.parse(json.dumps([item]), "csl-json")
    assert [a.name for a in reference.authors] == ["P. Q. Marrow"]
    assert reference.kept[AUTHORS_TRUNCATED] == "others"
    assert NOTE in reference.notes
