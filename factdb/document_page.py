"""What a document's page reads beside the document and its citations, in one statement.

Its edits, whether it has any capture or check, and the audit findings about the claims
shown and the document were four statements (four round trips to PostgreSQL) on every
document page, though most documents have neither captures nor checks: now one
(factdb.rowsets), and the captures and checks are read only when there are some.
"""

from __future__ import annotations

import functools
from collections.abc import Collection

from sqlalchemy import ARRAY, Integer, Select, any_, bindparam, literal, select
from sqlalchemy.orm import Session

from factdb.audit import Finding, kept
from factdb.capture.evidence import Evidence, document_evidence
from factdb.history import RECORD_CHANGES, ChangeEntry, change_entries
from factdb.models import Capture, Citation, Document, SourceCheck
from factdb.rowsets import Sets

_DOCUMENT_ID = bindparam("document_id")


@functools.cache
def findings_query(dialect: str) -> Select:
    """The page's findings: `kept.about_query`, its claims read through the document's citations.

    The claims are those of `claim_ids` citing the document `document_id` (all of them do).
    Read from the document's citations, PostgreSQL's plan kept for every page counts them as
    the plans for each page's values do; unnested from the array alone, it counted ten
    claims where a document has six or seven, cost more than those plans, and was never
    used: the statement was planned at every page. SQLite keeps `kept.about_query`.
    """
    if dialect != "postgresql":
        return kept.about_query(dialect, kept.PAGE_RULES)
    claims = select(Citation.claim_id).where(
        Citation.document_id == _DOCUMENT_ID,
        Citation.claim_id == any_(bindparam("claim_ids", type_=ARRAY(Integer))),
    )
    scope = kept.Scope(claims, bindparam("document_ids", expanding=True))
    return kept.scoped_query(scope, kept.PAGE_RULES)


@functools.cache
def _around(dialect: str) -> Sets:
    """Build the page's sets once for each database (the findings' query differs)."""
    return Sets(
        {
            "changes": RECORD_CHANGES,
            "captured": select(literal(1)).where(Capture.document_id == _DOCUMENT_ID).limit(1),
            "checked": select(literal(1)).where(SourceCheck.document_id == _DOCUMENT_ID).limit(1),
            "findings": findings_query(dialect),
        }
    )


def changes_evidence_and_findings(
    session: Session, document: Document, claim_ids: Collection[int]
) -> tuple[list[ChangeEntry], Evidence, list[Finding]]:
    """Read the document's edits, captures and checks (if any) and findings in one statement.

    The findings are those `kept.about` reads for the document and the claims `claim_ids`
    (the claims of the citations the page shows), read by `findings_query`.
    """
    connection = session.connection()
    params = {
        "document_id": document.id,
        "entity": "document",
        "entity_id": document.id,
        **kept.about_params(claim_ids, [document.id]),
    }
    sets = _around(connection.dialect.name).read(connection, params)
    changes = change_entries(sets["changes"])
    findings = [kept.finding_from_row(row) for row in sets["findings"]]
    if sets["captured"] or sets["checked"]:
        return changes, document_evidence(session, document), findings
    evidence = Evidence(checkable=document.url.startswith(("http://", "https://")))
    return changes, evidence, findings
