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
from typing import Any

from factdb.export.formatted import STYLES, for_style, pandoc
from factdb.models import Claim

_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+\-!|~])")
_NOTE_DEFINITION = re.compile(r"^\[(\d+)\] (.+)$")
NOTE_STYLES = {"chicago-notes"}


def md_escape(text: str) -> str:
    """Escape every character Markdown gives a meaning to; fold line breaks."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def citations(items: list[dict[str, Any]], style: str, output: str) -> dict[str, str]:
    """Each item's citation (key -> formatted text in `output`) from one pandoc call."""
    if not items:
        return {}
    source = "---\nsuppress-bibliography: true\n---\n\n"
    source += "\n\n".join(f"[@{item['id']}]" for item in items) + "\n"
    target = "markdown" if output == "markdown" else "html"
    rendered = pandoc(source, [for_style(item) for item in items], style, target)
    if style in NOTE_STYLES:
        notes: dict[int, str] = {}
        if target == "html":
            for number, text in re.findall(
                r'<li id="fn(\d+)">\s*<p>(.*?)<a href="#fnref\d+"', rendered, re.DOTALL
            ):
                notes[int(number)] = text.strip()
        else:
            for line in rendered.splitlines():
                found = _NOTE_DEFINITION.match(line)
                if found:
                    notes[int(found.group(1))] = found.group(2).strip()
        return {item["id"]: notes.get(number, "") for number, item in enumerate(items, start=1)}
    if target == "html":
        paragraphs = re.findall(r"<p>(.*?)</p>", rendered, re.DOTALL)
        body = [
            re.sub(r'^<span class="citation"[^>]*>(.*)</span>$', r"\1", p.strip())
            for p in paragraphs
        ]
    else:
        body = [part.strip() for part in rendered.split("\n\n") if part.strip()]
    return {item["id"]: text for item, text in zip(items, body, strict=False)}


def _citation_line(citation: Any, output: str) -> str:
    escape = md_escape if output == "markdown" else html.escape
    who = escape(citation.speaker.name) if citation.speaker else "The document itself"
    if citation.speaker and citation.speaker.role:
        who += f", {escape(citation.speaker.role)}"
    words = ""
    if citation.quote:
        quoted = escape(" ".join(citation.quote.split()))
        words = (
            f"“{quoted}” " if citation.quote_type.value == "direct" else f"{quoted} (paraphrase) "
        )
    where = f" ({escape(citation.locator)})" if citation.locator else ""
    return f"{words}— {who}; {escape(citation.relation.label.lower())}{where}"


def write(
    claims: Iterable[list[Claim]],
    keys: dict[int, str],
    cited: dict[str, str],
    style: str,
    output: str,
) -> Iterator[str]:
    """The report's claims, a batch at a time; `cited` maps keys to formatted citations."""
    note_style = style in NOTE_STYLES
    yield "# Claim report\n\n" if output == "markdown" else "<h1>Claim report</h1>\n"
    number = 0
    for batch in claims:
        parts: list[str] = []
        for claim in batch:
            notes: list[tuple[int, str]] = []
            lines: list[str] = []
            for citation in claim.citations:
                text = cited.get(keys.get(citation.document_id, ""), "")
                line = _citation_line(citation, output)
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


def references_heading(output: str) -> str:
    return "# References\n\n" if output == "markdown" else "<h1>References</h1>\n"


__all__ = ["STYLES", "citations", "md_escape", "references_heading", "write"]
