"""Reading the kept audit findings: a page, a stream, the counts by rule and severity.

The findings are written by factdb.audit.maintained; everything here only reads.
The counts of the whole database come from `audit_rule_count`, which the writer
keeps (grouping every finding grew with the database: 17 ms of a 40 ms Audit page
at 10,000 claims); a selection's counts are grouped from its findings.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    Subquery,
    and_,
    any_,
    bindparam,
    false,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from factdb.audit.findings import RULES, Finding, Severity
from factdb.audit.kept_rows import SEVERITY_ORDER
from factdb.audit.maintained import BATCH, DOCUMENT_RULES, is_first_author
from factdb.keyset import Key, Window, beyond, encode, page_query
from factdb.models import AuditFinding, AuditRuleCount, Citation, Claim, DocumentAuthor
from factdb.pagination import Page


@dataclass(frozen=True)
class Scope:
    """Which findings to read: all (claims None) or those about some claims and documents."""

    claims: Select | None = None  # a query of claim ids
    #: Or a parameter, in a query built once and run with the ids (`about`).
    document_ids: tuple[int, ...] | BindParameter[list[int]] = ()
    #: Leave out findings about documents no claim cites: an imported library's documents
    #: all lack something, and would bury the errors in what is being checked.
    cited_only: bool = False

    @property
    def whole(self) -> bool:
        return self.claims is None and not self.document_ids and not self.cited_only

    def condition(self) -> ColumnElement[bool] | None:
        """The findings a scoped audit of these claims and documents would report."""
        if self.whole:
            return None
        cited = or_(
            AuditFinding.rule.not_in(DOCUMENT_RULES),
            AuditFinding.document_id.in_(select(Citation.document_id)),
        )
        if self.claims is None and not self.document_ids:
            return cited
        selected = self._selected()
        return and_(selected, cited) if self.cited_only else selected

    def _selected(self) -> ColumnElement[bool]:
        claims = self.claims if self.claims is not None else select(Claim.id).where(false())
        cited = select(Citation.document_id).where(Citation.claim_id.in_(claims))
        # A document's author is a source its claims rest on where no speaker is named.
        unspoken = cited.where(Citation.speaker_id.is_(None))
        authors = select(DocumentAuthor.source_id).where(
            is_first_author(), DocumentAuthor.document_id.in_(unspoken)
        )
        speakers = select(Citation.speaker_id).where(Citation.claim_id.in_(claims))
        documents = AuditFinding.rule.in_(written_rules(DOCUMENT_RULES))
        ungraded = AuditFinding.rule.in_(written_rules(("SOURCE_UNGRADED",)))
        # One branch per index (claim, document, source), not one OR of them: PostgreSQL
        # cannot combine IN-subqueries under an OR through indexes, and walked every
        # finding in the audit's order instead (200 ms of a 100,000-claim claim page).
        branches = [
            AuditFinding.claim_id.in_(claims),
            and_(documents, AuditFinding.document_id.in_(cited)),
            and_(documents, AuditFinding.document_id.in_(self.document_ids)),
            and_(ungraded, AuditFinding.source_id.in_(speakers)),
            and_(ungraded, AuditFinding.source_id.in_(authors)),
        ]
        return AuditFinding.id.in_(
            union_all(*(select(AuditFinding.id).where(branch) for branch in branches))
        )


def _filtered(
    query: Select, scope: Scope, rules: Collection[str] = (), severity: str = ""
) -> Select:
    condition = scope.condition()
    if condition is not None:
        query = query.where(condition)
    if rules:
        wanted = [rule.upper() for rule in rules]
        # Each rule has one severity: saying so lets the audit's order index seek to the
        # rule's findings already in order, whatever the planner's statistics say (with
        # them, SQLite scanned every finding in order for a rare rule: 82 ms at 100,000 claims).
        severities = sorted(
            {SEVERITY_ORDER[RULES[rule].severity] for rule in wanted if rule in RULES}
        )
        query = query.where(
            AuditFinding.rule.in_(wanted), AuditFinding.severity_order.in_(severities)
        )
    if severity:
        query = query.where(AuditFinding.severity_order == SEVERITY_ORDER[Severity(severity)])
    return query


def written_rules(rules: Collection[str]) -> BindParameter[list[str]]:
    """`rules`, constants of the code, written into the statement for `rule IN (...)`.

    Bound, PostgreSQL's plan kept for a prepared statement priced a rare rule as a common
    one, cost more than the plans made for each run's values, and was never used: a
    document page's findings were planned at every page (1-1.5 ms for 0.7 ms of running).
    """
    return bindparam("rules", list(rules), unique=True, literal_execute=True)


#: The audit's order: by severity, rule, then what the finding is about (claim, document,
#: source), then as recomputed (within a claim: by citation).
ORDER = [
    Key(AuditFinding.severity_order),
    Key(AuditFinding.rule, parse=str),
    Key(AuditFinding.subject_id),
    Key(AuditFinding.id),
]


def _finding(row: AuditFinding | Any) -> Finding:
    return Finding(
        row.rule,
        row.message,
        claim_id=row.claim_id,
        citation_id=row.citation_id,
        document_id=row.document_id,
        source_id=row.source_id,
        details=row.details or {},
    )


def findings(
    session: Session,
    scope: Scope = Scope(),
    *,
    rules: Collection[str] = (),
    severity: str = "",
    offset: int = 0,
    limit: int | None = None,
) -> list[Finding]:
    """Kept findings in the audit's order (by severity, rule, then claim, document or source)."""
    query = _filtered(select(AuditFinding), scope, rules, severity).order_by(
        *(key.ordered() for key in ORDER)
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_finding(row) for row in session.scalars(query)]


