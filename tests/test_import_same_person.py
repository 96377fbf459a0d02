"""One person written two ways across entries ("Odile Brannock", "O. Brannock") may be one.

A name given with initials that fit an author of the same family name is recorded apart, as
written, and the import notes the likely duplicate: initials alone never merge two names.
"""

from __future__ import annotations

from io import BytesIO

from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.models import Document, DocumentAuthor, Source
from factdb.vocab import Role

TWO_WAYS = """@article{a, author = {Brannock, Odile and Quist, Tam}, title = {Tidal Gauges},
 journal = {Harbour Review}, year = {2019}}
@article{b, author = {O. Brannock}, title = {Harbour Silt}, journal = {Harbour Review}, year = {2020}}
@article{c, author = {Brannock, O. J.}, title = {Breakwaters}, journal = {Harbour Review}, year = {2021}}
"""


def _authors(session, title: str) -> list[str]:
    return list(
        session.scalars(
            select(Source.name)
            .join(DocumentAuthor, DocumentAuthor.source_id == Source.id)
            .join(Document, Document.id == DocumentAuthor.document_id)
            .where(Document.title == title)
            .order_by(DocumentAuthor.position)
        )
    )


def _people(session, family: str) -> list[str]:
    query = select(Source.name).where(Source.family_name == family).order_by(Source.id)
    return list(session.scalars(query))


def test_initials_that_fit_one_author_are_recorded_apart_with_a_note(session):
    items, _ = importer.import_references(session, None, TWO_WAYS.encode(), format_name="bibtex")
    session.commit()
    assert _people(session, "Brannock") == ["Odile Brannock", "O. Brannock", "O. J. Brannock"]
    assert _authors(session, "Harbour Silt") == ["O. Brannock"]
    assert _authors(session, "Breakwaters") == ["O. J. Brannock"]
    assert items[1].reference.notes == [
        "author O. Brannock may be the same person as Odile Brannock (line 1): recorded apart, "
        "check whether they are one"
    ]
    assert items[2].reference.notes == [
        "author O. J. Brannock may be the same person as Odile Brannock (line 1) or O. Brannock "
        "(line 3): recorded apart, check whether they are one"
    ]


def test_initials_that_fit_an_author_recorded_before_the_import_are_noted(session):
    first = TWO_WAYS.split("@article{b")[0]
    importer.import_references(session, None, first.encode(), format_name="bibtex")
    session.commit()
    recorded = session.scalar(select(Source).where(Source.name == "Odile Brannock"))
    items, _ = importer.import_references(
        session, None, b"TY  - JOUR\nTI  - Harbour Silt\nAU  - Brannock, O.\nPY  - 2020\nER  - \n",
        format_name="ris",
    )  # fmt: skip
    session.commit()
    assert _authors(session, "Harbour Silt") == ["O. Brannock"]
    assert items[0].reference.notes == [
        f"author O. Brannock may be the same person as Odile Brannock (#{recorded.id}): "
        "recorded apart, check whether they are one"
    ]


def test_a_different_full_given_name_or_a_non_author_is_another_person(session, make):
    make.source("Ines Brannock")  # a speaker, author of nothing
    source = (
        "@article{a, author = {Brannock, Odile}, title = {Tidal Gauges}, year = {2019}}\n"
        "@article{b, author = {Brannock, Olav}, title = {Harbour Silt}, year = {2020}}\n"
        "@article{c, author = {Brannock, I.}, title = {Breakwaters}, year = {2021}}\n"
        "@article{d, author = {Brannock, Odile Jo}, title = {Quays}, year = {2022}}\n"
        "@article{e, author = {Quist, T.}, title = {Moorings}, year = {2022}}\n"
    )
    items, _ = importer.import_references(session, None, source.encode(), format_name="bibtex")
    session.commit()
    # Odile Jo is no abbreviation: nothing in it stands for a longer name.
    assert _people(session, "Brannock") == [
        "Ines Brannock", "Odile Brannock", "Olav Brannock", "I. Brannock", "Odile Jo Brannock",
    ]  # fmt: skip
    assert _people(session, "Quist") == ["T. Quist"]
    assert all(not item.reference.notes for item in items)


def test_initials_that_fit_two_people_keep_them_apart_and_say_so(session):
    source = (
        "@article{a, author = {Brannock, Odile}, title = {Tidal Gauges}, year = {2019}}\n"
        "@article{b, author = {Brannock, Olav}, title = {Harbour Silt}, year = {2020}}\n"
        "@article{c, author = {O. Brannock}, title = {Breakwaters}, year = {2021}}\n"
    )
    items, _ = importer.import_references(session, None, source.encode(), format_name="bibtex")
    session.commit()
    assert _people(session, "Brannock") == ["Odile Brannock", "Olav Brannock", "O. Brannock"]
    assert items[2].reference.notes == [
        "author O. Brannock may be the same person as Odile Brannock (line 1) or Olav Brannock "
        "(line 2): recorded apart, check whether they are one"
    ]
    assert importer.same_people_summary(items) == (
        "1 author name may be the same person as another: recorded apart, see the notes; "
        "merge those that are one from a source's page (Merge into…) or with `factdb source merge`"
    )


