"""Importing reference files: Zotero-style BibTeX, RIS and CSL-JSON, matched without duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from factdb import importer
from factdb.export import export
from factdb.models import Change, Document, Source, User
from factdb.users import COMMAND_LINE_EMAIL
from factdb.vocab import Role
from tests import golden_set

DATA = Path(__file__).parent / "data"


def _count(session, model) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("name", ["zotero.bib", "zotero.ris", "zotero.json"])
def test_zotero_files_import_once(session, name):
    data = (DATA / name).read_bytes()
    items, result = importer.import_references(session, None, data, filename=name)
    session.commit()
    assert result is not None and len(result.created) == len(items)
    first = _count(session, Document)
    again, second = importer.import_references(session, None, data, filename=name)
    session.commit()
    assert [item.action for item in again] == ["match"] * len(again)
    assert second is not None and second.created == []
    assert _count(session, Document) == first


def test_the_three_formats_recognise_the_same_documents(session):
    importer.import_references(
        session, None, (DATA / "zotero.bib").read_bytes(), filename="zotero.bib"
    )
    session.commit()
    items, _ = importer.import_references(
        session, None, (DATA / "zotero.json").read_bytes(), filename="z.json", dry_run=True
    )
    reasons = {item.reference.document.title: (item.action, item.reason) for item in items}
    # The trailing slash of the URL does not stop the match.
    assert reasons["Behind the president's secret trip to Kestria"] == ("match", "URL")
    assert reasons["Flight VN-001 track"] == ("match", "URL")
    assert reasons["Statement on the deployment of Norvanian advisers"][0] == "create"


def test_bibtex_details_survive(session):
    importer.import_references(
        session, None, (DATA / "zotero.bib").read_bytes(), filename="zotero.bib"
    )
    session.commit()
    muller = session.scalar(select(Document).where(Document.doi == "10.1234/SZ.2024.001"))
    assert muller.title == "Die grüne Wende in München"
    assert muller.container_title == "Süddeutsche Zeitung"
    vdl = session.scalar(select(Source).where(Source.name == "Ursula von der Leyen"))
    assert (vdl.family_name, vdl.given_name, vdl.kind.value) == (
        "von der Leyen",
        "Ursula",
        "person",
    )
    institute = session.scalar(select(Source).where(Source.name == "Baltic Security Institute"))
    assert institute.kind.value == "organisation"


def test_matching_by_doi_title_and_year_and_within_the_file(session, make):
    make.document("Known report", published="2024-05", doi="10.5555/ABC")
    text = """@article{a, title={Something else}, doi={10.5555/abc}, year={2024}}