#: The rules a record's page shows: duplicates are looked for across the whole database,
#: so only the Audit page lists them.
PAGE_RULES = tuple(rule for rule in RULES if rule != "LIKELY_DUPLICATE")


def about(
    session: Session,
    claim_ids: Collection[int],
    document_ids: Collection[int] = (),
    *,
    rules: Collection[str] = (),
) -> list[Finding]:
    """The kept findings a record page shows: about its claims, its documents and what they cite.

    Read, never computed: a page that computed them would store quote checks while
    answering a GET.
    """
    dialect = session.get_bind().dialect.name
    query = about_query(dialect, tuple(rules))
    return [_finding(row) for row in session.scalars(query, about_params(claim_ids, document_ids))]


def about_params(claim_ids: Collection[int], document_ids: Collection[int]) -> dict[str, list[int]]:
    """Give the parameters of `about_query` for these claims and documents."""
    return {"claim_ids": sorted(claim_ids), "document_ids": sorted(document_ids)}


@functools.cache
def about_query(dialect: str, rules: tuple[str, ...]) -> Select:
    """Build the query of `about` (rows of AuditFinding) once: building cost twice a run.

    On PostgreSQL the claims' ids are one array, unnested: the statement's text no longer
    varies with their number (each number was a statement of its own, never prepared),
    and four look-ups of the claims by id leave its plan (about a third of the server's
    time for it on a document page).
    """
    if dialect == "postgresql":
        claims = select(func.unnest(bindparam("claim_ids", type_=ARRAY(Integer))))
    else:
        claims = select(Claim.id).where(Claim.id.in_(bindparam("claim_ids", expanding=True)))
    return scoped_query(Scope(claims, bindparam("document_ids", expanding=True)), rules)


def scoped_query(scope: Scope, rules: tuple[str, ...]) -> Select:
    """The kept findings of `scope` under `rules` in the audit's order, as a statement to run."""
    return _filtered(select(AuditFinding), scope, rules).order_by(*(k.ordered() for k in ORDER))


def finding_from_row(row: tuple) -> Finding:
    """Make a finding of a row of `about_query` read as a tuple (factdb.rowsets)."""
    return _finding(_FindingRow(*row))


_FindingRow = namedtuple(
    "_FindingRow", [column.key for column in select(AuditFinding).selected_columns]
)


def about_cited(
    session: Session,
    claim_id: int,
    document_ids: Collection[int],
    source_ids: Collection[int],
    *,
    rules: Collection[str] = (),
) -> list[Finding]:
    """The kept findings a claim's page shows, found by the ids the page has already read.

    What `about` finds for one claim when given the documents its citations cite and the
    sources they name (speakers, and each document's first author): reading those again
    from the claim cost PostgreSQL a plan of five joined branches on every claim page.
    """
    dialect = session.get_bind().dialect.name
    ids = {"claim_id": claim_id, "documents": sorted(document_ids), "sources": sorted(source_ids)}
    return [_finding(row) for row in session.scalars(_cited_query(dialect, tuple(rules)), ids)]


@functools.cache
def _cited_query(dialect: str, rules: tuple[str, ...]) -> Select:
    """The query of `about_cited`: ids as one array on PostgreSQL, so its text never varies."""

    def among(column: ColumnElement[int], name: str) -> ColumnElement[bool]:
        if dialect == "postgresql":
            return column == any_(bindparam(name, type_=ARRAY(Integer)))
        return column.in_(bindparam(name, expanding=True))

    branches = [
        AuditFinding.claim_id == bindparam("claim_id"),
        and_(AuditFinding.rule.in_(DOCUMENT_RULES), among(AuditFinding.document_id, "documents")),
        and_(AuditFinding.rule == "SOURCE_UNGRADED", among(AuditFinding.source_id, "sources")),
    ]
    ids = union_all(*(select(AuditFinding.id).where(branch) for branch in branches))
    query = _filtered(select(AuditFinding).where(AuditFinding.id.in_(ids)), Scope(), rules)
    return query.order_by(*(k.ordered() for k in ORDER))


