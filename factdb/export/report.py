"""The claim report: each claim, its verdict, and each quote with its formatted citation.

Built as pandoc Markdown and rendered by pandoc's citeproc, so that citations
become footnotes (Chicago notes, the default) or in-text references (author-date
styles), with the bibliography at the end. Every user-supplied character is
backslash-escaped, so no text can become markup or raw HTML.
"""

from __future__ import annotations

import re
from typing import Any

from factdb.export.formatted import pandoc
from factdb.models import Claim

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(text: str) -> str:
    """Escape every ASCII punctuation character for pandoc Markdown; fold line breaks."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def markdown_source(claims: list[Claim], keys: dict[int, str]) -> str:
    lines = ["# Claim report", ""]
    for claim in claims:
        lines.append(f"## Claim {claim.id}: {md_escape(claim.text)}")
        lines.append("")
        verdict = f"**{md_escape(claim.status.label)}.**"
        if claim.status.is_verdict and claim.verdict:
            verdict += f" {md_escape(claim.verdict)}"
        lines += [verdict, ""]
        if not claim.citations:
            lines += ["*No source is recorded for this claim.*", ""]
        for citation in claim.citations:
            who = md_escape(citation.speaker.name) if citation.speaker else "The document itself"
            if citation.speaker and citation.speaker.role:
                who += f", {md_escape(citation.speaker.role)}"
            words = ""
            if citation.quote:
                quoted = md_escape(citation.quote)
                words = (
                    f"“{quoted}” "
                    if citation.quote_type.value == "direct"
                    else f"{quoted} (paraphrase) "
                )
            where = f" ({md_escape(citation.locator)})" if citation.locator else ""
            relation = md_escape(citation.relation.label.lower())
            lines += [f"- {words}— {who}; {relation}{where}.[@{keys[citation.document_id]}]", ""]
    lines += ["# References", ""]
    return "\n".join(lines)


def claim_report(
    claims: list[Claim], items: list[dict[str, Any]], keys: dict[int, str], style: str, output: str
) -> str:
    return pandoc(markdown_source(claims, keys), items, style, output)
