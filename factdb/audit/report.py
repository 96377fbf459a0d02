"""Write audit findings as text, JSON or CSV (the command line's output formats)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from factdb.audit.findings import FINDING_FIELDS, Finding

CSV_COLUMNS = [*FINDING_FIELDS, "why"]


def write_findings(findings: Iterable[Finding], output_format: str, out: TextIO) -> None:
    """Print findings; JSON is a list of objects with at least the CSV columns."""
    if output_format == "json":
        # One finding per line: readable and diffable, and each line is encoded in C
        # (indent= falls back to Python's encoder: 35 s for 285,000 findings).
        out.write("[\n")
        written = False
        for finding in findings:
            out.write(",\n" if written else "")
            out.write(json.dumps(finding.to_json(), ensure_ascii=False))
            written = True
        out.write("\n]\n" if written else "]\n")
    elif output_format == "csv":
        writer = csv.DictWriter(
            out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for finding in findings:
            writer.writerow(finding.to_json())
    else:
        for finding in findings:
            where = " ".join(
                f"{name}={value}"
                for name, value in (
                    ("claim", finding.claim_id),
                    ("citation", finding.citation_id),
                    ("document", finding.document_id),
                    ("source", finding.source_id),
                )
                if value is not None
            )
            out.write(f"{finding.severity.value.upper():<7} {finding.rule:<24} {where}\n")
            out.write(f"        {finding.message}\n")
            if finding.details.get("diff_text"):
                out.write(f"        quote vs source: {finding.details['diff_text']}\n")
