"""Shapes seen in reference managers' own files, each read as a person would expect."""

from __future__ import annotations

from sqlalchemy import func, select

from factdb import importer
from factdb.models import Document

KEYLESS = """
\t@article{
\t  author = {Quillon, B. and Marrow, T.},
\t  title = {Lantern moths of the upper valley},
\t  journal = {Journal of Invented Fauna},
\t  year = {2011},
\t}

\t@book{
\t  author = {Ferrant, O.},
\t  title = {A field guide to nothing},
\t  year = {1999},
\t}
"""


def test_entries_written_without_a_key_are_read_with_none():
    """EndNote's BibTeX export writes `@article{` and the fields, with no key at all."""
    references = importer.parse(KEYLESS, "bibtex")
    assert [(ref.document.title, ref.key) for ref in references] == [
        ("Lantern moths of the upper valley", ""),
        ("A field guide to nothing", ""),
    ]
    assert references[0].document.container_title == "Journal of Invented Fauna"
    assert [author.family for author in references[0].authors] == ["Quillon", "Marrow"]
    assert references[1].line == 9


PREAMBLE_COMMANDS = r"""
@preamble{ "\providecommand{\Glimmer}{{Glimmer}--{Net}} "
         # "\def\Hollow{H{\o}llow Works}" }
@preamble{"\newcommand*{\Vane}{V\'ane}"}

@article{only,
  title = "{\Glimmer}",
  author = {Quillon, Bram},
  journal = {\Hollow{} Quarterly},
  year = 2003,
}

@article{inside,
  title = {A {\Glimmer} for the {\Vane} family},
  author = {Marrow, Tess},
  year = 2004,
}
"""


def test_commands_the_file_defines_in_its_preamble_are_read_as_their_text():
    """Hand-kept files define their logos in @preamble; a title of only that logo was refused."""
    references = {ref.key: ref for ref in importer.parse(PREAMBLE_COMMANDS, "bibtex")}
    assert references["only"].document.title == "Glimmer–Net"
    assert references["only"].document.container_title == "Høllow Works Quarterly"
    assert references["inside"].document.title == "A Glimmer–Net for the Váne family"
    assert references["inside"].notes == []


COLUMNS = """
@article{column-1,
  author = {Ferrant, Ottilie},
  title = {Notes from the lighthouse},
  journal = {The Lamplighter},
  volume = 12, number = 1, pages = {3--4}, year = 1991,
}
@article{column-2,
  author = {Ferrant, Ottilie},
  title = {Notes from the lighthouse},
  journal = {The Lamplighter},
  volume = 12, number = 2, pages = {101--102}, year = 1991,
}
@article{column-2-again,
  author = {Ferrant, O.},
  title = {Notes from the lighthouse},
  journal = {The Lamplighter},
  year = 1991,
}
"""


def test_a_column_of_the_same_title_in_two_issues_is_two_documents(session):
    """A journal's bibliography lists each issue's editorial under one title and year: they
    were merged into one document, and 532 of a 3,644-entry file were lost so."""
    items, _ = importer.import_references(session, None, COLUMNS.encode(), format_name="bibtex")
    session.commit()
    assert [item.action for item in items] == ["create", "create", "match"]
    assert session.scalar(select(func.count(Document.id))) == 2


MENDELEY_ESCAPES = r"""@inproceedings{Orrin2006,
doi = {10.5555/11837862{\_}13},
title = {{Gauges of the lower weir}},
url = {https://example.org/talks/WEIR{\_}TALK{\_}2006.PDF?a=1{\&}b={\%}20{\~{}}x{\#}top},
year = {2006}
}
"""


def test_a_doi_or_address_with_mendeleys_escaped_underscores_is_read_bare():
    """Mendeley escapes `_`, `&`, `%`, `~` and `#` in its DOIs and web addresses as in text
    (`10.1007/978-3-642-45100-3{\\_}10`); kept as written, the DOI resolves nowhere and the
    address is another page."""
    [reference] = importer.parse(MENDELEY_ESCAPES, "bibtex")
    assert reference.document.doi == "10.5555/11837862_13"
    assert reference.document.url == "https://example.org/talks/WEIR_TALK_2006.PDF?a=1&b=%20~x#top"


REPEATED_WITH_MORE = """@article{Tarr2019,
  author = {Tarr, Mila},
  title = {{A tide gauge for small harbours}},
  year = {2019}
}
@article{Tarr2019a,
  author = {Tarr, Mila},
  doi = {10.5555/tide.2019.13},
  journal = {Journal of Invented Harbours},
  pages = {13--29},
  title = {{A tide gauge for small harbours}},
  volume = {4},
  year = {2019}
}
"""


def test_a_repeat_in_the_same_file_fills_what_the_first_entry_lacked(session):
    """A library exported with the same paper twice, once bare and once complete: the one
    document recorded keeps the second entry's DOI, journal, volume and pages."""
    items, _ = importer.import_references(
        session, None, REPEATED_WITH_MORE.encode(), format_name="bibtex"
    )
    session.commit()
    assert [item.action for item in items] == ["create", "match"]
    document = session.scalars(select(Document)).one()
    assert (document.doi, document.container_title, document.volume, document.pages) == (
        "10.5555/tide.2019.13",
        "Journal of Invented Harbours",
        "4",
        "13-29",
    )
    assert any("doi" in note for note in items[1].reference.notes)
