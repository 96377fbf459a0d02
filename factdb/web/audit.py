"""The audit page, findings on record pages, and a quote shown inside its document."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any

from flask import Blueprint, abort, render_template, request, url_for

from factdb import claims as claim_service
from factdb.audit import RULES, Finding, Severity, kept
from factdb.audit.maintained import BEHIND
from factdb.audit.quotes import check_quote
from factdb.audit.scope import audit_scope
from factdb.claims import ClaimFilters
from factdb.keyset import MAX_CURSOR, Window
from factdb.models import Citation, Document
from factdb.pagination import clamp_page
from factdb.vocab import Status
from factdb.web.charts import Bar, bars
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


def _scope_label(filters: ClaimFilters, labels: dict[str, str]) -> str:
    """What the findings shown are of: a document, a source, a claims filter, or everything."""
    if filters.is_unfiltered():
        return "the whole database"
    parts = []
    if filters.document_id is not None:
        parts.append(f"document “{labels['document']}”")
    if filters.source_id is not None:
        parts.append(f"source “{labels['source']}”")
    if filters.q or filters.status or filters.tag:
        parts.append("the claims filter")
    return " and ".join(parts)


def _rule_bars(found: list[tuple[str, int]]) -> list[Bar]:
    """One bar per rule with findings, linking to them, its severity in words beside its title."""
    rows = [
        (
            RULES[code].title,
            count,
            SEVERITY_TONES[RULES[code].severity],
            page_url(rule=code, page=""),
        )
        for code, count in found
    ]
    return [
        replace(bar, note=RULES[code].severity.label.lower())
        for (code, _), bar in zip(found, bars(rows), strict=True)
    ]


@bp.route("/")
def index() -> Any:
    """Show the kept audit findings of the whole database or a selection, with charts."""
    session = db()
    filters = filters_from_request()
    scope = audit_scope(session, filters=filters)
    cited_only = request.args.get("cited") == "1"
    if cited_only:
        scope = replace(scope, cited_only=True)
    # The counts by rule and by status, the filter's names and whether the audit is
    # behind, in one statement (each was a round trip to PostgreSQL).
    sets = {"rules": kept.counts_by_rule_query(scope), "behind": BEHIND}
    heading = claim_service.list_heading(session, filters, sets, tags=False)
    scope_label = _scope_label(filters, heading.labels)
    rule = request.args.get("rule", "").upper()
    if rule not in RULES:
        rule = ""
    severity = request.args.get("severity", "")
    if severity not in {s.value for s in Severity}:
        severity = ""
    by_rule = dict(heading.sets["rules"])
    by_severity = kept.counts_by_severity(by_rule)
    if rule:
        total = (
            by_rule.get(rule, 0) if not severity or RULES[rule].severity.value == severity else 0
        )
    elif severity:
        total = by_severity.get(Severity(severity), 0)
    else:
        total = sum(by_rule.values())
    page_arg = request.args.get("page", "")
    number = clamp_page(page_number(page_arg), FINDINGS_PER_PAGE, total)
    window = Window(
        number,
        max(1, -(-total // FINDINGS_PER_PAGE)),
        FINDINGS_PER_PAGE,
        total,
        request.args.get("after", "")[:MAX_CURSOR],
        request.args.get("before", "")[:MAX_CURSOR],
    )
    page, texts = kept.findings_page_with_claims(
        session, scope, window, rules=[rule] if rule else (), severity=severity
    )
    found, empty_rules = kept.rules_by_weight(by_rule)
    rule_bars = _rule_bars(found)
    counts = heading.counts
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
        if not counts.bounded
        else []
    )
    return render_template(
        "audit/index.html",
        total=sum(by_rule.values()),
        page=page,
        scope=scope_label,
        rule=rule,
        severity=severity,
        cited_only=cited_only,
        rules=RULES,
        rule_bars=rule_bars,
        empty_rules=[RULES[code].title for code in empty_rules],
        status_bars=status_bars,
        status_counted=counts.at_least,
        by_severity=by_severity,
        finding_link=finding_link,
        claim_texts=texts,
        behind=bool(heading.sets["behind"]),
    )


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


def findings_for(claim_ids: Collection[int], document_ids: Collection[int] = ()) -> list[Finding]:
    """The kept findings about a few records, for their pages (a GET reads, it never stores)."""
    if not claim_ids and not document_ids:
        return []
    return kept.about(db(), claim_ids, document_ids, rules=kept.PAGE_RULES)


def findings_citing(
    claim_id: int, document_ids: Collection[int], source_ids: Collection[int]
) -> list[Finding]:
    """The kept findings a claim's page shows, from the documents and sources it has read."""
    return kept.about_cited(db(), claim_id, document_ids, source_ids, rules=kept.PAGE_RULES)
