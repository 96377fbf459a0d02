"""CSV for spreadsheets, and Wikipedia citation templates."""

from __future__ import annotations

import csv
import io
from typing import Any

from factdb.export.selection import CitationRowView
from factdb.vocab import Relation, Status

CSV_COLUMNS = [
    "claim_id", "claim", "status", "verdict", "quote", "quote_type", "speaker", "relation", "locator",
    "document_title", "authors", "outlet", "publisher", "published", "accessed", "url", "archive_url",
]  # fmt: skip
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(rows: list[CitationRowView]) -> str:
    """One row per claim and citation, UTF-8 with a byte-order mark so spreadsheets read it right."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
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
                "; ".join(author.source.name for author in document.authors),
                document.container_title,
                document.publisher,
                document.published or ("undated" if document.undated else ""),
                document.accessed.isoformat() if document.accessed else "",
                document.url,
                document.archive_url,
            ]
        writer.writerow([neutralise(value) for value in values])
    return out.getvalue()


WIKI_TEMPLATES = {
    "article-newspaper": "cite news",
    "report": "cite report",
    "book": "cite book",
}


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


def _wiki_date(parts: dict[str, Any] | None) -> str:
    if not parts or not parts.get("date-parts"):
        return ""
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts["date-parts"][0]))


def wikipedia(item: dict[str, Any]) -> str:
    """One CSL item as a {{cite …}} template."""
    template = WIKI_TEMPLATES.get(item["type"], "cite web")
    if item.get("genre") == "Press release":
        template = "cite press release"
    params: list[tuple[str, str]] = [("title", item["title"])]
    for people, name in enumerate(item.get("author", []), start=1):
        if "literal" in name:
            params.append((f"author{people}", name["literal"]))
        else:
            params.append((f"last{people}", name["family"]))
            if name.get("given"):
                params.append((f"first{people}", name["given"]))
    container = item.get("container-title", "")
    if container:
        params.append(("work", container))
    if item.get("publisher"):
        params.append(("publisher", item["publisher"]))
    date = _wiki_date(item.get("issued"))
    if date:
        params.append(("date", date))
    if item.get("URL"):
        params.append(("url", item["URL"]))
    accessed = _wiki_date(item.get("accessed"))
    if accessed:
        params.append(("access-date", accessed))
    archive = item.get("custom", {}).get("archive-url")
    if archive:
        params.append(("archive-url", archive))
    if item.get("DOI"):
        params.append(("doi", item["DOI"]))
    if item.get("language"):
        params.append(("language", item["language"]))
    body = " ".join(f"|{key}={wiki_escape(value)}" for key, value in params)
    return f"{{{{{template} {body}}}}}"