def findings_page(
    session: Session,
    scope: Scope,
    window: Window,
    *,
    rules: Collection[str] = (),
    severity: str = "",
) -> Page[Finding]:
    """One page of kept findings, read by its sort key (factdb.keyset), never by a long offset."""
    cut, finding = _cut(scope, window, rules, severity)
    rows = session.scalars(select(finding).order_by(*(cut.c[key.column.key] for key in ORDER)))
    return _page(list(rows), window)


def findings_page_with_claims(
    session: Session,
    scope: Scope,
    window: Window,
    *,
    rules: Collection[str] = (),
    severity: str = "",
) -> tuple[Page[Finding], dict[int, str]]:
    """`findings_page`, and the text of each claim it names, read in the same statement.

    The texts were a statement of their own (a round trip to PostgreSQL). They are joined
    to the page once it is cut, so that a page read at an offset does not look up the
    claims of the rows it skips.
    """
    cut, finding = _cut(scope, window, rules, severity)
    joined = (
        select(finding, Claim.text)
        .outerjoin(Claim, Claim.id == cut.c.claim_id)
        .order_by(*(cut.c[key.column.key] for key in ORDER))
    )
    rows, texts = [], {}
    for row, text in session.execute(joined):
        rows.append(row)
        if row.claim_id is not None:
            texts[row.claim_id] = text
    return _page(rows, window), texts


def _cut(
    scope: Scope, window: Window, rules: Collection[str], severity: str
) -> tuple[Subquery, Any]:
    """The page's findings as a subquery, and the finding read from it, in the page's order.

    A page read backwards (from a cursor, or the last page) comes out of the subquery in
    reverse; ordering the outer query by the sort key turns it the right way round.
    """
    query, _reverse = page_query(
        _filtered(select(AuditFinding), scope, rules, severity), ORDER, window
    )
    cut = query.subquery()
    return cut, aliased(AuditFinding, cut)


def _page(rows: list[AuditFinding], window: Window) -> Page[Finding]:
    def cursor(row: AuditFinding) -> str:
        return encode([row.severity_order, row.rule, row.subject_id, row.id])

    return Page(
        [_finding(row) for row in rows],
        window.number,
        window.size,
        window.total,
        next_cursor=cursor(rows[-1]) if rows and window.number < window.pages else "",
        previous_cursor=cursor(rows[0]) if rows and window.number > 1 else "",
    )


def stream(
    session: Session, scope: Scope = Scope(), *, rules: Collection[str] = ()
) -> Iterator[Finding]:
    """Every kept finding in order, read in batches from a cursor (bounded memory and time)."""
    after: list = []
    while True:
        query = _filtered(select(AuditFinding), scope, rules)
        if after:
            query = query.where(beyond(ORDER, after))
        rows = list(session.scalars(query.order_by(*(k.ordered() for k in ORDER)).limit(BATCH)))
        yield from (_finding(row) for row in rows)
        if len(rows) < BATCH:
            return
        last = rows[-1]
        after = [last.severity_order, last.rule, last.subject_id, last.id]


def counts_by_rule(session: Session, scope: Scope = Scope()) -> dict[str, int]:
    """How many kept findings each rule has, in the scope (the whole database: from the counters)."""
    return {rule: count for rule, count in session.execute(counts_by_rule_query(scope))}


def counts_by_rule_query(scope: Scope = Scope()) -> Select:
    """The statement of counts_by_rule, to read with a page's other sets (factdb.rowsets)."""
    if scope.whole:
        return select(AuditRuleCount.rule, AuditRuleCount.count).where(AuditRuleCount.count > 0)
    return _filtered(select(AuditFinding.rule, func.count()).group_by(AuditFinding.rule), scope)


def counts_by_severity(by_rule: dict[str, int]) -> dict[Severity, int]:
    totals: dict[Severity, int] = {}
    for rule, count in by_rule.items():
        severity = RULES[rule].severity
        totals[severity] = totals.get(severity, 0) + count
    return totals


def every_rule(by_rule: dict[str, int]) -> dict[str, int]:
    """Each rule's count, zero where nothing was found, so that a reader sees every rule."""
    return {code: by_rule.get(code, 0) for code in RULES}


def rules_by_weight(by_rule: dict[str, int]) -> tuple[list[tuple[str, int]], list[str]]:
    """The rules with findings, errors first and then the most found, and the rules with none.

    A quarter of a million warnings would otherwise hide the errors to fix first, and a row of
    empty bars the rules that found anything.
    """
    order = list(RULES)
    found = sorted(
        ((code, count) for code, count in by_rule.items() if count),
        key=lambda row: (-RULES[row[0]].severity.rank, -row[1], order.index(row[0])),
    )
    return found, [code for code in RULES if not by_rule.get(code)]
