"""The claim report: each claim, its verdict, and each quote with its formatted citation.

pandoc's citeproc formats each cited document once (a note for note styles, an in-text
reference for author-date styles), a few hundred documents a call; the report itself is
written here, a claim at a time, each claim followed by its notes, and ends with the
bibliography. The cost is linear in the claims and documents, and nothing holds the whole
report. Every user-supplied character is escaped for the output (Markdown or HTML), so no
text can become markup, a link or raw HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.audit.findings import RULES
from factdb.export.formatted import NOCASE, STYLES, entries_of, formatted_batches
from factdb.export.kept import Store
from factdb.models import AuditFinding, Claim

#: What Markdown (pandoc's) reads anywhere in a line; "-", "+" and "#" only open a line (a
#: list, a heading), or run together ("--", which pandoc makes a dash); "(" and "!" only
#: after "]" or before "[", which are escaped.
_MARKDOWN = re.compile(r"[\\`*_{}\[\]<>|~]|^[-+#]|-(?=-)")
#: "1984." opening a line is an ordered list.
_ORDERED = re.compile(r"^(\d+)([.)])")
_NOTE_DEFINITION = re.compile(r"^\[(\d+)\] (.+)$")
NOTE_STYLES = {"chicago-notes"}


def md_escape(text: str) -> str:
    """Escape what Markdown gives a meaning to where it stands; fold line breaks.

    Escaping every punctuation mark everywhere wrote "second\\-hand" into the report.
    """
    escaped = _MARKDOWN.sub(r"\\\g<0>", " ".join(text.split()))
    return _ORDERED.sub(r"\1\\\2", escaped)


@dataclass
class Formatted:
    """What pandoc made of the cited documents: each one's citation, and the references."""

    citations: dict[str, str] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)


def format_documents(
    batches: Iterable[list[dict[str, Any]]], style: str, output: str, store: Store | None = None
) -> Formatted:
    """Citations and reference entries from one pandoc run per batch, several at a time;
    with a store, those kept from earlier reports are reused."""
    target = "markdown" if output == "markdown" else "html"

    def read(items: list[dict[str, Any]], rendered: str) -> tuple[dict[str, str], list[str]]:
        rendered = NOCASE.sub(r"\1", rendered)
        return (
            _read_citations(items, rendered, style, target),
            _read_references(items, rendered, style, target),
        )

    done = Formatted()
    for batch in formatted_batches(
        (batch for batch in batches if batch), style, target, _citing, read, store,
        f"report-{target}",
    ):  # fmt: skip
        done.citations.update(batch.citations)
        done.references += batch.entries
    return done


def _citing(items: list[dict[str, Any]]) -> str:
    return "\n\n".join(f"[@{item['id']}]" for item in items) + "\n"


