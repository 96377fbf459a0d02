"""Formatted references kept between exports: the same text as formatting afresh, and an
edit to anything that reaches a document's CSL-JSON formats it (and its namesakes) again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from factdb.documents import AuthorSpec, get_document
from factdb.export import batch_jobs, collation, export, formats, formatted
from factdb.export.kept import Store
from factdb.models import DocumentAuthor, FormattedReference, Source
from factdb.vocab import SourceKind
from tests import golden_set
from tests.test_export import _awkward_items

GOLDEN = Path(__file__).parent / "golden"
CASES = [(style, "text") for style in formatted.STYLES] + [("apa", "html"), ("apa", "markdown")]


def _no_pandoc(*_args, **_kwargs):
    raise AssertionError("pandoc ran although every reference was kept")


def _kept_count(session) -> int:
    session.rollback()  # the rows were written on a connection of their own
    return session.scalar(select(func.count()).select_from(FormattedReference))


@pytest.mark.parametrize(("style", "output"), CASES)
def test_kept_references_give_the_text_formatted_afresh(session, style, output, monkeypatch):
    """Cold, warm, partly kept, order lost: byte for byte what one fresh run gives."""
    monkeypatch.setattr(collation, "GROUP_SIZE", 7)
    monkeypatch.setattr(collation, "BATCH_SIZE", 30)
    items = sorted(_awkward_items(), key=formatted.sort_key)
    afresh = "".join(formatted.bibliography(items, style, output))
    store = Store(session, keep=True)

    assert "".join(formatted.bibliography(items, style, output, store)) == afresh
    assert _kept_count(session) == len(items)

    with monkeypatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        assert "".join(formatted.bibliography(items, style, output, store)) == afresh

    table = FormattedReference.__table__
    session.rollback()  # a fresh look at what the exports wrote
    session.execute(delete(table).where(table.c.document_id % 3 == 0))
    session.commit()
    assert "".join(formatted.bibliography(items, style, output, store)) == afresh

    session.rollback()
    session.execute(update(table).values(batch=""))  # every list's order forgotten
    session.commit()
    assert "".join(formatted.bibliography(items, style, output, store)) == afresh
    assert _kept_count(session) == len(items)


def _apa(session, ids: list[int]) -> str:
    return export(session, "apa", claim_ids=[], document_ids=ids, output="text", keep=True).content


def _quist(make, title: str, published: str = "2021-05-01"):
    return make.document(
        title,
        published=published,
        container_title="The Morning Ledger",
        url="https://ledger.example/quist",
        accessed=date(2026, 3, 1),
        authors=[AuthorSpec("Ann Quist", SourceKind.PERSON, "Quist", "Ann")],
    )


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "Harbour dues doubled", "Harbour dues doubled"),
        ("container_title", "The Evening Ledger", "The Evening Ledger"),
        ("published", "2019-02-03", "(2019, February 3)"),
        ("url", "https://ledger.example/moved", "https://ledger.example/moved"),
    ],
)
def test_an_edited_document_is_formatted_again(session, make, field, value, expected):
    document = _quist(make, "Harbour dues raised")
    first = _apa(session, [document.id])
    assert _kept_count(session) == 1  # (ends the export's read, as a later request would)
    setattr(document, field, value)
    session.commit()
    assert expected not in first
    assert expected in _apa(session, [document.id])


def test_a_renamed_author_is_formatted_again(session, make):
    document = _quist(make, "Harbour dues raised")
    assert "Quist, A." in _apa(session, [document.id])
    session.rollback()  # as a later request would; the export kept its references apart
    source_id = session.scalar(
        select(DocumentAuthor.source_id).where(DocumentAuthor.document_id == document.id)
    )
    source = session.get(Source, source_id)
    source.name, source.family_name, source.given_name = "Ann Quast", "Quast", "Ann"
    session.commit()
    again = _apa(session, [document.id])
    assert "Quast, A." in again
    assert "Quist" not in again


def test_a_new_namesake_formats_the_kept_one_again(session, make):
    """A second work by the same author in the same year makes the first one 2021a."""
    first = _quist(make, "Harbour dues raised")
    alone = _apa(session, [first.id])
    assert "(2021, May 1)" in alone
    second = _quist(make, "Harbour dues explained", published="2021-06-01")
    both = _apa(session, [first.id, second.id])
    assert "(2021a, May 1)" in both
    assert "(2021b, June 1)" in both
    assert _apa(session, [first.id]) == alone


@pytest.mark.parametrize(("style", "output"), [("chicago-notes", "markdown"), ("apa", "html")])
def test_a_kept_claim_report_is_the_report_formatted_afresh(
    session, make, style, output, monkeypatch
):
    ids = golden_set.build(make)
    editor = make.user()
    claims = [make.claim(editor, document=get_document(session, i)) for i in ids]
    claim_ids = [claim.id for claim in claims]

    def report() -> str:
        return export(
            session, "claim-report", claim_ids=claim_ids, output=output, style=style, keep=True
        ).content

    cold = report()
    assert _kept_count(session) == len(ids)
    with monkeypatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        assert report() == cold
    session.rollback()
    session.execute(delete(FormattedReference).where(FormattedReference.document_id == ids[0]))
    session.commit()
    assert report() == cold


@pytest.fixture
def bench_session(database_url):
    """A small synthetic bench database (300 claims, 150 documents by 60 authors)."""
    from factdb.db import make_engine, make_session_factory
    from factdb.devtools.synthetic import build

    engine = make_engine(database_url)
    build(engine, 300, 1)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


def test_the_bench_exports_match_their_golden_files_cold_and_warm(bench_session, monkeypatch):
    """The bench's APA bibliography and claim report, as formatted before anything was kept
    (tests/golden/bench-*), come out the same from the first export and from kept references."""
    session = bench_session

    def exports() -> tuple[str, str]:
        apa = export(
            session, "apa", claim_ids=[], document_ids=list(range(1, 151)), output="text", keep=True
        )
        report = export(
            session, "claim-report", claim_ids=list(range(1, 61)), output="markdown", keep=True
        )
        return apa.content, report.content

    expected = (
        (GOLDEN / "bench-apa.txt").read_bytes().decode("utf-8"),
        (GOLDEN / "bench-claim-report.md").read_bytes().decode("utf-8"),
    )
    assert exports() == expected
    assert _kept_count(session) > 150
    with monkeypatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        assert exports() == expected
    monkeypatch.setattr(formats, "IN_MEMORY", 10)  # read twice, as a big selection is
    assert exports() == expected


def test_ascii_text_folds_as_the_character_by_character_collation_does():
    """The fast path for ASCII must fold exactly as the general one."""
    import random
    import string
    import unicodedata

    def by_character(text: str) -> tuple[str, ...]:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        kept = "".join(
            char
            for char in decomposed
            if not unicodedata.combining(char) and unicodedata.category(char)[0] not in "PSC"
        )
        return tuple(word for word in kept.split() if word)

    rng = random.Random(7)
    samples = ["Smith-Jones", "O'Brien", "  a\tb\nc ", "A.B.C.", "x_y~z", "", "!!!"] + [
        "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 24)))
        for _ in range(5000)
    ]
    for text in samples:
        assert collation._fold.__wrapped__(text) == by_character(text), text


def test_an_export_that_may_not_write_reads_kept_references_and_keeps_none(
    session, make, monkeypatch
):
    """Pages and the API (GET requests) use what is kept but never write."""
    document = _quist(make, "Harbour dues raised")

    def page() -> str:
        return export(session, "apa", claim_ids=[], document_ids=[document.id]).content

    fresh = page()
    assert _kept_count(session) == 0
    assert _apa(session, [document.id]) == fresh
    assert _kept_count(session) == 1
    with monkeypatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        assert page() == fresh
