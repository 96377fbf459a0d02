"""A .bib file's @string macros and crossref parents cannot blow a small file up in memory."""

from __future__ import annotations

import tracemalloc

import pytest

from factdb import importer
from factdb.importer import ImportFailed


def _doubling_macros(steps: int) -> str:
    """Each macro is the one before twice over: ten characters times 2 ** `steps`."""
    lines = ['@string{m0 = "xxxxxxxxxx"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, steps + 1)]
    return "\n".join([*lines, f"@misc{{bomb, title = {{Bomb}}, note = m{steps}}}"])


def _children_of_a_long_parent(children: int, size: int) -> str:
    parent = f"@proceedings{{parent, title = {{{'word ' * (size // 5)}}}, year = 2020}}"
    kids = [
        f"@inproceedings{{c{i}, title = {{Paper {i}}}, crossref = {{parent}}}}"
        for i in range(children)
    ]
    return "\n".join([parent, *kids])


def _peak_while(action) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_macros_doubling_themselves_are_refused_before_they_grow():
    """300 bytes that would make 40 MB (and 30 more lines, 10 GB) of text."""
    source = _doubling_macros(22)
    caught: list[ImportFailed] = []

    def read() -> None:
        with pytest.raises(ImportFailed) as error:
            importer.read(source, "bibtex")
        caught.append(error.value)

    peak = _peak_while(read)
    assert "@string macros and crossref parents" in caught[0].message
    assert "more than 2,000,000 characters" in caught[0].message
    assert peak < 40 * 1024 * 1024


def test_many_children_of_a_long_crossref_parent_are_refused():
    source = _children_of_a_long_parent(children=200, size=200_000)
    with pytest.raises(ImportFailed, match="@string macros and crossref parents"):
        importer.read(source, "bibtex")


def test_ordinary_macros_and_crossrefs_still_import():
    """A journal macro in 2,000 entries and 300 papers of one proceedings are far from the limit."""
    journal = '@string{jgr = "Journal of Geophysical Research: Oceans and Atmospheres"}'
    articles = [
        f"@article{{a{i}, title = {{Article {i}}}, journal = jgr, year = 2001, author = {{Doe, Jane}}}}"
        for i in range(2000)
    ]
    papers = _children_of_a_long_parent(children=300, size=200)
    reading = importer.read("\n".join([journal, *articles, papers]), "bibtex")
    assert len(reading.references) == 2301
    assert reading.references[0].document.container_title.startswith("Journal of Geophysical")
    assert reading.references[-1].document.container_title.startswith("word word")