def _paragraphs(rendered: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", rendered) if part.strip()]


def _read_references(
    items: list[dict[str, Any]], rendered: str, style: str, target: str
) -> list[str]:
    if target == "html":
        return entries_of(rendered.split('<section id="footnotes"')[0], "html")
    paragraphs = _paragraphs(rendered)[len(items) :]
    return paragraphs[: -len(items)] if style in NOTE_STYLES else paragraphs


def _read_citations(
    items: list[dict[str, Any]], rendered: str, style: str, target: str
) -> dict[str, str]:
    if style in NOTE_STYLES:
        notes: dict[int, str] = {}
        if target == "html":
            for number, text in re.findall(
                r'<li id="fn(\d+)">\s*<p>(.*?)<a href="#fnref\d+"', rendered, re.DOTALL
            ):
                notes[int(number)] = text.strip()
        else:
            for line in _paragraphs(rendered)[-len(items) :]:
                found = _NOTE_DEFINITION.match(line)
                if found:
                    notes[int(found.group(1))] = found.group(2).strip()
        return {item["id"]: notes.get(number, "") for number, item in enumerate(items, start=1)}
    if target == "html":
        paragraphs = re.findall(r"<p>(.*?)</p>", rendered.split('<div id="refs"')[0], re.DOTALL)
        body = [
            re.sub(r'^<span class="citation"[^>]*>(.*)</span>$', r"\1", p.strip())
            for p in paragraphs
        ]
    else:
        body = _paragraphs(rendered)[: len(items)]
    return {item["id"]: text for item, text in zip(items, body, strict=False)}


def references(entries: list[str], output: str) -> Iterator[str]:
    """The references section, from the entries format_documents read."""
    if not entries:
        return
    if output == "markdown":
        yield "# References\n\n" + "\n\n".join(entries) + "\n"
        return
    yield '<h1>References</h1>\n<div id="refs" class="references csl-bib-body hanging-indent" role="list">\n'
    yield "\n".join(entries) + "\n</div>\n"


#: Audit findings about a quote's words, said beside the quote wherever the report prints it.
QUOTE_RULES = ("QUOTE_NOT_FOUND", "QUOTE_ALTERED", "QUOTE_WITHDRAWN")


def quote_findings(session: Session, claims: list[Claim]) -> dict[int, str]:
    """What the audit says of each citation's quote (its rule's title), by citation id.

    A quote not found in its document was printed as the speaker's words with no warning.
    """
    ids = [citation.id for claim in claims for citation in claim.citations]
    rows = session.execute(
        select(AuditFinding.citation_id, AuditFinding.rule)
        .where(AuditFinding.rule.in_(QUOTE_RULES), AuditFinding.citation_id.in_(ids))
        .order_by(AuditFinding.id)
    )
    said: dict[int, str] = {}
    for citation_id, rule in rows:
        said.setdefault(citation_id, RULES[rule].title[0].lower() + RULES[rule].title[1:])
    return said


def _citation_line(citation: Any, output: str, finding: str = "") -> str:
    escape = md_escape if output == "markdown" else html.escape
    who = escape(citation.speaker.name) if citation.speaker else "The document itself"
    # The role this document gave the speaker; the source's own only where it gave none.
    role = (citation.speaker_role or citation.speaker.role) if citation.speaker else ""
    if role:
        who += f", {escape(role)}"
    words = ""
    if citation.quote:
        quoted = escape(" ".join(citation.quote.split()))
        words = (
            f"“{quoted}” " if citation.quote_type.value == "direct" else f"{quoted} (paraphrase) "
        )
        if finding:
            warning = f"(audit: {escape(finding)})"
            words += f"**{warning}** " if output == "markdown" else f"<strong>{warning}</strong> "
    where = f" ({escape(citation.locator)})" if citation.locator else ""
    return f"{words}— {who}; {escape(citation.relation.label.lower())}{where}"


def write(
    claims: Iterable[list[Claim]],
    keys: dict[int, str],
    cited: dict[str, str],
    style: str,
    output: str,
    session: Session | None = None,
) -> Iterator[str]:
    """The report's claims, a batch at a time; `cited` maps keys to formatted citations.

    With the session, each quote the audit found fault with says so beside it.
    """
    note_style = style in NOTE_STYLES
    yield "# Claim report\n\n" if output == "markdown" else "<h1>Claim report</h1>\n"
    number = 0
    for batch in claims:
        parts: list[str] = []
        findings = quote_findings(session, batch) if session is not None else {}
        for claim in batch:
            notes: list[tuple[int, str]] = []
            lines: list[str] = []
            for citation in claim.citations:
                text = cited.get(keys.get(citation.document_id, ""), "")
                line = _citation_line(citation, output, findings.get(citation.id, ""))
                if note_style:
                    number += 1
                    notes.append((number, text))
                    mark = (
                        f"[^{number}]"
                        if output == "markdown"
                        else f'<sup id="fnref{number}"><a href="#fn{number}">{number}</a></sup>'
                    )
                    lines.append(f"{line}.{mark}")
                else:
                    lines.append(f"{line} {text}.")
            parts.append(_claim(claim, lines, notes, output))
        yield "".join(parts)


def _claim(claim: Claim, lines: list[str], notes: list[tuple[int, str]], output: str) -> str:
    status = claim.status.label
    verdict = claim.verdict if claim.status.is_verdict and claim.verdict else ""
    if output == "markdown":
        out = [f"## Claim {claim.id}: {md_escape(claim.text)}", "", f"**{md_escape(status)}.**" + (f" {md_escape(verdict)}" if verdict else ""), ""]  # fmt: skip
        if not lines:
            out += ["*No source is recorded for this claim.*", ""]
        out += [f"- {line}" for line in lines] + ([""] if lines else [])
        out += [f"[^{n}]: {text}" for n, text in notes] + ([""] if notes else [])
        return "\n".join(out) + "\n"
    out = [f"<h2>Claim {claim.id}: {html.escape(claim.text)}</h2>",
           f"<p><strong>{html.escape(status)}.</strong>" + (f" {html.escape(verdict)}" if verdict else "") + "</p>"]  # fmt: skip
    if not lines:
        out.append("<p><em>No source is recorded for this claim.</em></p>")
    else:
        out.append("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
    if notes:
        items = "".join(
            f'<li id="fn{n}">{text} <a href="#fnref{n}">↩</a></li>' for n, text in notes
        )
        out.append(f'<ol class="footnotes" start="{notes[0][0]}">{items}</ol>')
    return "\n".join(out) + "\n"


__all__ = ["STYLES", "Formatted", "format_documents", "md_escape", "references", "write"]
