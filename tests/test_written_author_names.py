"""An entry names its authors as its file, form or API call gave them, and never merges people.

Two written names are one source only when they are equal after folding case and spaces (or one
is a recorded alias of the other); initials that fit a fuller name are offered as a likely
duplicate, never merged, and never change what an entry prints.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Source

FILE_A = """@article{a, author = {Brannock, O. J. K.}, title = {Tidal Gauges}, year = {2019}}
@article{b, author = {Quist, Tamsin E.}, title = {Harbour Silt}, year = {2020}}
"""
FILE_B = json.dumps(
    [{"id": "c", "type": "article-journal", "title": "Breakwaters",
      "author": [{"family": "Brannock", "given": "Odile"}], "issued": {"date-parts": [[2021]]}}]
)  # fmt: skip


def _csl_authors(session) -> dict[str, list[str]]:
    items = json.loads(export(session, "csl-json").content)
    return {
        item["title"]: [f"{a.get('family', '')}, {a.get('given', '')}" for a in item["author"]]
        for item in items
    }


def _people(session, family: str) -> list[str]:
    query = select(Source.name).where(Source.family_name == family).order_by(Source.id)
    return list(session.scalars(query))


def test_a_second_file_never_rewrites_a_name_with_a_person_of_the_first(session):
    importer.import_references(session, None, FILE_A.encode(), format_name="bibtex")
    session.commit()
    items, _ = importer.import_references(session, None, FILE_B.encode(), format_name="csl-json")
    session.commit()
    assert _csl_authors(session)["Breakwaters"] == ["Brannock, Odile"]
    assert _people(session, "Brannock") == ["O. J. K. Brannock", "Odile Brannock"]
    recorded = session.scalar(select(Source.id).where(Source.name == "O. J. K. Brannock"))
    assert items[0].reference.notes == [
        f"author Odile Brannock may be the same person as O. J. K. Brannock (#{recorded}): "
        "recorded apart, check whether they are one"
    ]


@pytest.mark.parametrize(
    ("format_name", "content"),
    [
        ("bibtex", "@article{a, author = {Brannock, Odile}, title = {Tidal Gauges}, year = {2019}}\n"
                   "@article{b, author = {Brannock, O.}, title = {Harbour Silt}, year = {2020}}\n"
                   "@article{c, author = {Brannock, O. J.}, title = {Quays}, year = {2021}}\n"),
        ("ris", "TY  - JOUR\nTI  - Tidal Gauges\nAU  - Brannock, Odile\nPY  - 2019\nER  - \n"
                "TY  - JOUR\nTI  - Harbour Silt\nAU  - Brannock, O.\nPY  - 2020\nER  - \n"
                "TY  - JOUR\nTI  - Quays\nAU  - Brannock, O. J.\nPY  - 2021\nER  - \n"),
        ("csl-json", json.dumps([
            {"id": key, "type": "article-journal", "title": title,
             "author": [{"family": "Brannock", "given": given}], "issued": {"date-parts": [[year]]}}
            for key, title, given, year in [("a", "Tidal Gauges", "Odile", 2019),
                                            ("b", "Harbour Silt", "O.", 2020),
                                            ("c", "Quays", "O. J.", 2021)]])),
    ],
)  # fmt: skip
def test_initials_within_one_file_stay_as_written(session, format_name, content):
    items, _ = importer.import_references(session, None, content.encode(), format_name=format_name)
    session.commit()
    assert _csl_authors(session) == {
        "Tidal Gauges": ["Brannock, Odile"],
        "Harbour Silt": ["Brannock, O."],
        "Quays": ["Brannock, O. J."],
    }
    assert _people(session, "Brannock") == ["Odile Brannock", "O. Brannock", "O. J. Brannock"]
    assert [bool(item.maybe_same) for item in items] == [False, True, True]


def test_one_person_written_in_other_case_is_one_source_and_each_entry_prints_its_own(session):
    content = (
        "@article{a, author = {Brannock, Odile}, title = {Tidal Gauges}, year = {2019}}\n"
        "@article{b, author = {BRANNOCK, ODILE}, title = {Harbour Silt}, year = {2020}}\n"
    )
    importer.import_references(session, None, content.encode(), format_name="bibtex")
    session.commit()
    assert _people(session, "Brannock") == ["Odile Brannock"]
    assert _csl_authors(session) == {
        "Tidal Gauges": ["Brannock, Odile"],
        "Harbour Silt": ["BRANNOCK, ODILE"],
    }
    again = importer.parse(export(session, "bibtex").content, "bibtex")
    assert sorted(r.authors[0].name for r in again) == ["ODILE BRANNOCK", "Odile Brannock"]


def test_a_recorded_alias_is_the_source_and_the_entry_keeps_the_alias(session, make):
    source = make.source("Odile Brannock", aliases=["Odile Brannock-Vey"])
    content = "@article{a, author = {Brannock-Vey, Odile}, title = {Quays}, year = {2021}}\n"
    importer.import_references(session, None, content.encode(), format_name="bibtex")
    session.commit()
    assert _csl_authors(session) == {"Quays": ["Brannock-Vey, Odile"]}
    assert session.scalar(select(Source.name).where(Source.id == source.id)) == "Odile Brannock"


def test_the_form_keeps_the_written_name_and_never_merges_initials(client, auth, make, session):
    from factdb.vocab import Role

    make.source("Odile Brannock")
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    done = auth.post(
        "/documents/new",
        {
            "title": "Quays",
            "doc_type": "journal_article",
            "authors": "BRANNOCK, Odile\nBrannock, O.",
        },
    )
    assert done.status_code == 302, done.get_data(as_text=True)
    assert _csl_authors(session) == {"Quays": ["BRANNOCK, Odile", "Brannock, O."]}
    assert _people(session, "Brannock") == ["Odile Brannock", "O. Brannock"]
    edit = client.get(done.headers["Location"] + "/edit").get_data(as_text=True)
    assert "Odile BRANNOCK\nO. Brannock" in edit


def test_the_api_keeps_the_written_name_and_never_merges_initials(client, make, session):
    from factdb.access import create_token
    from factdb.vocab import Role

    make.source("Odile Brannock")
    editor = make.user(Role.EDITOR, email="ed@example.org")
    headers = {"Authorization": f"Bearer {create_token(session, editor, 'script').secret}"}
    session.commit()
    answer = client.post(
        "/api/v1/documents",
        headers=headers,
        json={"title": "Quays", "doc_type": "journal_article",
              "authors": ["odile  brannock", "O. Brannock"]},
    )  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    document = answer.get_json()["data"]
    assert [a["name"] for a in document["authors"]] == ["odile  brannock", "O. Brannock"]
    assert _people(session, "Brannock") == ["Odile Brannock", "O. Brannock"]
    # An edit that names the authors by id keeps how the document wrote them.
    patched = client.patch(
        f"/api/v1/documents/{document['id']}",
        headers=headers,
        json={"version": document["version"], "language": "en"},
    ).get_json()["data"]
    assert [a["name"] for a in patched["authors"]] == ["odile  brannock", "O. Brannock"]
    assert _csl_authors(session)["Quays"] == ["brannock, odile", "Brannock, O."]