def test_the_command_line_says_how_many_names_it_read_as_one_person(
    app, database_url, monkeypatch, session, tmp_path
):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "two-ways.bib"
    path.write_text(
        TWO_WAYS
        + "@article{d, author = {Brannock, Olav}, title = {Quays}, year = {2022}}\n"
        + "@article{e, author = {Brannock, O.}, title = {Moorings}, year = {2023}}\n"
        + "@article{f, author = {Vale, Tomas and Vale, Tove}, title = {Buoys}, year = {2023}}\n"
        + "@article{g, author = {T. Vale}, title = {Slipways}, year = {2024}}\n"
    )
    done = CliRunner().invoke(main, ["import", str(path)])
    assert done.exit_code == 0, done.output
    assert "note: author O. Brannock may be the same person as Odile Brannock (line 1)" in (
        done.output
    )
    assert done.output.splitlines()[-1] == (
        "4 author names may be the same person as another: recorded apart, see the notes; "
        "merge those that are one from a source's page (Merge into…) or with `factdb source merge`."
    )
    session.rollback()
    # One name is one source throughout a file: the second "O. Brannock" is the first's.
    assert _people(session, "Brannock") == [
        "Odile Brannock", "O. Brannock", "O. J. Brannock", "Olav Brannock",
    ]  # fmt: skip
    assert _people(session, "Vale") == ["Tomas Vale", "Tove Vale", "T. Vale"]


def test_every_name_stays_as_written_however_full_the_others_are(session):
    source = (
        "@article{a, author = {O. Brannock}, title = {Tidal Gauges}, year = {2019}}\n"
        "@article{b, author = {Brannock, O. J.}, title = {Harbour Silt}, year = {2020}}\n"
        "@article{c, author = {Brannock, Odile J.}, title = {Breakwaters}, year = {2021}}\n"
    )
    items, _ = importer.import_references(session, None, source.encode(), format_name="bibtex")
    session.commit()
    assert _people(session, "Brannock") == ["O. Brannock", "O. J. Brannock", "Odile J. Brannock"]
    assert [item.reference.notes for item in items] == [
        [],
        ["author O. J. Brannock may be the same person as O. Brannock (line 1): recorded apart, "
         "check whether they are one"],
        ["author Odile J. Brannock may be the same person as O. Brannock (line 1) or O. J. "
         "Brannock (line 2): recorded apart, check whether they are one"],
    ]  # fmt: skip


def test_the_browser_import_says_so_in_the_preview_and_after(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = auth.post(
        "/import",
        {"file": (BytesIO(TWO_WAYS.encode()), "two-ways.bib"), "format": ""},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "author O. Brannock may be the same person as Odile Brannock (line 1)" in preview
    assert "2 author names may be the same person as another" in preview
    done = auth.post("/import/confirm", {"content": TWO_WAYS, "format": "bibtex"})
    assert done.status_code == 302
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "2 author names may be the same person as another" in page
    assert _people(session, "Brannock") == ["Odile Brannock", "O. Brannock", "O. J. Brannock"]
    # After the import each such name links to its merge, not to a source's page.
    ids = dict(session.execute(select(Source.name, Source.id).where(Source.family_name == "Brannock")).all())  # fmt: skip
    odile, short, middle = ids["Odile Brannock"], ids["O. Brannock"], ids["O. J. Brannock"]
    assert (
        f'<a href="/sources/{short}/merge?into_id={odile}">Merge O. Brannock into Odile Brannock…</a>'
        in page
    )
    assert (
        f'<a href="/sources/{middle}/merge?into_id={odile}">Merge O. J. Brannock into Odile Brannock…</a>'
        in page
    )
    assert (
        f'<a href="/sources/{middle}/merge?into_id={short}">Merge O. J. Brannock into O. Brannock…</a>'
        in page
    )


def test_the_preview_links_each_recorded_namesake_to_its_page_where_it_is_merged(
    client, auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    recorded = make.source("Odile Brannock")
    make.document("Quay Walls", authors=[recorded.id])
    auth.login("ed@example.org")
    entry = "@article{b, author = {O. Brannock}, title = {Harbour Silt}, year = {2020}}\n"
    preview = auth.post(
        "/import",
        {"file": (BytesIO(entry.encode()), "one.bib"), "format": ""},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert f'Odile Brannock (<a href="/sources/{recorded.id}">#{recorded.id}</a>)' in preview
    assert "merge those that are one from a source&#39;s page (Merge into…)" in preview


def test_a_file_imported_in_the_background_links_each_merge_too(
    app, client, auth, make, session, monkeypatch
):
    from factdb.importer import jobs
    from tests.test_import_jobs import _job_field, _run, _upload

    monkeypatch.setattr(jobs, "BACKGROUND_CHARACTERS", 10)  # every file takes the job's path
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = _run(app, client, _upload(auth, TWO_WAYS).location, jobs.PREVIEW_KIND)
    confirm = auth.post("/import/confirm", {"job": _job_field(preview.get_data(as_text=True))})
    done = _run(app, client, confirm.location, jobs.WRITE_KIND)
    page = client.get(done.location).get_data(as_text=True)
    session.rollback()
    ids = dict(session.execute(select(Source.name, Source.id)).all())
    short, odile = ids["O. Brannock"], ids["Odile Brannock"]
    assert f'<a href="/sources/{short}/merge?into_id={odile}">Merge O. Brannock into Odile Brannock…</a>' in page  # fmt: skip
