"""A generational suffix ("Jr.", "III") is a suffix however a person's name is written.

BibTeX's own rule reads `Martin Luther King Jr.` as a family name "Jr." and `Martin Luther
King, Jr.` as a family name "Martin Luther King"; reference managers and people write both.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from factdb.export import export
from factdb.importer import import_references
from factdb.models import Document, DocumentAuthor, Source
from factdb.sources import split_person_name
from factdb.vocab import Role, SourceKind


@pytest.mark.parametrize(
    "name",
    [
        "Martin Luther King Jr.",
        "Martin Luther King Jr",
        "Martin Luther King, Jr.",
        "King, Jr., Martin Luther",
        "King, Martin Luther, Jr.",
    ],
)
def test_a_suffix_is_never_the_family_or_given_name(name):
    assert split_person_name(name) == ("King", "Martin Luther")


def test_names_without_a_suffix_split_as_before():
    assert split_person_name("Ursula van der Leyen") == ("van der Leyen", "Ursula")
    assert split_person_name("Juniper Hale") == ("Hale", "Juniper")
    assert split_person_name("Jr.") == ("Jr.", "")


@pytest.mark.parametrize(
    "author",
    ["Martin Luther King Jr.", "Martin Luther King, Jr.", "King, Jr., Martin Luther"],
)
def test_bibtex_authors_with_a_suffix_export_as_king_jr(session, make, author):
    user = make.user(Role.EDITOR)
    text = f"@book{{k,\n  author = {{{author}}},\n  title = {{Why We Can't Wait}},\n  year = {{1964}}\n}}\n"
    import_references(session, user, text.encode(), format_name="bibtex")
    session.commit()
    king = session.query(Source).one()
    assert (king.family_name, king.given_name) == ("King", "Martin Luther")
    csl = json.loads(export(session, "csl-json").content)
    assert csl[0]["author"] == [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]
    bibtex = export(session, "bibtex").content
    assert "author = {King, Jr., Martin Luther}" in bibtex
    assert "{k," in bibtex  # the file's own key is kept
    # The key factdb makes takes the family name, never the suffix.
    session.query(Document).one().extra = {}
    session.commit()
    assert "{king1964why," in export(session, "bibtex").content


def test_a_source_stored_with_the_suffix_as_family_name_exports_right(session, make):
    """Sources recorded before the suffix was recognised keep "Jr." as their family name."""
    king = make.source("Martin Luther King Jr.", kind=SourceKind.PERSON)
    document = make.document("Why We Can't Wait", published="1964")
    session.add(DocumentAuthor(document_id=document.id, position=0, source_id=king.id))
    session.execute(
        update(Source)
        .where(Source.id == king.id)
        .values(family_name="Jr.", given_name="Martin Luther King")
    )
    session.commit()
    csl = json.loads(export(session, "csl-json").content)
    assert csl[0]["author"] == [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]


@pytest.mark.parametrize(
    ("text", "format_name"),
    [
        ("@incollection{s, author = {Senior, Carla and Junior, Ode}, editor = {Senior, Carla},"
         " title = {Faces}, booktitle = {Leaders}, year = {2018}}", "bibtex"),
        ("TY  - CHAP\nAU  - Senior, Carla\nAU  - Junior, Ode\nTI  - Faces\nPY  - 2018\nER  - \n",
         "ris"),
        ('[{"id": "s", "type": "chapter", "title": "Faces", "author": [{"family": "Senior",'
         ' "given": "Carla"}, {"family": "Junior", "given": "Ode"}]}]', "csl-json"),
    ],
)  # fmt: skip
def test_a_family_name_that_is_a_suffix_word_stays_the_family_name(session, text, format_name):
    """ "Senior, Carla" names Carla Senior: only a name written without a comma ("Martin
    Luther King Jr.") has its last word read as a suffix; BibTeX then refused the editor
    written back as "Carla, Senior, "."""
    import_references(session, None, text.encode(), format_name=format_name)
    session.commit()
    people = {(s.family_name, s.given_name) for s in session.query(Source)}
    assert people == {("Senior", "Carla"), ("Junior", "Ode")}
    if format_name == "bibtex":
        assert "editor = {Senior, Carla}" in export(session, "bibtex").content
