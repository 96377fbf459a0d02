"""A paste dense with quotations is read in the background, however few its words.

Each quotation is weighed against its sentence and paragraph, so 4,000 quotations in 8,000
words (24 KB, no paragraph over its limit) held a request 8.5 s of processor time where the
word count promised under two.
"""

from __future__ import annotations

from sqlalchemy import select

from factdb.intake.jobs import BACKGROUND_QUOTATIONS, needs_background
from factdb.models import Job
from factdb.vocab import Role


def _quotations(count: int, per_paragraph: int = 15) -> str:
    paragraphs = [
        " ".join(f"“The quay stays open,” said Wren Talbot{row}." for _ in range(per_paragraph))
        for row in range(count // per_paragraph)
    ]
    return "\n\n".join(paragraphs)


def test_a_text_of_many_quotations_and_few_words_needs_the_background():
    dense = _quotations(BACKGROUND_QUOTATIONS + 50)
    assert len(dense.split()) < 5_000
    assert needs_background(dense)
    assert not needs_background(_quotations(90))


def test_the_intake_page_reads_a_quotation_dense_paste_in_a_job(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    response = auth.post("/intake/", {"title": "Quay", "doc_type": "news_article",
                                      "text": _quotations(BACKGROUND_QUOTATIONS + 50)})  # fmt: skip
    assert response.status_code == 302 and "/intake/reading/" in response.location
    assert session.scalar(select(Job.kind)) == "intake.read"
