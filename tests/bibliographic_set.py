"""Documents of every kind fact-checkers cite, each with the bibliographic fields it carries."""

from __future__ import annotations

from factdb.documents import AuthorSpec
from factdb.vocab import DocumentType, SourceKind
from tests.factories import Factory

PERSON = [AuthorSpec("Ilse Marten", SourceKind.PERSON, "Marten", "Ilse")]
SECOND = [AuthorSpec("Tomas Rehn", SourceKind.PERSON, "Rehn", "Tomas")]


def build(make: Factory) -> list[int]:
    """Create one document of each bibliographic kind; returns their ids in order."""
    specs = [
        dict(title="Airspace incidents over the Baltic, 2014–2024", doc_type=DocumentType.JOURNAL_ARTICLE,
             container_title="Journal of Northern Security Studies", volume="12", issue="3", pages="201-229",
             issn="2049-3630", doi="10.5555/jnss.2025.12.3.201", published="2025-06", authors=PERSON),
        dict(title="The drone question", doc_type=DocumentType.MAGAZINE_ARTICLE,
             container_title="Northern Affairs Monthly", volume="48", issue="7", pages="30-34",
             published="2025-07", authors=SECOND),
        dict(title="Ministers deny secret visit", doc_type=DocumentType.NEWS_ARTICLE,
             container_title="The Northern Ledger", section="World", pages="A4", published="2026-03-11",
             url="https://ledger.example/2026/03/11/deny", authors=PERSON),
        dict(title="Small states and great powers", doc_type=DocumentType.BOOK,
             publisher="Harbour University Press", place="Tallinna", edition="2", isbn="978-0-00-000000-2",
             series="Studies in Small-State Security",
             published="2019", authors=PERSON),
        dict(title="Neutrality after 1990", doc_type=DocumentType.CHAPTER,
             container_title="Small states and great powers", publisher="Harbour University Press",
             place="Tallinna", pages="45-77", isbn="978-0-00-000000-2", published="2019", authors=SECOND),
        dict(title="Tracking state aircraft with open data", doc_type=DocumentType.CONFERENCE_PAPER,
             container_title="Proceedings of the Open Source Intelligence Workshop", event="OSINT Workshop 2024",
             pages="11-19", publisher="OSINT Society", published="2024-10", authors=PERSON),
        dict(title="Presidential travel and public disclosure", doc_type=DocumentType.THESIS,
             publisher="University of Norvania", place="Norvik", published="2023", authors=SECOND),
        dict(title="Airspace violations: annual review", doc_type=DocumentType.REPORT,
             publisher="Baltic Security Institute", number="BSI-2026-04", place="Riga", published="2026-01",
             authors=PERSON),
        dict(title="Flight records of state aircraft 2020–2025", doc_type=DocumentType.DATASET,
             publisher="OpenSkies Tracker", url="https://openskies.example/data", published="2025",
             authors=SECOND),
        dict(title="Ledger v. Ministry of Defence", doc_type=DocumentType.LEGAL_CASE,
             container_title="Supreme Court Reports", number="2025-117", published="2025-11-02"),
        dict(title="State Travel Disclosure Act", doc_type=DocumentType.LEGISLATION,
             number="Act 44", published="2024-05-01"),
        dict(title="Tide-driven lock gate for small harbours", doc_type=DocumentType.PATENT,
             number="EP 4012345", place="Norvania", published="2024-02-07", authors=SECOND,
             extra={"bibtex.holder": "{Gull Harbour Works}", "bibtex.type": "patenteu"}),
        dict(title="Evening news, 14 March", doc_type=DocumentType.BROADCAST,
             container_title="NRK Evening", publisher="Norvanian Broadcasting", published="2026-03-14"),
    ]  # fmt: skip
    return [make.document(**spec).id for spec in specs]
