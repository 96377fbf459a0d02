"""Shapes seen in reference managers' own files, each read as a person would expect."""

from __future__ import annotations

from factdb import importer

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
