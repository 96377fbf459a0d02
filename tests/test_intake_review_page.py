"""The review page of a very long article stays small: it is paged, and carries no copy of the text."""

from __future__ import annotations

from sqlalchemy import func, select

from factdb.intake.extract import CandidateClaim, Extraction, Quote
from factdb.models import Citation, Document, Job
from factdb.models.job import JobState
from factdb.vocab import Role
from tests.test_intake import _form_defaults

#: One long paragraph (about 4,800 characters) with six quotations and three checkable sentences.
_QUOTE = "“We moved {n} crates through the north gate on day {n},” said Mara Quill. "
_CLAIM = "The harbour handled {n} million tonnes of grain in the year to March. "
_FILLER = "Cranes stood idle along the quay while the tide turned and gulls circled. " * 56


def _long_article() -> tuple[str, Extraction]:
    """About 1.92 million characters: 2,400 quotations and 1,200 claims in 400 paragraphs."""
    text, found, n = "", Extraction(), 0
    for _paragraph in range(400):
        parts = []
        for _ in range(3):
            for _ in range(2):
                n += 1
                parts.append(_QUOTE.format(n=n))
            parts.append(_CLAIM.format(n=n))
        paragraph = "".join(parts) + _FILLER
        base = len(text)
        for offset, line in _spans(paragraph):
            start = base + offset
            if line.startswith("“"):
                words = line[1 : line.index(",”")]
                found.quotes.append(
                    Quote(words, "Mara Quill", None, "said", start + 1, start + 1 + len(words),
                          confidence=0.9, speaker_kind="person", evidence={"how": "named"})
                )  # fmt: skip
            else:
                found.claims.append(CandidateClaim(line.strip(), start, start + len(line.strip())))
        text += paragraph + "\n\n"
    return text, found


def _finished_reading(make, session, text: str, found: Extraction) -> Job:
    """A finished background reading of the long article, started by an editor."""
    user = make.user(Role.EDITOR, email="ed@example.org")
    job = Job(kind="intake.read", state=JobState.DONE, created_by_id=user.id, total=1, done=1,
              params={"title": "The long harbour report", "doc_type": "news_article"},
              result={"text": text, "extraction": found.to_storage()})  # fmt: skip
    session.add(job)
    session.commit()
    return job


def _spans(paragraph: str):
    position = 0
    for piece in paragraph.split(". ")[:9]:
        yield position, piece + "."
        position += len(piece) + 2


def test_a_long_articles_review_is_paged_small_and_every_page_records(client, auth, make, session):
    text, found = _long_article()
    assert 1_800_000 < len(text) < 2_000_000 and len(found.quotes) == 2400
    job = _finished_reading(make, session, text, found)
    auth.login("ed@example.org")
    first = client.get(f"/intake/reading/{job.id}").get_data(as_text=True)
    assert len(first.encode()) < 400_000
    assert "2,400 quotes" in first and "page 1 of" in first and "Record quote 1<" in first
    last = client.get(f"/intake/reading/{job.id}?page=48").get_data(as_text=True)
    assert len(last.encode()) < 400_000 and "Record quote 2400<" in last
    assert "Record quote 1<" not in last
    hidden = {"csrf_token": auth.csrf_token(), "title": "The long harbour report",
              "doc_type": "news_article", "job": str(job.id)}  # fmt: skip
    response = auth.post(
        "/intake/confirm",
        {
            **hidden,
            "quote-2399": found.quotes[2399].text,
            "accept-2399": "on",
            "speaker-2399": "Mara Quill",
            "direct-2399": "1",
            "claim-choice-2399": "write",
            "claim-2399": "2,400 crates went through the north gate.",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    document = session.scalar(select(Document))
    assert document.title == "The long harbour report" and document.full_text == text.strip()
    assert session.scalar(select(Citation)).quote == found.quotes[2399].text


def test_recording_one_page_of_a_long_reading_goes_on_to_the_next(client, auth, make, session):
    text, found = _long_article()
    job = _finished_reading(make, session, text, found)
    auth.login("ed@example.org")
    first = client.get(f"/intake/reading/{job.id}").get_data(as_text=True)
    assert 'name="pages" value="48"' in first
    hidden = {"title": "The long harbour report", "doc_type": "news_article", "job": str(job.id)}
    row = {"quote-0": found.quotes[0].text, "accept-0": "on", "speaker-0": "Mara Quill",
           "direct-0": "1", "claim-choice-0": "write", "claim-0": "One crate went north."}  # fmt: skip
    response = auth.post("/intake/confirm", {**hidden, **row, "page": "1", "pages": "48"})
    assert response.status_code == 302
    assert response.location.endswith(f"/intake/reading/{job.id}?page=2")
    second = client.get(response.location).get_data(as_text=True)
    assert "Page 1 of 48 is recorded; here is page 2." in second
    assert "page 2 of 48" in second and "Record quote 51<" in second
    last = auth.post("/intake/confirm", {**hidden, **row, "page": "48", "pages": "48"})
    assert last.status_code == 302 and "/documents/" in last.location


def test_recording_one_page_of_a_pasted_review_shows_the_next(client, auth, make, session):
    lines = [f"“We moved {n} crates through the north gate,” said Mara Quill." for n in range(60)]
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post(
        "/intake/", {"title": "Gate log", "doc_type": "news_article", "text": "\n\n".join(lines)}
    ).get_data(as_text=True)
    assert "page 1 of 2" in review and 'name="pages" value="2"' in review
    form = _form_defaults(review)
    recorded = auth.post("/intake/confirm", form)
    assert recorded.status_code == 200
    second = recorded.get_data(as_text=True)
    assert "Page 1 of 2 is recorded; here is page 2." in second
    assert "page 2 of 2" in second and "Record quote 51<" in second
    assert session.scalar(select(func.count(Document.id))) == 1
    after_first = session.scalar(select(func.count(Citation.id)))
    assert after_first >= 40
    session.rollback()
    done = auth.post("/intake/confirm", _form_defaults(second))
    assert done.status_code == 302 and "/documents/" in done.location
    assert session.scalar(select(func.count(Document.id))) == 1
    assert session.scalar(select(func.count(Citation.id))) > after_first
