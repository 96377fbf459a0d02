"""Run the audit over the whole database or a selection, caching quote checks."""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from factdb.audit.bulk import insert_rows
from factdb.audit.data import AuditData, CitationRow, chunks, load
from factdb.audit.findings import RULES, Finding, Severity
from factdb.audit.members import one_of
from factdb.audit.quotes import (
    PASSED,
    QuoteCheck,
    cache_key,
    check_quote,
    normalise,
    render_diff,
)
from factdb.audit.rules import STRUCTURAL_RULES, checkable_quotes
from factdb.models import Document, QuoteCheckResult, utcnow

logger = logging.getLogger(__name__)
QUOTE_RULES = ("QUOTE_NOT_FOUND", "QUOTE_ALTERED", "QUOTE_UNCHECKABLE")
Progress = Callable[[int], None]


@dataclass
class AuditReport:
    findings: list[Finding] = field(default_factory=list)
    claims_checked: int = 0
    documents_checked: int = 0
    quotes_checked: int = 0
    quotes_from_cache: int = 0

    def by_rule(self) -> Counter[str]:
        return Counter(finding.rule for finding in self.findings)

    def by_severity(self) -> Counter[Severity]:
        return Counter(finding.severity for finding in self.findings)


def run_audit(
    session: Session,
    *,
    claim_ids: Collection[int] | None = None,
    document_ids: Collection[int] = (),
    rules: Collection[str] | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Audit every claim (claim_ids None) or the given claims and documents.

    `rules` limits the rules run; unknown codes raise ValueError. Quote checks are
    stored in the database, so that a second run only checks what changed; the
    caller commits.
    """
    selected = _selected(rules)
    return evaluate(session, load(session, claim_ids, document_ids), selected, progress)


def _selected(rules: Collection[str] | None) -> list[str]:
    selected = list(RULES) if rules is None else [rule.upper() for rule in rules]
    unknown = [rule for rule in selected if rule not in RULES]
    if unknown:
        raise ValueError(f"Unknown audit rule {unknown[0]}; the rules are {', '.join(RULES)}.")
    return selected


def evaluate(
    session: Session,
    data: AuditData,
    rules: Collection[str] | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Run the rules over data already loaded (a page that holds its rows passes them here)."""
    selected = _selected(rules)
    report = AuditReport(claims_checked=len(data.claims), documents_checked=len(data.documents))
    for code, rule in STRUCTURAL_RULES.items():
        if code in selected:
            report.findings.extend(rule(data))
        if progress:
            progress(1)
    if any(code in selected for code in QUOTE_RULES):
        report.findings.extend(
            f for f in _quote_findings(session, data, report, progress) if f.rule in selected
        )
    elif progress:
        progress(1)
    severity_order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    report.findings.sort(
        key=lambda f: (
            severity_order[f.severity],
            f.rule,
            f.claim_id or 0,
            f.citation_id or 0,
            f.document_id or 0,
        )
    )
    return report


_ALL_OUTCOMES = select(QuoteCheckResult.key, QuoteCheckResult.outcome)


class _RecentChecks:
    """The checks record pages used lately, kept in memory by key.

    A key is a hash of the quote and of the document's text, so what is stored
    under it can never change: nothing here needs invalidating, only bounding.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._checks: dict[str, QuoteCheck] = {}
        self._lock = threading.Lock()

    def known(self, keys: Iterable[str]) -> dict[str, QuoteCheck]:
        checks = self._checks
        return {key: checks[key] for key in keys if key in checks}

    def remember(self, checks: Mapping[str, QuoteCheck | None]) -> None:
        with self._lock:
            if len(self._checks) + len(checks) > self.size:
                self._checks.clear()  # cheaper than tracking age, and rare
            self._checks.update((key, check) for key, check in checks.items() if check)


_RECENT = _RecentChecks(size=50_000)


def _quote_findings(
    session: Session, data: AuditData, report: AuditReport, progress: Progress | None
) -> Iterator[Finding]:
    citations = list(checkable_quotes(data))
    keys = _quote_keys(data, citations)
    cached = _stored_checks(session, set(keys.values()), whole=data.whole)
    report.quotes_from_cache = sum(1 for key in keys.values() if key in cached)
    fresh = _check_missing(session, citations, keys, cached)
    store_checks(session, fresh)
    cached.update(fresh)
    if not data.whole:
        _RECENT.remember(fresh)
    report.quotes_checked = len(citations)
    if progress:
        progress(1)
    for citation in citations:
        key = keys.get(citation.id)
        check = cached.get(key) if key else None
        title = data.documents[citation.document_id].title
        yield from quote_finding(title, citation, check or QuoteCheck("uncheckable"))


def _quote_keys(data: AuditData, citations: Iterable[CitationRow]) -> dict[int, str]:
    """The key of each citation's check, for the quotes whose document has a stored text."""
    keys: dict[int, str] = {}
    for citation in citations:
        text_hash = data.documents[citation.document_id].text_hash
        if text_hash:
            keys[citation.id] = cache_key(citation.quote, text_hash)
    return keys


def _stored_checks(session: Session, wanted: set[str], whole: bool) -> dict[str, QuoteCheck | None]:
    """The stored checks among `wanted`; a selection looks in the recent checks first."""
    if whole:  # one pass over the stored checks beats hundreds of lookups by key
        cached: dict[str, QuoteCheck | None] = {
            key: PASSED if outcome == "ok" else None
            for key, outcome in session.connection().execute(_ALL_OUTCOMES)
            if key in wanted
        }
        _add_details(session, cached)
        return cached
    cached = dict(_RECENT.known(wanted))
    cached.update(stored_checks(session, wanted - cached.keys()))
    _RECENT.remember(cached)
    return cached


def stored_checks(session: Session, wanted: Collection[str]) -> dict[str, QuoteCheck | None]:
    """The stored checks among `wanted`, read outcome first: most passed, and need no more."""
    cached: dict[str, QuoteCheck | None] = {}
    connection = session.connection()
    for batch in chunks(sorted(wanted)):
        outcomes = select(QuoteCheckResult.key, QuoteCheckResult.outcome).where(
            one_of(session, QuoteCheckResult.key, batch)
        )
        for key, outcome in connection.execute(outcomes):
            cached[key] = PASSED if outcome == "ok" else None
    _add_details(session, cached)
    return cached


def _add_details(session: Session, cached: dict[str, QuoteCheck | None]) -> None:
    """Read the whole check of those that did not pass (their passage and differences)."""
    connection = session.connection()
    for batch in chunks([key for key, check in cached.items() if check is None]):
        results = select(QuoteCheckResult.key, QuoteCheckResult.result).where(
            one_of(session, QuoteCheckResult.key, batch)
        )
        for key, result in connection.execute(results):
            cached[key] = QuoteCheck.from_json(result)


def _check_missing(
    session: Session,
    citations: Iterable[CitationRow],
    keys: Mapping[int, str],
    cached: Mapping[str, QuoteCheck | None],
) -> dict[str, QuoteCheck]:
    """Check the quotes with no stored check, reading and folding each document's text once."""
    missing: dict[int, list[CitationRow]] = defaultdict(list)
    for citation in citations:
        key = keys.get(citation.id)
        if key is not None and key not in cached:
            missing[citation.document_id].append(citation)
    fresh: dict[str, QuoteCheck] = {}
    for batch in chunks(sorted(missing), 200):
        texts = session.execute(
            select(Document.id, Document.full_text).where(Document.id.in_(batch))
        ).all()
        for document_id, full_text in texts:
            folded = normalise(full_text)
            for citation in missing[document_id]:
                key = keys[citation.id]
                if key not in fresh:
                    fresh[key] = check_quote(citation.quote, full_text, folded=folded)
    return fresh


class CitedQuote(Protocol):
    """What a quote finding says of the citation: which it is, of which claim, from which document."""

    @property
    def id(self) -> int: ...
    @property
    def claim_id(self) -> int: ...
    @property
    def document_id(self) -> int: ...


#: Quotation marks a passage of the document may open or close with: the finding sets the
#: passage in its own pair, and “"By wards…"” showed two.
_MARKS = "\"“”„«»‘’'"


def quote_finding(title: str, citation: CitedQuote, check: QuoteCheck) -> Iterator[Finding]:
    """The finding a quote's check gives, if any (`title`: its document's)."""
    where = {
        "claim_id": citation.claim_id,
        "citation_id": citation.id,
        "document_id": citation.document_id,
    }
    details = {
        "score": check.score,
        "passage": check.passage,
        "diff": check.diff,
        "diff_text": render_diff(check.diff),
    }
    if check.outcome == "uncheckable":
        yield Finding(
            "QUOTE_UNCHECKABLE",
            f"“{title}” has no stored text, so the quote in citation #{citation.id} cannot be checked.",
            **where,
        )
    elif check.outcome == "altered":
        yield Finding(
            "QUOTE_ALTERED",
            f"The quote in citation #{citation.id} differs from “{title}” ({check.score:.0f}% alike).",
            details=details,
            **where,
        )
    elif check.outcome == "not_found":
        yield Finding(
            "QUOTE_NOT_FOUND",
            f"The quote in citation #{citation.id} does not appear in “{title}”; the closest passage "
            f"is {check.score:.0f}% alike: “{check.passage.strip(_MARKS)}”",
            details=details,
            **where,
        )


def _json(check: QuoteCheck) -> str:
    return json.dumps(check.to_json())


_PASSED_JSON = _json(PASSED)


def store_checks(session: Session, results: dict[str, QuoteCheck]) -> None:
    """Remember fresh checks; a row another process stored meanwhile is kept as it is.

    Caching is best effort: when the database is busy with another writer (SQLite
    lets one write at a time), the checks are simply made again next time rather
    than failing the page that asked for them.
    """
    if not results:
        return
    table = QuoteCheckResult.__table__
    # Every row of one call is stored at the same moment, in the column's stored form.
    stored_form = table.c.checked_at.type.bind_processor(session.get_bind().dialect)
    now = stored_form(utcnow()) if stored_form else utcnow()
    # In key order: two writers storing the same checks take the rows' locks in the same
    # order, so neither can hold one the other waits for while waiting for one it holds.
    rows = (
        (key, check.outcome, check.score, _PASSED_JSON if check is PASSED else _json(check), now)
        for key, check in sorted(results.items())
    )
    columns = ("key", "outcome", "score", "result", "checked_at")
    try:
        with session.begin_nested():
            insert_rows(session, table, columns, rows, unless_stored=("key",))
    except OperationalError:
        logger.info(
            "Quote checks not cached: the database is busy; they will be made again next time."
        )
