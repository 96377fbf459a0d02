"""The audit page, findings on record pages, and a quote shown inside its document."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from sqlalchemy import select

from factdb import claims as claim_service
from factdb.audit import RULES, AuditReport, Finding, Severity, run_audit
from factdb.audit.cache import KeptReport, ReportCache
from factdb.audit.data import AuditData, load
from factdb.audit.quotes import check_quote
from factdb.audit.runner import evaluate
from factdb.claims import ClaimFilters
from factdb.models import Citation, Claim, Document
from factdb.pagination import Page, clamp_page
from factdb.vocab import Status
from factdb.web.charts import bars
from factdb.web.database import db
from factdb.web.filters import STATUS_TONES, page_url
from factdb.web.params import filters_from_request, page_number

bp = Blueprint("audit", __name__, url_prefix="/audit")

SEVERITY_TONES = {Severity.ERROR: "bad", Severity.WARNING: "warn", Severity.INFO: "info"}
FINDINGS_PER_PAGE = 50


def finding_link(finding: Finding) -> str:
    """The page where a finding can be fixed."""
    if finding.claim_id is not None:
        anchor = f"#citation-{finding.citation_id}" if finding.citation_id else ""
        return url_for("claims.detail", claim_id=finding.claim_id) + anchor
    if finding.document_id is not None:
        return url_for("documents.detail", document_id=finding.document_id)
    if finding.source_id is not None:
        return url_for("sources.detail", source_id=finding.source_id)
    return url_for("audit.index")


def _scope() -> tuple[list[int] | None, list[int], str]:
    """Which claims to audit, from the query string: a document, a source, or a claims filter."""
    filters: ClaimFilters = filters_from_request()
    filters.page = 1
    if not filters.as_query(page=""):
        return None, [], "the whole database"
    ids = claim_service.matching_claim_ids(db(), filters)
    labels = claim_service.filter_labels(db(), filters)
    parts = []
    if filters.document_id is not None:
        parts.append(f"document “{labels['document']}”")
    if filters.source_id is not None:
        parts.append(f"source “{labels['source']}”")
    if filters.q or filters.status or filters.tag:
        parts.append("the claims filter")
    documents = [filters.document_id] if filters.document_id is not None else []
    return ids, documents, " and ".join(parts)


@bp.route("/")
def index() -> Any:
    """Audit the whole database or a selection, with charts and a list to drill into."""
    claim_ids, document_ids, scope = _scope()
    session = db()
    kept = kept_audit(claim_ids, document_ids)
    report = kept.report
    rule = request.args.get("rule", "").upper()
    severity = request.args.get("severity", "")
    shown = [
        f
        for f in report.findings
        if (not rule or f.rule == rule) and (not severity or f.severity.value == severity)
    ]
    page_arg = request.args.get("page", "")
    number = clamp_page(page_number(page_arg), FINDINGS_PER_PAGE, len(shown))
    page = Page(
        shown[(number - 1) * FINDINGS_PER_PAGE : number * FINDINGS_PER_PAGE],
        number,
        FINDINGS_PER_PAGE,
        len(shown),
    )
    by_rule = report.by_rule()
    rule_bars = bars(
        [
            (
                info.title,
                by_rule.get(code, 0),
                SEVERITY_TONES[info.severity],
                page_url(rule=code, page=""),
            )
            for code, info in RULES.items()
        ]
    )
    counts = claim_service.status_counts(session, filters_from_request())
    status_bars = bars(
        [
            (
                status.label,
                counts[status],
                STATUS_TONES[status],
                url_for("claims.index", status=status.value),
            )
            for status in Status
        ]
    )
    return render_template(
        "audit/index.html",
        report=report,
        page=page,
        scope=scope,
        rule=rule,
        severity=severity,
        rules=RULES,
        rule_bars=rule_bars,
        status_bars=status_bars,
        by_severity=report.by_severity(),
        finding_link=finding_link,
        claim_texts=claim_texts(page.items),
        kept=kept,
    )


def claim_texts(findings: list[Finding]) -> dict[int, str]:
    """The text of each claim the findings name, so a finding reads as more than a number."""
    ids = {finding.claim_id for finding in findings if finding.claim_id is not None}
    if not ids:
        return {}
    return dict(db().execute(select(Claim.id, Claim.text).where(Claim.id.in_(ids))).all())


def kept_audit(claim_ids: list[int] | None, document_ids: list[int]) -> KeptReport:
    """The audit of every rule over a scope (None: everything), kept while the data stands still."""
    session = db()

    def make() -> AuditReport:
        report = run_audit(session, claim_ids=claim_ids, document_ids=document_ids)
        session.commit()  # keep the quote checks for the next run
        return report

    cache = current_app.extensions.setdefault("factdb.audit_reports", ReportCache())
    scope = (tuple(claim_ids) if claim_ids is not None else None, tuple(document_ids))
    return cache.report(session, scope, make)


@bp.route("/citations/<int:citation_id>")
def quote_in_context(citation_id: int) -> Any:
    """Show a citation's quote highlighted inside its document's stored text."""
    session = db()
    citation = session.get(Citation, citation_id)
    if citation is None:
        abort(404, description=f"There is no citation {citation_id}.")
    document = session.get(Document, citation.document_id)
    check = check_quote(citation.quote, document.full_text, locate=True) if citation.quote else None
    text = document.full_text
    before = after = marked = ""
    if check and check.outcome != "uncheckable":
        before, marked, after = (
            text[: check.start],
            text[check.start : check.end],
            text[check.end :],
        )
    return render_template(
        "audit/in_context.html",
        citation=citation,
        document=document,
        check=check,
        diff=check.diff if check else [],
        before=before,
        marked=marked,
        after=after,
    )


def findings_for(claim_ids: list[int], document_ids: list[int] = ()) -> list[Finding]:  # type: ignore[assignment]
    """Findings about a few records, for their pages."""
    session = db()
    if not claim_ids and not document_ids:
        return []
    return page_findings(load(session, claim_ids, document_ids))


#: Duplicates are looked for across the whole database, so only the full audit reports them.
_PAGE_RULES = [rule for rule in RULES if rule != "LIKELY_DUPLICATE"]


def page_findings(data: AuditData) -> list[Finding]:
    """Findings about the records a page shows, from the rows it has loaded."""
    session = db()
    report = evaluate(session, data, _PAGE_RULES)
    if report.quotes_from_cache < report.quotes_checked:
        session.commit()  # keeps the quote checks made for this page
    return report.findings
