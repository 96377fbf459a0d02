"""CSV for spreadsheets, and Wikipedia citation templates that pass the CS1 checks."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from factdb.export.selection import CitationRowView
from factdb.vocab import Relation, Status

CSV_COLUMNS = [
    "claim_id", "claim", "status", "verdict", "quote", "quote_type", "speaker", "relation", "locator",
    "document_title", "authors", "outlet", "publisher", "published", "accessed", "url", "archive_url",
]  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]  # fmt: skip


def neutralise(value: Any) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(rows: Iterable[CitationRowView], batch: int = 1000) -> Iterator[str]:
    """One row per claim and citation, UTF-8 with a byte-order mark so spreadsheets read it right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for count, row in enumerate(rows, start=1):
        document = row.document
        values = [
            row.claim_id, row.claim, Status(row.status).label, row.verdict, row.quote, row.quote_type, row.speaker,
            Relation(row.relation).label if row.relation else "", row.locator,
        ]  # fmt: skip
        if document is None:
            values += [""] * 8
        else:
            values += [
                document.title,
                "; ".join(author.written_name for author in document.authors),
                document.container_title,
                document.publisher,
                document.published or ("undated" if document.undated else ""),
                document.accessed.isoformat() if document.accessed else "",
                document.url,
                document.archive_url,
            ]
        writer.writerow([neutralise(value) for value in values])
        if count % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


# ----------------------------------------------------------------------------- Wikipedia (CS1)

_TWEET = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status/(\d+)"
)
_ARCHIVE_STAMP = re.compile(r"/(\d{4})(\d{2})(\d{2})(?:\d{6})?(?:[a-z_]{0,4})?/")


def wiki_escape(value: str) -> str:
    """Escape what would break a template: pipes, braces, brackets and line breaks."""
    value = " ".join(value.split())
    return (
        value.replace("{", "&#123;")
        .replace("}", "&#125;")
        .replace("|", "{{!}}")
        .replace("[", "&#91;")
        .replace("]", "&#93;")
    )


def cs1_date(parts: dict[str, Any] | None) -> str:
    """A date as CS1 accepts it: 2026-03-14, March 2026 (never 2026-03), or 2026."""
    if not parts or not parts.get("date-parts"):
        return ""
    values = parts["date-parts"][0]
    if len(values) >= 3:
        return f"{values[0]:04d}-{values[1]:02d}-{values[2]:02d}"
    if len(values) == 2:
        return f"{MONTH_NAMES[values[1] - 1]} {values[0]}"
    return str(values[0])


def archive_date(url: str) -> str:
    """The date an archived copy was taken, when its address says (web.archive.org/web/20260315…)."""
    found = _ARCHIVE_STAMP.search(url)
    if not found:
        return ""
    year, month, day = (int(part) for part in found.groups())
    if not (1990 <= year <= 2999 and 1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def wiki_template(item: dict[str, Any]) -> str:
    """The CS1 template for an item: what it is, and what it can fill."""
    csl_type = item["type"]
    if item.get("genre", "") == "Press release":
        return "cite press release"
    if csl_type == "post" and _TWEET.match(item.get("URL", "")):
        return "cite tweet"
    if csl_type in _WIKI_TEMPLATES:
        return _WIKI_TEMPLATES[csl_type]
    return "cite web" if item.get("URL") else "cite document"


#: The CS1 template of each CSL type that has one of its own.
_WIKI_TEMPLATES = {
    "speech": "cite speech",
    "interview": "cite interview",
    "article-newspaper": "cite news",
    "report": "cite report",
    "book": "cite book",
}


def _people(item: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = []
    for number, name in enumerate(item.get("author", []), start=1):
        if "literal" in name:
            params.append((f"{prefix}author{number}", name["literal"]))
            continue
        family = " ".join(filter(None, [name.get("non-dropping-particle", ""), name["family"]]))
        params.append((f"{prefix}last{number}", family))
        given = ", ".join(filter(None, [name.get("given", ""), name.get("suffix", "")]))
        if given:
            params.append((f"{prefix}first{number}", given))
    return params


def wikipedia(item: dict[str, Any]) -> str:
    """One CSL item as a {{cite …}} template that the CS1 checks accept."""
    template = wiki_template(item)
    params: list[tuple[str, str]] = []
    if template == "cite tweet":
        user, number = _TWEET.match(item["URL"]).groups()  # type: ignore[union-attr]
        params += [("user", user), ("number", number), ("title", item["title"])]
    else:
        params += [("title", item["title"]), *_people(item)]
    container = item.get("container-title", "")
    if container and template not in ("cite tweet", "cite speech"):
        params.append(("work", container))
    if container and template == "cite speech":
        params.append(("event", container))
    if item.get("publisher") and template != "cite tweet":
        params.append(("publisher", item["publisher"]))
    date = cs1_date(item.get("issued"))
    if date:
        params.append(("date", date))
    url = item.get("URL", "")
    if url and template != "cite tweet":
        params.append(("url", url))
    if url:
        accessed = cs1_date(item.get("accessed"))
        if accessed:
            params.append(("access-date", accessed))
        archive = item.get("custom", {}).get("archive-url", "")
        stamp = archive_date(archive) if archive else ""
        if stamp and template != "cite tweet":
            params += [("archive-url", archive), ("archive-date", stamp)]
    if item.get("DOI") and template != "cite tweet":
        params.append(("doi", item["DOI"]))
    if item.get("language"):
        params.append(("language", item["language"]))
    body = " ".join(f"|{key}={wiki_escape(value)}" for key, value in params)
    return f"{{{{{template} {body}}}}}"


def write_wikipedia(batches: Iterable[list[dict[str, Any]]]) -> Iterator[str]:
    for items in batches:
        yield "".join(wikipedia(item) + "\n" for item in items)
