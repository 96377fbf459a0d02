"""A name that opens with an accented capital keeps it as the given name.

BibTeX reads `{\\'{A}}ngel de la Torre` as given "Ángel", particle "de la", family "Torre" (the
case of a braced special character is its letter's); the name splitter took the brace group
for a lower-case word, so the whole name became one family name and styles printed it whole.
"""

from __future__ import annotations

import json

import pytest

from factdb import importer
from factdb.export import export
from factdb.importer.bibtex import text
from factdb.importer.names import bibtex_name


@pytest.mark.parametrize(
    ("written", "family", "given"),
    [
        ("{\\'{A}}ngel de la Torre", "de la Torre", "Ángel"),
        ("{\\'A}ngel de la Torre", "de la Torre", "Ángel"),
        ("\\'{A}ngel de la Torre", "de la Torre", "Ángel"),
        ("\\'Angel de la Torre", "de la Torre", "Ángel"),
        ('{\\"{O}}zil Tamer', "Tamer", "Özil"),
        ("{\\O}ster Brandvik", "Brandvik", "Øster"),
        ("\\v{S}imon de Vries", "de Vries", "Šimon"),
        ("{\\v{S}}imon de Vries", "de Vries", "Šimon"),
        ("de la Torre, {\\'{A}}ngel", "de la Torre", "Ángel"),
    ],
)
def test_an_accented_capital_opens_a_given_name(written, family, given):
    author = bibtex_name(written, text)
    assert author is not None
    assert (author.family, author.given) == (family, given)


def test_a_lower_case_accented_particle_stays_a_particle():
    author = bibtex_name("Jean {\\'{e}}l Marrec", text)
    assert author is not None
    assert (author.family, author.given) == ("él Marrec", "Jean")


def test_an_imported_file_exports_the_name_split(session):
    content = (
        "@article{r04, author = {Ram{\\'{\\i}}rez, Javier and {\\'{A}}ngel de la Torre},"
        " title = {Voice Activity}, journal = {Speech}, year = {2004}}\n"
    )
    importer.import_references(session, None, content.encode(), format_name="bibtex")
    session.commit()
    (item,) = json.loads(export(session, "csl-json").content)
    names = [(a.get("family"), a.get("given")) for a in item["author"]]
    assert names[1] in {("de la Torre", "Ángel"), ("Torre", "Ángel")}
    assert names[0] == ("Ramírez", "Javier")
