"""The one list of export formats: the command line, the web menu and the API all read it.

Each format names its writer, a generator that reads the selection in batches and
yields the file a piece at a time, so that any selection streams in bounded memory.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from factdb.export import bibtex, claimreview, formatted, report, ris, tables
from factdb.export.csl import csl_item
from factdb.export.head import first_batch
from factdb.export.kept import Store
from factdb.export.selection import Selection, claim_rows, verdicts
from factdb.export.title_maths import with_rich_title


@dataclass(frozen=True)
class ExportSettings:
    """Who publishes the fact-checks (for ClaimReview) and where the claims live."""

    publisher_name: str = ""
    publisher_url: str = ""
    base_url: str = ""
    #: True when base_url is only the address a page was requested at, not FACTDB_BASE_URL.
    base_url_guessed: bool = False
    #: Name the reviewer (a person) as a review's author when no publisher is named: only
    #: when FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR says so, as it publishes a person's name.
    reviewer_as_author: bool = False

    @classmethod
    def of(cls, config: Mapping[str, Any], requested_at: str = "") -> ExportSettings:
        """The settings factdb's configuration gives; `requested_at` stands in for an unset
        FACTDB_BASE_URL (a page's own address)."""
        return cls(
            publisher_name=config["PUBLISHER_NAME"],
            publisher_url=config["PUBLISHER_URL"],
            base_url=config["BASE_URL"] or requested_at,
            base_url_guessed=bool(requested_at) and not config["BASE_URL"],
            reviewer_as_author=bool(config["CLAIMREVIEW_REVIEWER_AUTHOR"]),
        )


#: Documents a formatted export holds in memory rather than read twice: pickled, about
#: 400 bytes each (a dict of the same item takes 2 KB), so 100,000 take about 40 MB.
IN_MEMORY = 100_000


@dataclass
class Job:
    """One export being written: what to read, how, and what to tell the person."""

    selection: Selection
    output: str = ""
    style: str = "chicago-notes"
    settings: ExportSettings = field(default_factory=ExportSettings)
    #: Keep newly formatted references for later exports (never from a GET request).
    keep: bool = False
    #: Format only a bibliography's first batch (a preview: it is the start of the whole).
    first_batch: bool = False
    #: Whether the bibliography stops before the selection's end (set as it is written).
    cut: bool = False

    def items(self) -> Iterator[list[dict]]:
        """CSL items in batches, in document id order."""
        for documents in self.selection.documents():
            yield [csl_item(document) for document in documents]

    def sorted_items(self) -> Iterator[dict]:
        """CSL items one by one in bibliography order.

        A selection of up to IN_MEMORY documents is held (pickled) from the first reading,
        which costs a tenth of reading and building it again; a bigger one is read again
        in that order, in batches, so that memory stays bounded.
        """
        order = []
        held: dict[int, bytes] | None = {}
        for batch in self.items():
            for item in batch:
                document_id = item["custom"]["factdb-document-id"]
                order.append((formatted.sort_key(item), document_id))
                if held is not None:
                    held[document_id] = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
                    if len(held) > IN_MEMORY:
                        held = None
        order.sort()
        ids = [document_id for _, document_id in order]
        del order
        if held is not None:
            # Each item is unpickled as it is needed and its bytes let go.
            yield from (pickle.loads(held.pop(document_id)) for document_id in ids)  # noqa: S301 (pickled here)
            return
        position = {document_id: index for index, document_id in enumerate(ids)}
        for documents in self.selection.documents(ids=ids):
            for document in sorted(documents, key=lambda d: position[d.id]):
                yield csl_item(document)


Writer = Callable[[Job], Iterator[str]]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str
    mimetype: str
    write: Writer
    #: The --as choices this format accepts (empty: none); the first is the default.
    outputs: tuple[str, ...] = ()
    #: What the count of an export of this format counts.
    counts: str = "documents"
    #: What is missing for this format to be complete (settings -> messages), known up front.
    check: Callable[[ExportSettings], list[str]] = lambda _settings: []
    #: The heading the format stands under in the export menu.
    group: str = "Reference managers"


def write_csl_json(job: Job) -> Iterator[str]:
    # One item per line: readable, and written by the fast C encoder (indent= is pure Python).
    yield "["
    first = True
    for items in job.items():
        for item in items:
            # A title's maths as CSL rich text; the .bib exports read the items' maths.
            item = with_rich_title(item)
            yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
            first = False
    yield "\n]\n" if not first else "]\n"


def write_bibtex(job: Job) -> Iterator[str]:
    return bibtex.write(job.items(), biblatex=False)


def write_biblatex(job: Job) -> Iterator[str]:
    return bibtex.write(job.items(), biblatex=True)


def write_ris(job: Job) -> Iterator[str]:
    return ris.write(job.items())


def write_wikipedia(job: Job) -> Iterator[str]:
    return tables.write_wikipedia(job.items())


def write_csv(job: Job) -> Iterator[str]:
    return tables.write_csv(claim_rows(job.selection.session, job.selection.claim_ids))


def style_writer(style: str) -> Writer:
    def write(job: Job) -> Iterator[str]:
        store = Store(job.selection.session, job.keep)
        if job.first_batch:
            items = first_batch(job.items())
            job.cut = len(items) < len(job.selection.document_ids)
            return formatted.bibliography(iter(items), style, job.output, store)
        return formatted.bibliography(job.sorted_items(), style, job.output, store)

    return write


def write_claim_report(job: Job) -> Iterator[str]:
    items = list(job.sorted_items()) if job.selection.document_ids else []
    keys = {item["custom"]["factdb-document-id"]: item["id"] for item in items}
    done = report.format_documents(
        formatted.batches(items), job.style, job.output, Store(job.selection.session, job.keep)
    )
    yield from report.write(
        job.selection.claims(documents=False), keys, done.citations, job.style, job.output,
        job.selection.session,
    )  # fmt: skip
    yield from report.references(done.references, job.output)


def claimreview_author(settings: ExportSettings) -> str:
    """What each ClaimReview names as its author, and the setting that decides it."""
    if settings.publisher_name:
        return f"Author of each review: {settings.publisher_name} (FACTDB_PUBLISHER_NAME)."
    if settings.reviewer_as_author:
        return (
            "Author of each review: the reviewer who gave its verdict, by name "
            "(FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR is on, FACTDB_PUBLISHER_NAME is not set)."
        )
    return (
        "Author of each review: none (FACTDB_PUBLISHER_NAME is not set; reviewers' names are "
        "published only when FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR is on)."
    )


def claimreview_check(settings: ExportSettings) -> list[str]:
    """ClaimReview's consumers need a named author and a url for every review."""
    warnings = []
    if not settings.publisher_name and settings.reviewer_as_author:
        warnings.append(
            "FACTDB_PUBLISHER_NAME is not set: each review names the reviewer who gave its "
            "verdict as its author (FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR is on; none where no "
            "reviewer is recorded), where ClaimReview expects the organisation publishing it. "
            "Set it to your organisation's name."
        )
    elif not settings.publisher_name:
        warnings.append(
            "FACTDB_PUBLISHER_NAME is not set: the reviews name no author, where ClaimReview "
            "expects the organisation publishing it. Set it to your organisation's name (or "
            "set FACTDB_CLAIMREVIEW_REVIEWER_AUTHOR=true to name the reviewer who gave each "
            "verdict, publishing that person's name)."
        )
    if not settings.base_url:
        warnings.append(
            "FACTDB_BASE_URL is not set: the reviews carry no url, which ClaimReview requires. "
            "Set it to this factdb's public address."
        )
    elif settings.base_url_guessed:
        warnings.append(
            f"FACTDB_BASE_URL is not set: claim links use the address of this page "
            f"({settings.base_url}); set it to this factdb's public address."
        )
    return warnings


def write_claimreview(job: Job) -> Iterator[str]:
    settings = job.settings
    publisher = {
        key: value
        for key, value in (("name", settings.publisher_name), ("url", settings.publisher_url))
        if value
    }

    def reviews() -> Iterator[dict]:
        for claims in job.selection.claims():
            judged = [claim for claim in claims if claim.status.is_verdict]
            given = verdicts(job.selection.session, [claim.id for claim in judged])
            for claim in judged:
                verdict = given.get(claim.id)
                yield claimreview.review(
                    claim,
                    date_published=verdict.date if verdict else "",
                    base_url=settings.base_url,
                    publisher=publisher,
                    reviewer=verdict.reviewer if verdict and settings.reviewer_as_author else "",
                )

    return claimreview.write(reviews())


_TEXT_OUTPUTS = ("text", "markdown", "html")
_STYLE_LABELS = {
    "apa": "APA 7",
    "chicago-author-date": "Chicago (author-date)",
    "chicago-notes": "Chicago (notes and bibliography)",
    "mla": "MLA 9",
    "harvard": "Harvard (Cite Them Right)",
}
FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("csl-json", "CSL-JSON (Zotero, Mendeley, pandoc)", "json",
               "application/vnd.citationstyles.csl+json", write_csl_json),
        Format("bibtex", "BibTeX", "bib", "application/x-bibtex", write_bibtex),
        Format("biblatex", "BibLaTeX", "bib", "application/x-bibtex", write_biblatex),
        Format("ris", "RIS (EndNote, Zotero, Mendeley)", "ris",
               "application/x-research-info-systems", write_ris),
        *(Format(name, label, "txt", "text/plain", style_writer(name), _TEXT_OUTPUTS,
                 group="Formatted references")
          for name, label in _STYLE_LABELS.items()),
        Format("claim-report", "Claim report with footnotes", "md", "text/markdown",
               write_claim_report, ("markdown", "html"), counts="claims", group="Claims"),
        Format("claimreview", "ClaimReview JSON-LD (schema.org)", "jsonld", "application/ld+json",
               write_claimreview, counts="judged claims", check=claimreview_check, group="Claims"),
        Format("csv", "CSV for spreadsheets", "csv", "text/csv", write_csv, counts="claims",
               group="Claims"),
        Format("wikipedia", "Wikipedia citation templates", "txt", "text/plain", write_wikipedia,
               group="Claims"),
    ]
}  # fmt: skip
OUTPUT_TYPES = {
    "text": ("txt", "text/plain"),
    "markdown": ("md", "text/markdown"),
    "html": ("html", "text/html"),
}
CLAIM_REPORT_STYLES = tuple(formatted.STYLES)
#: The export menu's headings, each with its formats, in the registry's order.
FORMAT_GROUPS: dict[str, list[Format]] = {}
for _format in FORMATS.values():
    FORMAT_GROUPS.setdefault(_format.group, []).append(_format)


def describe() -> str:
    """The formats for a command's help: "csl-json, bibtex, …"."""
    return ", ".join(FORMATS)
