"""A document's fields, each named once: what is stored, validated, tracked, served and exported."""

from __future__ import annotations

from factdb.declarations.base import (
    CHOICE,
    DATE,
    FLAG,
    LONG_TEXT,
    NAMES,
    PAIRS,
    PARTIAL_DATE,
    URL,
    Field,
    Record,
)
from factdb.vocab import DocumentType

MAX_FULL_TEXT = 5_000_000

DOCUMENT = Record(
    "document",
    (
        Field("title", "Title", max_length=1000, required="Give the document a title."),
        Field("doc_type", "Type", CHOICE, choices=DocumentType, index=True, history="type",
              initial=DocumentType.NEWS_ARTICLE,
              column={"length": 17}),
        Field("authors", "Authors", NAMES,
              description='One per line, in order: a person ("van der Leyen, Ursula") or an organisation.'),
        Field("container_title", "Outlet or website", max_length=500, csl="container-title"),
        Field("publisher", "Publisher", max_length=500, csl="publisher"),
        # Where in its container the document stands, and how to find the container.
        Field("volume", "Volume", max_length=50, bibliographic=True,
              csl="volume", biblatex="volume", bibtex="volume", ris="VL",
              biblatex_on=("article", "book", "inbook", "inproceedings")),
        Field("issue", "Issue", max_length=50, bibliographic=True,
              csl="issue", biblatex="number", bibtex="number", ris="IS",
              biblatex_on=("article",)),
        Field("pages", "Pages", max_length=100, bibliographic=True, description="For example 12-15.",
              csl="page", biblatex="pages", bibtex="pages", ris="SP",
              biblatex_on=("article", "book", "inbook", "inproceedings", "report", "thesis")),
        Field("section", "Section", max_length=200, bibliographic=True,
              description="Of a newspaper or website.", csl="section", bibtex="section", ris="SE"),
        Field("edition", "Edition", max_length=100, bibliographic=True,
              csl="edition", biblatex="edition", bibtex="edition", ris="ET",
              biblatex_on=("book", "inbook", "dataset")),
        Field("event", "Event or conference", max_length=500, bibliographic=True,
              csl="event-title", biblatex="eventtitle", bibtex="eventtitle",
              biblatex_on=("inproceedings",)),
        Field("place", "Place of publication", max_length=200, bibliographic=True,
              csl="publisher-place", biblatex="location", bibtex="address", ris="CY",
              biblatex_on=("book", "inbook", "inproceedings", "dataset", "report", "thesis", "misc")),
        Field("number", "Number", max_length=100, bibliographic=True,
              description="Of a report, bill, case or standard.", csl="number",
              biblatex="number", bibtex="number",
              biblatex_on=("book", "inbook", "inproceedings", "dataset", "report")),
        Field("isbn", "ISBN", max_length=50, bibliographic=True, history="ISBN",
              csl="ISBN", biblatex="isbn", bibtex="isbn", ris="SN",
              biblatex_on=("book", "inbook", "inproceedings")),
        Field("issn", "ISSN", max_length=50, bibliographic=True, history="ISSN",
              csl="ISSN", biblatex="issn", bibtex="issn", ris="SN",
              biblatex_on=("article",)),
        Field("published", "Published", PARTIAL_DATE, max_length=10, index=True,
              history="publication date", description="YYYY, YYYY-MM or YYYY-MM-DD."),
        Field("undated", "The document carries no date", FLAG, history="undated"),
        Field("url", "URL", URL, max_length=2000, index=True, history="URL"),
        Field("doi", "DOI", max_length=200, index=True, history="DOI"),
        Field("accessed", "Accessed", DATE, history="date accessed", description="YYYY-MM-DD"),
        Field("archive_url", "Archive URL", URL, max_length=2000, history="archive URL"),
        Field("language", "Language", max_length=35, description="For example en, fr, ar."),
        Field("extra", "Other fields", PAIRS, bibliographic=True,
              description="Fields this form has no place for, as a reference manager gave them "
              '(a JSON object: {"bibtex.note": "…"}); kept, and written back on export.'),
        Field("full_text", "Stored text", LONG_TEXT, max_length=MAX_FULL_TEXT, in_json=False,
              too_long="The stored text is limited to 5 million characters.",
              description="The document's full text, kept so that quotes can be checked against it."),
    ),
)  # fmt: skip
