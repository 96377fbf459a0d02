"""The recorded document an article is: by its DOI, URL, title and year, or by its words."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.documents import DocumentInput
from factdb.intake.byline import same_article
from factdb.models import Document
from factdb.text import text_key


def recorded_article(session: Session, document: DocumentInput) -> tuple[Document | None, str]:
    """The recorded document this article is, and why ("" when none).

    The same text pasted again without its address, or under another title, is the same
    article: its words (white space folded, factdb.text.text_key) find it, so that the
    intake never records an article twice.
    """
    existing, reason = same_article(session, document)
    key = text_key(document.full_text)
    if existing is not None or not key:
        return existing, reason
    same = session.scalar(
        select(Document).where(Document.text_key == key).order_by(Document.id).limit(1)
    )
    return (same, "text") if same is not None else (None, "")
