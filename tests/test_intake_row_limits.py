"""The review of an article holds each row's quote, speaker and role to their declared limits:
an over-long value is refused naming its row and the limit, and the text typed is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.declarations.citation import CITATION
from factdb.declarations.source import SOURCE
from factdb.documents import DocumentInput
from factdb.errors import ValidationFailed
from factdb.intake import AcceptedQuote, record
from factdb.models import Citation, Claim, Document, Source
from factdb.vocab import DocumentType, Role
from tests.test_intake import _form_defaults

QUOTE_LIMIT = CITATION["quote"].max_length
NAME_LIMIT = SOURCE["name"].max_length
ROLE_LIMIT = CITATION["speaker_role"].max_length
ARTICLE = (
    "Vessa harbour dues rose by a tenth in 2025, the board's figures show.\n\n"
    "\u201cThe dues rose by a tenth,\u201d said Mara Quill, the harbour master.\n"
)


def _counts(session) -> tuple[int, ...]:
    session.rollback()
    return tuple(
        session.scalar(select(func.count(m.id))) for m in (Document, Claim, Citation, Source)
    )


def test_recording_refuses_each_long_quote_speaker_and_role_by_its_row(session, make):
    editor = make.user(Role.EDITOR)
    article = DocumentInput(title="Dues", doc_type=DocumentType.NEWS_ARTICLE)
    quotes = [
        AcceptedQuote(claim_text="Dues rose.", quote="d" * (QUOTE_LIMIT + 1),
                      speaker="Mara Quill", position=0),
        AcceptedQuote(claim_text="Dues rose.", quote="The dues rose.",
                      speaker="Quill " * 60, position=3),
        AcceptedQuote(claim_text="Dues rose.", quote="The dues rose.", speaker="Mara Quill",
                      speaker_role="harbour master " * 25, position=5),
    ]  # fmt: skip
    with pytest.raises(ValidationFailed) as refused:
        record(session, editor, article, quotes, [])
    fields = refused.value.fields
    assert set(fields) == {"quote-0", "speaker-3", "role-5"}
    assert f"under {QUOTE_LIMIT:,} characters" in fields["quote-0"]
    assert fields["quote-0"].startswith("The quote of quote 1:")
    assert f"under {NAME_LIMIT:,} characters" in fields["speaker-3"]
    assert fields["speaker-3"].startswith("The speaker of quote 4:")
    assert f"under {ROLE_LIMIT:,} characters" in fields["role-5"]
    assert f"{len(('harbour master ' * 25).strip()):,}" in fields["role-5"]
    assert _counts(session) == (0, 0, 0, 0)


def test_a_role_at_its_limit_is_recorded_whole(session, make):
    editor = make.user(Role.EDITOR)
    article = DocumentInput(title="Dues", doc_type=DocumentType.NEWS_ARTICLE)
    role = ("harbour master of Vessa " * 20)[:ROLE_LIMIT]
    quote = AcceptedQuote(claim_text="Dues rose.", quote="The dues rose.", speaker="Mara Quill",
                          speaker_role=role)  # fmt: skip
    record(session, editor, article, [quote], [])
    assert session.scalar(select(Citation.speaker_role)) == role.strip()


@pytest.mark.parametrize(("field", "limit"), [("speaker", NAME_LIMIT), ("role", ROLE_LIMIT)])
def test_the_review_page_refuses_a_long_speaker_or_role_and_keeps_it(
    auth, make, session, field, limit
):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post("/intake/", {"title": "Dues", "doc_type": "news_article", "text": ARTICLE})
    form = _form_defaults(review.get_data(as_text=True))
    (index,) = [k.split("-")[1] for k in form if k.startswith("quote-")]
    typed = "Quill of Vessa harbour " * 20  # 460 characters
    sent = {**form, f"accept-{index}": "on", f"{field}-{index}": typed}
    response = auth.post("/intake/confirm", sent)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    after = page.split(f'name="{field}-{index}"', 1)[1]
    assert f'value="{typed}"' in after.split(">", 1)[0]  # the whole text, kept
    assert (
        f"of quote {int(index) + 1}: Keep the" in after and f"under {limit:,} characters" in after
    )
    assert _counts(session) == (0, 0, 0, 0)


def test_the_claim_form_and_api_hold_a_new_speakers_name_to_the_sources_limit(session, make):
    from factdb.claims import CitationInput, ClaimInput, save_claim

    editor = make.user(Role.EDITOR)
    document = make.document("Dues")
    citation = CitationInput(document_id=document.id, speaker="Q" * (NAME_LIMIT + 1))
    with pytest.raises(ValidationFailed) as refused:
        save_claim(session, editor, ClaimInput(text="Dues rose.", citations=[citation]))
    assert refused.value.fields == {
        "citations-0-speaker": f"Keep the speaker's name under {NAME_LIMIT:,} characters."
    }
