"""The command line's audit output parses as what it claims to be."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factdb.audit.findings import Finding
from factdb.audit.report import CSV_COLUMNS, write_findings

FINDINGS = [
    Finding("UNSOURCED", "Claim #1 has no citation.", claim_id=1),
    Finding("QUOTE_ALTERED", "Quote “déjà vu”, with a\nnew line.", claim_id=2, citation_id=5),
]


@pytest.mark.parametrize("findings", [[], FINDINGS])
def test_json_is_one_list_with_a_finding_per_line(findings):
    out = io.StringIO()
    write_findings(findings, "json", out)
    parsed = json.loads(out.getvalue())
    assert parsed == [finding.to_json() for finding in findings]
    assert len(out.getvalue().splitlines()) == len(findings) + 2
    assert ("déjà vu" in out.getvalue()) == bool(findings)  # written as text, not escaped


def test_csv_has_the_documented_columns():
    out = io.StringIO()
    write_findings(FINDINGS, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == CSV_COLUMNS
    assert [row["claim_id"] for row in rows] == ["1", "2"]
    assert rows[1]["message"] == FINDINGS[1].message
