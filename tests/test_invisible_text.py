"""Invisible text-direction and zero-width characters never reach a name, title, tag or quote."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb.audit.quotes import check_quote
from factdb.models import Citation, Claim, Document, DocumentAuthor, Source, Tag
from factdb.text import clean_line, name_key, visible
from factdb.vocab import Role
from tests.factories import Factory

RLO = "\u202e"  # right-to-left override: shows "The minister" reversed
ZWSP = "\u200b"
HOSTILE_SPEAKER = f"{RLO}The minister{ZWSP}"
HOSTILE_TITLE = f"\u2066Harbour{ZWSP} report\u2069\ufeff"
HOSTILE_QUOTE = f"We will{ZWSP} reopen{RLO} the port"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (HOSTILE_SPEAKER, "The minister"),
        ("\u202aA\u202b\u202cB\u202d\u2060C\u2067D\u2068", "ABCD"),
        ("\u200dThe minister\u200c", "The minister"),  # a joiner at a word's edge
        # Inside a word the joiners shape the script and are kept.
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: non-joiner between letters
        ("क्\u200dष", "क्\u200dष"),  # Hindi: joiner after the virama
        ("👩\u200d💻", "👩\u200d💻"),  # an emoji sequence
        ("\u200fمرحبا", "\u200fمرحبا"),  # the right-to-left mark is no override: kept
    ],
)
def test_visible_drops_what_spoofs_and_keeps_what_shapes_a_script(typed, kept):
    assert visible(typed).strip() == kept
    assert clean_line(typed) == kept


def test_real_persian_arabic_and_indic_names_lose_only_joiners_at_a_word_edge():
    """Locale data in these scripts (names of places, languages, scripts, currencies).

    Measured: of 1,236 Persian names 68 hold a joiner and one changes ("کیچه" ends in
    one); Arabic, Hindi, Urdu, Pashto, Bengali, Marathi, Nepali, Tamil and Sinhala none;
    Malayalam six, each a joiner after its word. A joiner shapes only the letters on both
    its sides, so none of them changes how the name shows.
    """
    from babel import Locale

    changed = {}
    for code in ("fa", "ar", "hi", "ur", "ps", "bn", "mr", "ne", "ml", "ta", "si"):
        locale = Locale.parse(code)
        names = [*locale.territories.values(), *locale.languages.values(),
                 *locale.scripts.values(), *locale.currencies.values()]  # fmt: skip
        for name in names:
            if clean_line(name) != name.strip():
                changed.setdefault(code, []).append(name)
                edges = re.sub("(?<!\\S)[\u200c\u200d]+|[\u200c\u200d]+(?!\\S)", "", name)
                assert clean_line(name) == edges.strip(), name
    assert {code: len(names) for code, names in changed.items()} == {"fa": 1, "ml": 6}


def test_a_hostile_name_finds_the_recorded_source(make: Factory, session):
    make.source("The minister")
    from factdb.sources import find_source

    assert name_key(HOSTILE_SPEAKER) == "the minister"
    assert find_source(session, HOSTILE_SPEAKER).name == "The minister"


def _stored(session) -> tuple[str, str, str, list[str]]:
    session.rollback()
    citation = session.scalar(select(Citation))
    speaker = session.get(Source, citation.speaker_id)
    document = session.get(Document, citation.document_id)
    tags = list(session.scalars(select(Tag.name)))
    return speaker.name, document.title, citation.quote, tags


CLEAN = ("The minister", "Harbour report", "We will reopen the port", ["port\u200ctalk"])


def test_the_claim_form_stores_names_titles_quotes_and_tags_without_them(
    client, auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = {"text": f"{RLO}The port reopens", "context": "", "tags": f"{ZWSP}port\u200ctalk{RLO}",
            "citations-0-document": HOSTILE_TITLE, "citations-0-speaker": HOSTILE_SPEAKER,
            "citations-0-quote": HOSTILE_QUOTE, "citations-0-locator": "", "citations-0-relation": "asserts",
            "citations-0-quote_type": "direct", "citations-0-new_document_type": "news_article",
            "save": "Save claim"}  # fmt: skip
    assert auth.post("/claims/new", form).status_code == 302
    assert _stored(session) == CLEAN
    assert session.scalar(select(Claim.text)) == "The port reopens"


def test_the_api_stores_them_without_them(client, make, session):
    from factdb.access import create_token

    editor = make.user(Role.EDITOR)
    token = create_token(session, editor, "t").secret
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    body = {"text": "The port reopens", "tags": [f"port\u200ctalk{ZWSP}"],
            "citations": [{"document": HOSTILE_TITLE, "speaker": HOSTILE_SPEAKER, "quote": HOSTILE_QUOTE}]}  # fmt: skip
    assert client.post("/api/v1/claims", headers=headers, json=body).status_code == 201
    assert _stored(session) == CLEAN
    created = client.post(
        "/api/v1/sources",
        headers=headers,
        json={
            "name": f"{RLO}Port authority",
            "kind": "organisation",
            "aliases": [f"{ZWSP}the port"],
        },
    )
    assert created.status_code == 201, created.get_json()
    data = created.get_json()["data"]
    assert (data["name"], data["aliases"]) == ("Port authority", ["the port"])


def test_the_intake_records_them_without_them(make: Factory, session):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record

    user = make.user(Role.EDITOR)
    document = DocumentInput(title=HOSTILE_TITLE, full_text="“We will reopen the port,” he said.")
    quote = AcceptedQuote("The port reopens", HOSTILE_QUOTE, speaker=HOSTILE_SPEAKER)
    record(session, user, document, [quote], [])
    session.commit()
    assert _stored(session)[:3] == CLEAN[:3]


def test_import_and_the_command_line_store_titles_and_authors_without_them(
    app, database_url, monkeypatch, session, tmp_path
):
    from factdb.cli import main

    path = tmp_path / "refs.bib"
    path.write_text(
        f"@report{{r, title={{{HOSTILE_TITLE}}}, author={{{RLO}Roe, Jane}}, year={{2024}}}}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 0, result.output
    session.rollback()
    assert session.scalar(select(Document.title)) == "Harbour report"
    assert session.scalar(select(Source.name)) == "Jane Roe"


def test_a_quote_matches_a_source_text_that_has_them():
    """The quote check folds the same characters on the source side and the quote side."""
    source = f"Officials said: “We will{ZWSP} re\u00adopen{RLO} the port\ufeff soon.”"
    assert check_quote("We will reopen the port", source.replace("\u00ad", "")).outcome == "ok"
    assert check_quote(f"We{ZWSP} will reopen", "We will reopen the port").outcome == "ok"
    persian = "ما می\u200cخواهیم بندر را باز کنیم"
    assert check_quote("می\u200cخواهیم بندر", persian.replace("\u200c", "")).outcome == "ok"


def test_a_captured_page_gives_its_title_without_them(app, session):
    from factdb.capture.service import capture_url, create_from_capture, store_capture
    from tests.capture_site import start_site

    site = start_site()
    try:
        result = capture_url(
            site.url("/bidi.html"), {"CAPTURE_ALLOW_PRIVATE": True, "CAPTURE_TIMEOUT": 2}
        )
    finally:
        site.stop()
    capture = store_capture(session, result, app.config, user_id=None)
    document = create_from_capture(session, None, capture)
    session.commit()
    assert (document.title, document.container_title) == (
        "Minister on the levy",
        "The Harbour Times",
    )
    author = session.scalar(
        select(Source.name).join(DocumentAuthor).where(DocumentAuthor.document_id == document.id)
    )
    assert author == "Amira Haddad"


def test_the_migration_cleans_names_and_titles_stored_before(empty_database_url):
    from sqlalchemy.orm import Session

    from factdb import migrate
    from factdb.db import make_engine
    from factdb.models import SourceAlias
    from factdb.sources import find_source
    from factdb.vocab import SourceKind

    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, "0024")
        with Session(engine) as session:
            # As stored before: the name as typed, its key folded from it.
            spoofed = Source(name=HOSTILE_SPEAKER, name_key=HOSTILE_SPEAKER.casefold(),
                             kind=SourceKind.GOVERNMENT, role=f"{RLO}ministry")  # fmt: skip
            spoofed.aliases.append(SourceAlias(name=f"{ZWSP}Minister", name_key=f"{ZWSP}minister"))
            session.add(spoofed)
            session.add(Document(title=HOSTILE_TITLE, publisher=f"{RLO}Port authority"))
            session.commit()
        migrate.upgrade(engine)
        with Session(engine) as session:
            source = find_source(session, "The minister")
            assert (source.name, source.role) == ("The minister", "ministry")
            assert session.scalar(select(SourceAlias.name)) == "Minister"
            assert find_source(session, "minister").id == source.id
            document = session.scalar(select(Document))
            assert (document.title, document.publisher) == ("Harbour report", "Port authority")
            assert document.title_key == "harbour report"
    finally:
        engine.dispose()
