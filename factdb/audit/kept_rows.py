"""Kept findings written as rows, and the counts by rule that each write keeps current.

The counts a transaction changes are gathered in the session and applied just before it
commits (factdb.audit.maintained), so the Audit page's totals never need a COUNT.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from factdb.audit.bulk import ROWS, insert_rows
from factdb.audit.data import chunks
from factdb.audit.findings import Finding, Severity
from factdb.models import AuditFinding, AuditRuleCount

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_COUNTS = "factdb.audit.counts"


def pending_counts(session: Session) -> dict[str, int]:
    """The change in findings by rule this transaction has made and not yet applied."""
    return session.info.setdefault(_COUNTS, {})


def delete_counted(session: Session, statement: Delete) -> None:
    """Delete findings, taking them off the counts by rule."""
    counted = pending_counts(session)
    for (rule,) in session.execute(statement.returning(AuditFinding.rule)):
        counted[rule] = counted.get(rule, 0) - 1


def apply_counts(session: Session) -> None:
    """Add this transaction's changes to the kept counts by rule, in the rules' order."""
    counted = session.info.pop(_COUNTS, None)
    changes = sorted((rule, n) for rule, n in (counted or {}).items() if n)
    if not changes:
        return
    dialect = session.get_bind().dialect.name
    upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(AuditRuleCount)
    statement = upsert.on_conflict_do_update(
        index_elements=["rule"], set_={"count": AuditRuleCount.count + upsert.excluded.count}
    )
    for rule, n in changes:  # one by one: the row locks are taken in this order
        session.execute(statement, {"rule": rule, "count": n})


def discard_counts(session: Session) -> None:
    """Forget the changes counted so far (a rebuild counts its findings once at the end)."""
    session.info.pop(_COUNTS, None)


#: The columns a finding is written in, in the order `finding_row` gives them.
_FINDING_COLUMNS = (
    "rule", "severity_order", "subject_id", "claim_id", "citation_id", "document_id",
    "source_id", "other_claim_id", "message", "details",
)  # fmt: skip


def finding_row(f: Finding) -> tuple[Any, ...]:
    """A finding as the row it is stored in (the order of _FINDING_COLUMNS)."""
    other = f.details.get("other_claim_id") if f.rule == "LIKELY_DUPLICATE" else None
    subject = f.claim_id or f.document_id or f.source_id or 0
    return (
        f.rule, SEVERITY_ORDER[f.severity], subject, f.claim_id, f.citation_id, f.document_id,
        f.source_id, other, f.message, json.dumps(f.details),
    )  # fmt: skip


def write_findings(session: Session, findings: Iterable[Finding]) -> int:
    """Insert findings, adding them to the counts by rule."""
    written = 0
    for batch in chunks(findings, ROWS):
        written += write_rows(session, [finding_row(f) for f in batch])
    return written


def write_rows(session: Session, rows: list[tuple[Any, ...]]) -> int:
    """Insert findings already made rows (finding_row), adding them to the counts by rule."""
    insert_rows(session, AuditFinding.__table__, _FINDING_COLUMNS, rows)
    counted = pending_counts(session)
    for row in rows:
        counted[row[0]] = counted.get(row[0], 0) + 1
    return len(rows)