@article{b, title={known REPORT}, year={2024}}
@article{c, title={Fresh}, year={2024}}
@article{d, title={Fresh}, year={2024}}
"""
    items, _ = importer.import_references(
        session, None, text.encode(), format_name="bibtex", dry_run=True
    )
    assert [(i.action, i.reason) for i in items] == [
        ("match", "DOI"),
        ("match", "title and year"),
        ("create", ""),
        ("match", "earlier in this file"),
    ]


@pytest.mark.parametrize(
    ("data", "format_name", "expected"),
    [
        (b"@article{x,\n title={ok}\n\n@misc{y, title = {a}}\n", "bibtex", "line 2 (x)"),
        (b"@misc{y, title={unbalanced {brace}\n", "bibtex", "line 2 (y)"),
        (b"@misc{y, title={" + b"x" * 1001 + b"}}\n", "bibtex", "longer than 1,000 characters"),
        (b"TY  - NEWS\r\nTI  - x\r\nER  - \r\nTI  - stray\r\n", "ris", "line 4"),
        (b"TY  - NEWS\nTI  - x\n", "ris", "no ER line"),
        (b'[{"id": "a", "title": "x"}, 5]', "csl-json", "line 1 (item 2): each item must be"),
        (b"TY  - NEWS\nTI  - ok\nER  - \nTY  - NEWS\nTY  - NEWS\nER  - \n", "ris", "line 4"),
        (b'[{"id": "a", "title": "x"},\n {"id": "b" "title": "y"}]', "csl-json", "line 2"),
        (b"\xff\xfe\x00junk", "", "not UTF-8"),
        (b"   ", "bibtex", "empty"),
    ],
)
def test_broken_files_are_refused_whole_with_lines(session, data, format_name, expected):
    good = b"@misc{good, title={A good entry}, url={https://good.example}}\n"
    payload = good + data if format_name == "bibtex" and data.strip() else data
    with pytest.raises(importer.ImportFailed) as error:
        importer.import_references(session, None, payload, format_name=format_name)
    assert expected in error.value.message
    session.rollback()
    assert _count(session, Document) == 0


def test_exports_import_back_as_matches(session, make):
    ids = golden_set.build(make)
    for name in ("csl-json", "bibtex", "biblatex", "ris"):
        content = export(session, name, claim_ids=[], document_ids=ids).content
        items, _ = importer.import_references(
            session, None, content.encode(), format_name=name, dry_run=True
        )
        assert [item.action for item in items] == ["match"] * len(ids), name


def test_cli_import_dry_run_then_real(app, database_url, monkeypatch, session):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    runner = CliRunner()
    path = str(DATA / "zotero.ris")
    dry = runner.invoke(main, ["import", path, "--dry-run"])
    assert dry.exit_code == 0 and "would create 3" in dry.output
    assert _count(session, Document) == 0
    real = runner.invoke(main, ["import", path])
    assert real.exit_code == 0 and "created 3" in real.output
    again = runner.invoke(main, ["import", path])
    assert "created 0, 3 already present" in again.output
    # Without --as the history names the command line, never nobody and never a person.
    session.rollback()
    authors = set(session.scalars(select(Change.user_id).where(Change.entity == "document")))
    assert {session.get(User, i).email for i in authors} == {COMMAND_LINE_EMAIL}
    unknown = runner.invoke(main, ["import", path, "--as", "nobody@example.org"])
    assert unknown.exit_code == 1 and "There is no account nobody@example.org" in unknown.output
    broken = DATA / "broken.bib"
    try:
        broken.write_text("@article{x,\n title={never closed}\n")
        failed = runner.invoke(main, ["import", str(broken)])
    finally:
        broken.unlink()
    assert (
        failed.exit_code == 1
        and "Nothing was imported" in failed.output
        and "line 1" in failed.output
    )


def test_cli_export_to_stdout_and_file(app, database_url, monkeypatch, make, tmp_path):
    from factdb.cli import main

    editor = make.user(Role.EDITOR)
    claim = make.claim(
        editor,
        "Exports rose.",
        document=make.document("Trade report", url="https://t.example", published="2025"),
    )
    make.claim(
        editor,
        "Other",
        document=make.document("Other report", url="https://o.example", published="2025"),
    )
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    runner = CliRunner()
    out = runner.invoke(main, ["export", "--format", "bibtex", "--claim", str(claim.id)])
    assert out.exit_code == 0 and "Trade report" in out.output and "Other report" not in out.output
    target = tmp_path / "refs.ris"
    written = runner.invoke(main, ["export", "--format", "ris", "-o", str(target)])
    assert written.exit_code == 0 and target.read_bytes().count(b"TY  - ") == 2
    bad = runner.invoke(main, ["export", "--format", "docx"])
    assert bad.exit_code == 2 and "choose one of" in bad.output
    status = runner.invoke(main, ["export", "--format", "csv", "--status", "unverified"])
    assert status.exit_code == 0 and "Exports rose." in status.output


def test_browser_export_preview_download_and_import(client, auth, make, session):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("Trade report", url="https://t.example", published="2025")
    claim = make.claim(editor, "Exports rose.", document=document)
    auth.login("ed@example.org")
    listing = client.get("/").get_data(as_text=True)
    # Editors tick claims for the bulk actions (export among them); the menu exports the filters.
    assert 'form="bulk-form"' in listing and 'id="export-form"' in listing
    assert "Preview export" in listing
    preview = client.get(f"/export?format=bibtex&claim={claim.id}")
    assert preview.status_code == 200 and "Copy to clipboard" in preview.get_data(as_text=True)
    assert "Trade report" in preview.get_data(as_text=True)
    download = client.get(f"/export/download?format=ris&claim={claim.id}")
    assert download.headers["Content-Disposition"] == 'attachment; filename="factdb-ris.ris"'
    assert b"TI  - Trade report\r\n" in download.data
    single = client.get(f"/export?format=apa&document_only={document.id}").get_data(as_text=True)
    assert "Trade report" in single
    filtered = client.get("/export?format=csv&status=true").get_data(as_text=True)
    assert "Exports rose." not in filtered

    from io import BytesIO

    upload = auth.post(
        "/import",
        {"file": (BytesIO((DATA / "zotero.json").read_bytes()), "zotero.json"), "format": ""},
        content_type="multipart/form-data",
    )
    body = upload.get_data(as_text=True)
    assert upload.status_code == 200 and "New document" in body
    assert _count(session, Document) == 1  # the preview writes nothing
    content = (DATA / "zotero.json").read_text()
    confirm = auth.post("/import/confirm", {"content": content, "format": "csl-json"})
    assert confirm.status_code == 302
    assert _count(session, Document) == 4
    quirky = auth.post(
        "/import",
        {"file": (BytesIO((DATA / "quirks.bib").read_bytes()), "quirks.bib"), "format": ""},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "entries were read with changes" in quirky
    assert "date &#39;1999-uu&#39; read as 1999" in quirky
    broken = auth.post(
        "/import",
        {"file": (BytesIO(b"TY  - NEWS\nTI  - x\n"), "bad.ris")},
        content_type="multipart/form-data",
    )
    assert broken.status_code == 422 and "no ER line" in broken.get_data(as_text=True)


def test_a_reference_with_more_authors_than_a_document_takes_is_kept_and_says_so(session):
    """A collaboration paper lists thousands of authors: the import keeps the first ones and
    notes how many there were, instead of refusing the whole file."""
    from factdb.documents import MAX_AUTHORS

    authors = " and ".join(f"Physicist{n}, A." for n in range(MAX_AUTHORS + 250))
    data = (
        "@article{big, title={Observation of a new particle}, journal={Phys. Lett. B},"
        f" year={{2012}}, author={{{authors}}}}}\n"
    )
    references = importer.parse(data, "bibtex")
    assert len(references[0].authors) == MAX_AUTHORS
    assert any(f"first {MAX_AUTHORS} of {MAX_AUTHORS + 250:,} authors" in note
               for note in references[0].notes)  # fmt: skip
    importer.import_references(session, None, data.encode(), filename="big.bib")
    session.commit()
    document = session.scalar(
        select(Document)
        .where(Document.title.like("Observation%"))
        .options(selectinload(Document.authors))
    )
    assert len(document.authors) == MAX_AUTHORS


def _csl(*items: dict) -> bytes:
    import json

    return json.dumps(list(items)).encode()


_BOOK_URL = "https://press.example/books/harbour-lights"
_BOOK = {"id": "b", "type": "book", "title": "Harbour Lights", "URL": _BOOK_URL,
         "author": [{"family": "Quillon", "given": "Ada"}], "issued": {"date-parts": [[2011]]}}  # fmt: skip
_CHAPTERS = [
    {"id": f"c{n}", "type": "chapter", "title": title, "container-title": "Harbour Lights",
     "URL": _BOOK_URL, "author": [{"family": "Quillon", "given": "Ada"}],
     "issued": {"date-parts": [[2011]]}}
    for n, title in enumerate(["The first tide", "Night crossings"])
]  # fmt: skip
_NAMESAKES = [
    {"id": "w1", "type": "article-journal", "title": "Oriane Vell", "container-title":
     "Northern Quarterly", "author": [{"family": "Brask", "given": "Tomas"}],
     "issued": {"date-parts": [[1950]]}},
    {"id": "w2", "type": "article-journal", "title": "Oriane Vell", "container-title":
     "Review of Letters", "author": [{"family": "Odin", "given": "Marthe"}],
     "issued": {"date-parts": [[1950]]}},
]  # fmt: skip


def test_the_same_title_and_year_at_two_addresses_are_two_documents(session, make):
    make.document("Pier to reopen", published="2026-05-01", url="https://a.example/pier")
    text = """@misc{a, title={Pier to reopen}, year={2026}, url={https://b.example/news/pier}}
@misc{b, title={Pier to reopen}, year={2026}, url={https://WWW.a.example/pier/}}
@misc{c, title={Pier to reopen}, year={2026}, url={https://c.example/pier}}
@misc{d, title={Pier to reopen}, year={2026}}
"""
    items, _ = importer.import_references(
        session, None, text.encode(), format_name="bibtex", dry_run=True
    )
    assert [(i.action, i.reason) for i in items] == [
        ("create", ""),
        ("match", "URL"),
        ("create", ""),
        ("match", "earlier in this file"),
    ]


def test_chapters_sharing_their_books_url_and_namesake_articles_stay_apart(session):
    data = _csl(_BOOK, *_CHAPTERS, *_NAMESAKES)
    items, _ = importer.import_references(session, None, data, filename="x.json")
    session.commit()
    assert [item.action for item in items] == ["create"] * 5
    # Against the database too: each chapter is not its book, nor the other chapter.
    for item in (_CHAPTERS[1], _NAMESAKES[1]):
        again, _ = importer.import_references(session, None, _csl(item), dry_run=True)
        assert (again[0].action, again[0].match.title) == ("match", item["title"])
        assert again[0].match.container_title == item["container-title"]
    other = {**_NAMESAKES[0], "container-title": "Gazette of Elsewhere"}
    fresh = {**_CHAPTERS[0], "title": "A third chapter"}
    again, _ = importer.import_references(session, None, _csl(other, fresh), dry_run=True)
    assert [item.action for item in again] == ["create", "create"]


_ISBNS = "978-0-00-000001-1 978-0-00-000002-8 978-0-00-000003-5 978-0-00-000004-2"


@pytest.mark.parametrize(
    ("format_name", "data", "kept_as"),
    [
        ("bibtex", f"@book{{b, title={{Many printings}}, isbn={{{_ISBNS}}}}}\n", "bibtex.isbn"),
        ("ris", f"TY  - BOOK\nTI  - Many printings\nSN  - {_ISBNS}\nER  - \n", "ris.SN"),
        ("csl-json", f'[{{"id": "b", "type": "book", "title": "Many printings", "ISBN": "{_ISBNS}"}}]',
         "csl.ISBN"),
    ],
)  # fmt: skip
def test_several_isbns_keep_the_first_and_the_rest_under_extra(session, format_name, data, kept_as):
    items, result = importer.import_references(
        session, None, data.encode(), format_name=format_name
    )
    session.commit()
    document = result.created[0]
    assert document.isbn == "978-0-00-000001-1"
    assert document.extra[kept_as] == _ISBNS.split(" ", 1)[1]
    assert "kept the first of 4 ISBNs; the others are under extra" in items[0].reference.notes


#: The second entry's title is over the limit of a document's (an abstract pasted there).
_TOO_LONG = "the title is longer than 1,000 characters"
_ONE_BAD = f"""@misc{{good, title={{A good entry}}, year={{2020}}}}

@misc{{untitled, title={{{"Tide " * 201}}}, year={{2021}}}}

@misc{{also, title={{Another good one}}, year={{2022}}}}
"""


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "library.ris", "The file is empty."),
        (b"\n\n", "library.bib", "The file is empty."),
        (
            b"AU  - Holt, Lena\nER  - \n",
            "library.ris",
            "holds no RIS record: each opens with a line TY  - ",
        ),
        (
            b'[{"id": "a", "title": "Unfinish',
            "library.json",
            "line 1, column 23: not valid JSON: Unterminated string",
        ),
    ],
)
def test_a_file_of_a_known_kind_that_holds_nothing_readable_says_what_it_lacks(
    session, data, filename, expected
):
    with pytest.raises(importer.ImportFailed) as error:
        importer.import_references(session, None, data, filename=filename)
    assert expected in error.value.message
    assert "Cannot tell the format" not in error.value.message


def test_skip_invalid_imports_the_rest_and_names_what_it_left_out(session):
    with pytest.raises(
        importer.ImportFailed,
        match=r"line 3 \(untitled\): the title is longer than 1,000 characters",
    ):
        importer.import_references(session, None, _ONE_BAD.encode(), format_name="bibtex")
    session.rollback()
    assert _count(session, Document) == 0
    _items, result = importer.import_references(
        session, None, _ONE_BAD.encode(), format_name="bibtex", skip_invalid=True
    )
    session.commit()
    assert [document.title for document in result.created] == ["A good entry", "Another good one"]
    assert [str(problem) for problem in result.skipped] == [f"line 3 (untitled): {_TOO_LONG}"]


def test_cli_skip_invalid(app, database_url, monkeypatch, session, tmp_path):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "library.bib"
    path.write_text(_ONE_BAD)
    runner = CliRunner()
    refused = runner.invoke(main, ["import", str(path)])
    assert refused.exit_code == 1 and "Nothing was imported" in refused.output
    assert "import the other 2 entries with --skip-invalid" in refused.output
    only_bad = tmp_path / "only-bad.bib"
    only_bad.write_text("@misc{untitled, title={" + "Tide " * 201 + "}, year={2021}}\n")
    nothing = runner.invoke(main, ["import", str(only_bad)])
    assert nothing.exit_code == 1 and "--skip-invalid" not in nothing.output
    done = runner.invoke(main, ["import", str(path), "--skip-invalid"])
    assert done.exit_code == 0, done.output
    assert f"skipped line 3 (untitled): {_TOO_LONG}" in done.output
    assert "2 references: created 2, 0 already present, 1 skipped." in done.output
    assert _count(session, Document) == 2


def test_browser_offers_to_skip_the_entries_that_cannot_be_imported(client, auth, make, session):
    from io import BytesIO

    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = auth.post(
        "/import",
        {"file": (BytesIO(_ONE_BAD.encode()), "library.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Nothing was imported." in body
    assert "Preview the other entries, skipping these" in body
    skipping = auth.post(
        "/import/skipping", {"content": _ONE_BAD, "format": "bibtex", "skip_invalid": "1"}
    ).get_data(as_text=True)
    assert "1 entry is left out, as you chose" in skipping
    assert f"line 3 (untitled): {_TOO_LONG}" in skipping
    assert 'name="skip_invalid" type="hidden" value="1"' in skipping
    confirm = auth.post(
        "/import/confirm", {"content": _ONE_BAD, "format": "bibtex", "skip_invalid": "1"}
    )
    assert confirm.status_code == 302
    assert _count(session, Document) == 2
    # Without the choice, the file is still refused whole.
    again = auth.post("/import/confirm", {"content": _ONE_BAD, "format": "bibtex"})
    assert again.status_code == 422


def test_a_refused_upload_is_read_once(client, auth, make, monkeypatch):
    """A file of a few megabytes takes a minute to read: a refusal that read it a second time,
    to learn whether skipping would help, kept the request twice as long."""
    from io import BytesIO

    reads = []
    real_read = importer.read
    monkeypatch.setattr(importer, "read", lambda *a, **k: reads.append(1) or real_read(*a, **k))
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = auth.post(
        "/import",
        {"file": (BytesIO(_ONE_BAD.encode()), "library.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    assert "Preview the other entries, skipping these" in refused.get_data(as_text=True)
    assert len(reads) == 1
    only_bad = auth.post(
        "/import",
        {"file": (BytesIO(b"@misc{untitled, year={2021}}\n"), "library.bib"), "format": ""},
        content_type="multipart/form-data",
    )
    assert "skipping these" not in only_bad.get_data(as_text=True)
    assert len(reads) == 2


def test_imported_citation_keys_are_kept_and_exported_when_unique(session, make):
    text = """@book{quillon2011tides, title={The first tide}, author={Quillon, Ada}, year={2011}}
@misc{harbourtrust, title={Harbour Trust annual figures}, url={https://trust.example/figures}}
@misc{twin, title={One of two}, year={2019}}
@misc{twin, title={Two of two}, year={2019}}
@misc{brask2020other, title={Taken key}, author={Odin, Marthe}, year={2020}}
"""
    importer.import_references(session, None, text.encode(), format_name="bibtex")
    make.document("Other matters", published="2020", authors=["Tomas Brask"])
    session.commit()
    bib = export(session, "bibtex").content
    assert "{quillon2011tides," in bib and "{harbourtrust," in bib
    # Two entries with one key, and a key another document's own key already is, fall back.
    assert "{twin," not in bib and "{anon2019one," in bib and "{anon2019two," in bib
    assert bib.count("{brask2020other,") == 1 and "{odin2020taken," in bib
    csl = export(session, "csl-json").content
    assert '"id": "quillon2011tides"' in csl
    # Each format's own key is kept: a CSL-JSON id and an RIS ID, but not a Zotero address.
    items, _ = importer.import_references(
        session,
        None,
        b'[{"id": "vell1950", "title": "Oriane"}, {"id": "http://zotero.org/users/1/items/AB", '
        b'"title": "Zotero item"}]',
        format_name="csl-json",
    )
    assert [i.reference.document.extra.get("citation-key") for i in items] == ["vell1950", None]
    ris, _ = importer.import_references(
        session, None, b"TY  - RPRT\nID  - trust-2020\nTI  - Figures\nER  - \n", format_name="ris"
    )
    assert ris[0].reference.document.extra["citation-key"] == "trust-2020"


@pytest.mark.parametrize(
    ("note", "accessed"),
    [
        ("Last accessed 2019-10-15", "2019-10-15"),
        ("Accessed: 3 March 2020.", "2020-03-03"),
        ("accessed on March 4, 2021", "2021-03-04"),
        ("Accessed in spring", None),
        # Said after something else: the date is read, and the note kept as it was.
        ("(Archived) Last accessed 2021-09-23", "2021-09-23"),
        ("Unaccessed draft 2019-10-15", None),
    ],
)
def test_an_access_date_written_in_a_bibtex_note_is_read_as_one(note, accessed):
    text = f"@misc{{a, title={{Figures}}, url={{https://trust.example}}, note={{{note}}}}}\n"
    (reference,) = importer.parse(text, "bibtex")
    found = reference.document.accessed
    assert (found.isoformat() if found else None) == accessed
    kept = reference.document.extra.get("bibtex.note")
    assert kept == (None if accessed and note[0] != "(" else note)


def test_a_match_fills_the_documents_empty_fields_and_overwrites_none(session, make):
    """One export of a library carries the issue, another left it out: importing the second
    after the first completes the documents, and the history says who did it."""
    user = make.user(Role.EDITOR)
    bib = """@article{brask2001tides, title = {Tides of the north}, author = {Brask, Tomas},
journal = {Northern Quarterly}, volume = {5}, year = {2001}, doi = {10.5555/tides}}
"""
    importer.import_references(session, user, bib.encode(), format_name="bibtex")
    session.commit()
    ris = (
        "TY  - JOUR\nTI  - Tides of the north\nAU  - Brask, Tomas\nT2  - Northern Quarterly\n"
        "VL  - 7\nIS  - 1\nSP  - 10\nEP  - 19\nPY  - 2001\nDO  - 10.5555/tides\nER  - \n"
    )
    items, _ = importer.import_references(session, user, ris.encode(), format_name="ris")
    session.commit()
    assert (items[0].action, items[0].fills) == ("match", ["issue", "pages"])
    document = session.scalars(select(Document)).one()
    assert (document.volume, document.issue, document.pages) == ("5", "1", "10-19")
    change = session.scalars(select(Change).where(Change.entity == "document")).all()[-1]
    assert change.user_id == user.id


def _textarea_as_sent(page: str) -> str:
    """The hidden content field's value as a browser sends it: an HTML parser drops one
    newline straight after <textarea>, and a form sends its line breaks as CRLF."""
    import html
    import re

    raw = re.search(r'<textarea name="content"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    value = html.unescape(raw)
    value = value[1:] if value.startswith("\n") else value
    return value.replace("\r\n", "\n").replace("\n", "\r\n")


def test_skipping_keeps_the_line_numbers_of_the_file(client, auth, make):
    from io import BytesIO

    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    # A file that starts with a blank line: its entries' lines must not move up by one.
    text = "\n" + _ONE_BAD
    refused = auth.post(
        "/import",
        {"file": (BytesIO(text.encode()), "library.bib"), "format": ""},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert f"line 4 (untitled): {_TOO_LONG}" in refused
    content = _textarea_as_sent(refused)
    skipping = auth.post(
        "/import/skipping", {"content": content, "format": "bibtex", "skip_invalid": "1"}
    ).get_data(as_text=True)
    assert f"line 4 (untitled): {_TOO_LONG}" in skipping
    # The preview's confirmation form carries the text on as it came.
    assert _textarea_as_sent(skipping).replace("\r\n", "\n") == text
