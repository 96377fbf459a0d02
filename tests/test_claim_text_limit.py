"""A claim's text is refused over its declared limit on every path, the limit named and the
text kept: the review of an article, the domain's recording of it, the capture form."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.declarations.claim import CLAIM
from factdb.documents import DocumentInput
from factdb.errors import ValidationFailed
from factdb.intake import AcceptedQuote, record
from factdb.models import Claim, Document
from factdb.vocab import DocumentType, Role
from tests.test_intake import _form_defaults

LIMIT = CLAIM["text"].max_length
HUGE = "The harbour dues rose. " * 4870  # some 112,000 characters
ARTICLE = (
    "Vessa harbour dues rose by a tenth in 2025, the board's figures show.\n\n"
    "\u201cThe dues rose by a tenth,\u201d said Mara Quill, the harbour master.\n"
)


def _counts(session) -> tuple[int, int]:
    session.rollback()
    return tuple(session.scalar(select(func.count(m.id))) for m in (Document, Claim))


def test_the_limit_is_declared_once_and_sensible():
    assert 1000 <= LIMIT <= 10_000 and len(HUGE) > 100_000


def test_the_review_of_an_article_refuses_a_long_claim_and_keeps_the_text(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post("/intake/", {"title": "Dues", "doc_type": "news_article", "text": ARTICLE})
    form = _form_defaults(review.get_data(as_text=True))
    (index,) = [k.split("-")[1] for k in form if k.startswith("quote-")]
    (candidate,) = [k.split("-")[1] for k in form if k.startswith("candidate-")]
    for field, extra in ((f"claim-{index}", {f"accept-{index}": "on"}),
                         (f"candidate-{candidate}", {f"take-{candidate}": "on"})):  # fmt: skip
        sent = {**form, **extra, field: HUGE}
        response = auth.post("/intake/confirm", sent)
        page = response.get_data(as_text=True)
        assert response.status_code == 422, field
        after = page.split(f'name="{field}"', 1)[1]
        assert HUGE.strip() in after.split("</textarea>", 1)[0]  # the whole text, kept
        assert f"Keep the claim under {LIMIT:,} characters" in after
        assert _counts(session) == (0, 0)


def test_recording_an_article_refuses_each_long_claim_by_its_row(session, make):
    editor = make.user(Role.EDITOR)
    article = DocumentInput(title="Dues", doc_type=DocumentType.NEWS_ARTICLE)
    quote = AcceptedQuote(claim_text=HUGE, quote="The dues rose.", speaker="Mara Quill",
                          position=2)  # fmt: skip
    with pytest.raises(ValidationFailed) as refused:
        record(session, editor, article, [quote], ["Fine.", HUGE])
    fields = refused.value.fields
    assert set(fields) == {"claim-2", "candidate-1"}
    assert all(f"under {LIMIT:,} characters" in message for message in fields.values())
    assert f"{len(HUGE):,}" in fields["claim-2"]
    assert _counts(session) == (0, 0)
    # A quote taken as its claim's text is held to the same limit.
    long_quote = AcceptedQuote(claim_text="", quote="word " * 2000, speaker="Mara Quill")
    with pytest.raises(ValidationFailed) as refused:
        record(session, editor, article, [long_quote], [])
    assert set(refused.value.fields) == {"claim-0"}


def test_the_capture_form_takes_the_declared_limit(app):
    from factdb.web.capture import CiteForm

    with app.test_request_context(method="POST", data={"claim_text": "x" * (LIMIT + 1)}):
        form = CiteForm(meta={"csrf": False})
        form.claim_text.validate(form)
        assert form.claim_text.errors == [f"Keep the claim under {LIMIT:,} characters."]


def test_ingest_refuses_a_quote_too_long_to_be_its_claim_and_writes_nothing(
    empty_database_url, monkeypatch, tmp_path
):
    from click.testing import CliRunner

    from factdb.cli import main

    words = " ".join(f"the dues rose in berth {n}" for n in range(1300))
    article = tmp_path / "article.txt"
    article.write_text(f"Dues\n\n\u201c{words.capitalize()},\u201d said Mara Quill.\n", "utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "limit-test")
    result = CliRunner().invoke(main, ["ingest", str(article), "--title", "Dues"])
    assert result.exit_code != 0, result.output
    assert f"Keep the claim under {LIMIT:,} characters" in result.output
    assert "Traceback" not in result.output
    from factdb.db import make_engine, make_session_factory

    engine = make_engine(empty_database_url)
    try:
        with make_session_factory(engine)() as check:
            assert _counts(check) == (0, 0)
    finally:
        engine.dispose()
