"""Recording an article with nothing ticked writes nothing, on the review page and the CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.cli import main
from factdb.db import make_engine, make_session_factory
from factdb.documents import DocumentInput
from factdb.errors import ValidationFailed
from factdb.intake import NOTHING_TICKED, record
from factdb.models import Citation, Claim, Document
from factdb.vocab import DocumentType, Role
from tests.test_intake import _form_defaults

ARTICLE = (
    "The north gate of Vessa harbour opens at six in the morning.\n\n"
    "\u201cWe may open it earlier in summer,\u201d someone at the harbour suggested.\n"
)


def _counts(session) -> tuple[int, int, int]:
    session.rollback()
    return tuple(session.scalar(select(func.count(m.id))) for m in (Document, Claim, Citation))


def _unticked(form: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in form.items() if not k.startswith(("accept-", "take-"))}


def test_the_review_page_with_nothing_ticked_records_nothing_and_says_so(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post(
        "/intake/", {"title": "Gate times", "doc_type": "news_article", "text": ARTICLE}
    )
    form = _unticked(_form_defaults(review.get_data(as_text=True)))
    assert any(k.startswith("quote-") for k in form)
    response = auth.post("/intake/confirm", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was recorded yet" in page and NOTHING_TICKED in page
    assert 'value="Gate times"' in page  # the review is shown again, as it was
    assert _counts(session) == (0, 0, 0)


def test_a_later_page_with_nothing_ticked_goes_on_without_writing(auth, make, session):
    lines = [
        f"\u201cWe moved {n} crates through the north gate,\u201d said Mara Quill."
        for n in range(60)
    ]
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post(
        "/intake/", {"title": "Gate log", "doc_type": "news_article", "text": "\n\n".join(lines)}
    ).get_data(as_text=True)
    response = auth.post("/intake/confirm", _unticked(_form_defaults(review)))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert (
        "Nothing was ticked on page 1 of 2, so nothing was recorded from it; here is page 2."
        in page
    )
    assert "page 2 of 2" in page
    assert _counts(session) == (0, 0, 0)


def test_the_domain_refuses_to_record_an_article_with_nothing_accepted(session, make):
    user = make.user(Role.EDITOR)
    document = DocumentInput(title="Gate times", doc_type=DocumentType.NEWS_ARTICLE)
    with pytest.raises(ValidationFailed) as refused:
        record(session, user, document, [], ["   "])
    assert refused.value.message == NOTHING_TICKED
    session.rollback()
    assert _counts(session) == (0, 0, 0)


def test_ingest_with_nothing_to_record_writes_nothing(empty_database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(article), "--title", "Gate times"])
    assert result.exit_code != 0
    assert "Nothing was recorded" in result.output and "--all" in result.output
    engine = make_engine(empty_database_url)
    try:
        with make_session_factory(engine)() as session:
            assert _counts(session) == (0, 0, 0)
    finally:
        engine.dispose()


def test_the_last_page_with_nothing_ticked_finishes_a_review_already_recorded(
    auth, client, make, session
):
    lines = [
        f"\u201cWe moved {n} crates through the north gate,\u201d said Mara Quill."
        for n in range(60)
    ]
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post(
        "/intake/", {"title": "Gate log", "doc_type": "news_article", "text": "\n\n".join(lines)}
    ).get_data(as_text=True)
    second = auth.post("/intake/confirm", _form_defaults(review))
    assert "page 2 of 2" in second.get_data(as_text=True)
    recorded = _counts(session)
    assert recorded[0] == 1 and recorded[2] > 0
    response = auth.post(
        "/intake/confirm", _unticked(_form_defaults(second.get_data(as_text=True)))
    )
    assert response.status_code == 302
    document_id = session.scalar(select(Document.id))
    assert response.headers["Location"].endswith(f"/documents/{document_id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nothing more was added to the recorded document" in page
    assert _counts(session) == recorded


def test_the_domain_adds_nothing_to_a_recorded_article_when_nothing_is_accepted(session, make):
    user = make.user(Role.EDITOR)
    document = DocumentInput(title="Gate times", doc_type=DocumentType.NEWS_ARTICLE)
    first = record(session, user, document, [], ["The north gate opens at six."])
    session.commit()
    again = record(session, user, document, [], ["   "])
    assert again.document.id == first.document.id and again.merged and again.claims == []
    session.commit()
    assert _counts(session) == (1, 1, 1)


def test_nothing_is_accepted_only_with_no_quote_and_no_worded_claim():
    from factdb.intake import nothing_accepted

    assert nothing_accepted([], ["  ", ""])
    assert not nothing_accepted([], ["The north gate opens at six."])
