"""The fixed documents every export is checked against (golden files in tests/golden/)."""

from __future__ import annotations

from datetime import date

from factdb.documents import AuthorSpec
from factdb.vocab import DocumentType, SourceKind
from tests.factories import Factory


def build(make: Factory) -> list[int]:
    """Create the golden documents in a fresh database; returns their ids in order."""
    presidency = make.source("Office of the President of Norvania", kind=SourceKind.GOVERNMENT)
    institute = make.source("Baltic Security Institute", kind=SourceKind.THINK_TANK)
    specs = [
        dict(
            title="Statement by the Office of the President on the visit to Kestria",
            doc_type=DocumentType.PRESS_RELEASE,
            publisher="Office of the President of Norvania",
            published="2026-03-10",
            url="https://president.norvania.example/statements/2026-03-10",
            accessed=date(2026, 3, 15),
            language="en",
            authors=[presidency.id],
        ),
        dict(
            title="Behind the president’s secret trip to Kestria",
            doc_type=DocumentType.NEWS_ARTICLE,
            container_title="The Northern Ledger",
            published="2026-03-14",
            url="https://ledger.example/2026/03/14/secret-trip",
            accessed=date(2026, 3, 15),
            archive_url="https://archive.example/web/20260315/ledger",
            language="en",
            authors=[AuthorSpec("Maren Solberg", SourceKind.PERSON, "Solberg", "Maren")],
        ),
        dict(
            title="Kestria’s skies: airspace violations, January to March 2026",
            doc_type=DocumentType.REPORT,
            publisher="Baltic Security Institute",
            published="2026-03",
            url="https://bsi.example/reports/kestria-skies",
            authors=[institute.id],
        ),
        dict(
            title="Flight VN-001 track",
            doc_type=DocumentType.WEB_PAGE,
            container_title="OpenSkies Tracker",
            undated=True,
            url="https://openskies.example/flights/VN-001",
            accessed=date(2026, 3, 15),
        ),
        dict(
            title="A Union that strives for more",
            doc_type=DocumentType.SPEECH,
            publisher="European Commission",
            published="2019-07-16",
            url="https://commission.example/speech/19-4230",
            authors=[
                AuthorSpec("Ursula van der Leyen", SourceKind.PERSON, "van der Leyen", "Ursula")
            ],
        ),
        dict(
            title="Брифинг официального представителя МИД",
            doc_type=DocumentType.PRESS_RELEASE,
            publisher="МИД России",
            published="2026-03-12",
            url="https://mid.example/briefing/2026-03-12",
            language="ru",
            authors=[AuthorSpec("Мария Захарова", SourceKind.PERSON, "Захарова", "Мария")],
        ),
        dict(
            title="Drones over the Baltic",
            doc_type=DocumentType.NEWS_ARTICLE,
            container_title="The Northern Ledger",
            published="2025-05-02",
            url="https://ledger.example/2025/05/02/drones",
            authors=[AuthorSpec("Maren Solberg", SourceKind.PERSON, "Solberg", "Maren")],
        ),
        dict(
            title="Drones over the Gulf of Finland",
            doc_type=DocumentType.NEWS_ARTICLE,
            container_title="The Northern Ledger",
            published="2025-09-20",
            url="https://ledger.example/2025/09/20/drones",
            authors=[AuthorSpec("Maren Solberg", SourceKind.PERSON, "Solberg", "Maren")],
        ),
        dict(
            title='Tariffs & taxes: 100% of $5 bills_{net} at "cost" — the {real} “price” ~ ^ #1 \\ done',
            doc_type=DocumentType.WEB_PAGE,
            container_title="Money & Markets",
            published="2024",
            url="https://markets.example/a?x=1&y=2#sec%201",
            accessed=date(2024, 6, 1),
        ),
        dict(
            title="<script>alert('x')</script> Exploit attempt",
            doc_type=DocumentType.NEWS_ARTICLE,
            container_title="Test & Probe",
            published="2023-01",
            url="https://probe.example/x",
        ),
    ]
    return [make.document(**spec).id for spec in specs]


#: Values built to break out of each format: a BibTeX field, an RIS line or record, a
#: <script> element, a Markdown link.
HOSTILE_URL = "https://x.example/a},note={\\input{/etc/passwd}}"
HOSTILE_DOI = "10.1/a) [x](javascript:alert(1))"
HOSTILE_NOTE = "Rated false </script><script>alert(1)</script> & done"


def build_hostile(make: Factory) -> tuple[list[int], int]:
    """Documents and one judged claim holding hostile values; returns (document ids, claim id)."""
    from factdb.vocab import Relation, Role, Status

    speaker = make.source("Eve }{ Mallory", kind=SourceKind.PERSON)
    documents = [
        make.document(
            "Braces } in the title {\\input{/etc/passwd}}",
            doc_type=DocumentType.NEWS_ARTICLE,
            container_title="The {Outlet}",
            published="2026-01-02",
            url=HOSTILE_URL,
            authors=[AuthorSpec("Eve Mallory", SourceKind.PERSON, "Mallory }", "Eve {")],
        ),
        make.document(
            "Line breaks in the DOI",
            doc_type=DocumentType.REPORT,
            publisher="Ministry\nER  - \nTY  - BOOK",
            published="2026",
            doi="10.5555/a\nER  - \nTY  - BOOK\nTI  - injected",
            language="en\nTY  - JOUR",
        ),
        make.document(
            "A DOI that is a Markdown link",
            doc_type=DocumentType.WEB_PAGE,
            published="2026-02",
            url="https://y.example/page",
            doi=HOSTILE_DOI,
        ),
    ]
    editor, reviewer = make.user(Role.EDITOR), make.user(Role.REVIEWER)
    claim = make.claim(
        editor,
        "A claim </script> with [a link](javascript:alert(1))",
        document=documents[0],
        speaker=speaker,
        relation=Relation.SUPPORTS,
        quote="quote with ]( and </script>",
    )
    make.set_status(claim, reviewer, Status.FALSE, note=HOSTILE_NOTE)
    # A fixed verdict date, so that the ClaimReview golden file does not change with the day.
    from datetime import datetime

    from sqlalchemy import update

    from factdb.models import StatusChange

    make.session.execute(update(StatusChange).values(at=datetime(2026, 3, 20, 12, 0)))
    make.session.commit()
    return [document.id for document in documents], claim.id
