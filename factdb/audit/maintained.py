"""Audit findings kept in a table, recomputed for what each write touches.

Database triggers note each record a write touches in `audit_pending` (migration
0019). Before a session commits, `catch_up` recomputes the findings about those
records and empties the list, in the same transaction as the write: the audit
page then shows a change the moment it is saved, a write that rolls back leaves
no trace in the findings, and no job queue has to be running for the audit to be
right. The price is paid by the writer: an edit of one claim costs a few
milliseconds; grading a source re-checks every claim citing it (a source cited
100,000 times takes seconds; a rebuild is the fast path for such a change).

What a finding depends on, and so what is recomputed:

- a claim's findings: the claim, its citations, their documents (and those
  documents' authors, texts and latest checks), the sources cited (and the
  organisations above them), its verdict and its reviewer's name;
- a document's own findings (citation data, gone, changed): the document and its
  latest check;
- a source's own finding (not graded): the source, and whether it is cited;
- likely duplicates: the claims that share a key with the claim (audit.rules).

`rebuild` recomputes everything, a batch of claims at a time, in bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    exists,
    false,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from factdb.audit.data import chunks, load
from factdb.audit.findings import RULES, Finding, Severity
from factdb.audit.quotes import QuoteCheck, cache_key, check_quote, normalise
from factdb.audit.rules import alike, duplicate_finding, duplicate_keys, ungraded_finding
from factdb.audit.runner import evaluate, store_checks
from factdb.keyset import Key, Window, beyond, encode, page_query
from factdb.models import (
    AuditClaimKey,
    AuditFinding,
    AuditPending,
    Citation,
    Claim,
    Document,
    DocumentAuthor,
    QuoteCheckResult,
    Source,
)
from factdb.pagination import Page
from factdb.vocab import QuoteType, Reliability

#: The rules about one document on its own.
DOCUMENT_RULES = ("CITATION_INCOMPLETE", "SOURCE_GONE", "SOURCE_CHANGED")
#: The rules about one claim and what it cites.
CLAIM_RULES = tuple(
    rule
    for rule in RULES
    if rule not in DOCUMENT_RULES and rule not in ("SOURCE_UNGRADED", "LIKELY_DUPLICATE")
)
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
#: Claims recomputed at once: enough to amortise the queries, few enough to bound memory.
BATCH = 2000
Progress = Callable[[int], None]


@dataclass
class Touched:
    """The records whose findings must be recomputed."""

    claims: set[int]
    documents: set[int]
    sources: set[int]

    def __bool__(self) -> bool:
        return bool(self.claims or self.documents or self.sources)


def catch_up(session: Session) -> Touched | None:
    """Recompute the findings about every record noted as touched, and clear the notes.

    Called before every commit (factdb.db) and before the findings are read. Cheap
    when nothing is pending: one indexed look at an empty table, no write.
    """
    if not session.scalar(select(exists().where(AuditPending.id.is_not(None)))):
        return None
    notes = session.execute(
        delete(AuditPending).returning(AuditPending.kind, AuditPending.ref)
    ).all()
    touched = _expand(session, notes)
    recompute(session, touched)
    return touched


def _expand(session: Session, notes: Iterable[tuple[str, int]]) -> Touched:
    by_kind: dict[str, set[int]] = {}
    for kind, ref in notes:
        by_kind.setdefault(kind, set()).add(ref)
    claims = set(by_kind.get("claim", ()))
    documents = set(by_kind.get("document", ()))
    sources = by_kind.get("source_self", set()) | by_kind.get("source", set())
    changed_sources = _with_members(session, by_kind.get("source", set()))
    for batch in chunks(sorted(changed_sources)):
        claims.update(
            session.scalars(select(Citation.claim_id).where(Citation.speaker_id.in_(batch)))
        )
        documents_by = select(DocumentAuthor.document_id).where(DocumentAuthor.source_id.in_(batch))
        claims.update(
            session.scalars(select(Citation.claim_id).where(Citation.document_id.in_(documents_by)))
        )
    for batch in chunks(sorted(documents)):
        claims.update(
            session.scalars(select(Citation.claim_id).where(Citation.document_id.in_(batch)))
        )
    cited = documents | by_kind.get("document_cited", set())
    for batch in chunks(sorted(cited)):
        sources.update(
            session.scalars(
                select(DocumentAuthor.source_id).where(DocumentAuthor.document_id.in_(batch))
            )
        )
    for batch in chunks(sorted(by_kind.get("user", ()))):
        claims.update(session.scalars(select(Claim.id).where(Claim.created_by_id.in_(batch))))
    return Touched(claims, documents, sources)


def _with_members(session: Session, source_ids: set[int]) -> set[int]:
    """The sources and every source below them (a grade or parent change reaches them all)."""
    found = set(source_ids)
    frontier = set(source_ids)
    while frontier:
        below: set[int] = set()
        for batch in chunks(sorted(frontier)):
            below.update(session.scalars(select(Source.id).where(Source.parent_id.in_(batch))))
        frontier = below - found
        found |= frontier
    return found


def recompute(session: Session, touched: Touched) -> None:
    """Replace the findings about the touched records with freshly computed ones."""
    for batch in chunks(sorted(touched.claims), BATCH):
        _claims(session, batch)
        _duplicates(session, batch)
    for batch in chunks(sorted(touched.documents), BATCH):
        _documents(session, batch)
    for batch in chunks(sorted(touched.sources), BATCH):
        _sources(session, batch)


def _write(session: Session, findings: Iterable[Finding]) -> int:
    rows = [
        {
            "rule": f.rule,
            "severity_order": SEVERITY_ORDER[f.severity],
            "subject_id": f.claim_id or f.document_id or f.source_id or 0,
            "claim_id": f.claim_id,
            "citation_id": f.citation_id,
            "document_id": f.document_id,
            "source_id": f.source_id,
            "other_claim_id": f.details.get("other_claim_id")
            if f.rule == "LIKELY_DUPLICATE"
            else None,
            "message": f.message,
            "details": f.details,
        }
        for f in findings
    ]
    for start in range(0, len(rows), 500):
        session.execute(AuditFinding.__table__.insert(), rows[start : start + 500])
    return len(rows)


def _claims(session: Session, claim_ids: list[int]) -> None:
    session.execute(
        delete(AuditFinding).where(
            AuditFinding.claim_id.in_(claim_ids), AuditFinding.rule.in_(CLAIM_RULES)
        )
    )
    report = evaluate(session, load(session, claim_ids), CLAIM_RULES)
    _write(session, report.findings)


def _documents(session: Session, document_ids: list[int]) -> None:
    session.execute(
        delete(AuditFinding).where(
            AuditFinding.document_id.in_(document_ids),
            AuditFinding.claim_id.is_(None),
            AuditFinding.rule.in_(DOCUMENT_RULES),
        )
    )
    report = evaluate(session, load(session, [], document_ids), DOCUMENT_RULES)
    _write(session, report.findings)


def _cited(batch: Collection[int] | None):
    """Which sources are cited: as a citation's speaker, or as the first author of a cited document."""
    first = aliased(DocumentAuthor)
    first_position = (
        select(func.min(first.position))
        .where(first.document_id == DocumentAuthor.document_id)
        .scalar_subquery()
    )
    as_author = select(DocumentAuthor.source_id).where(
        DocumentAuthor.position == first_position,
        exists().where(Citation.document_id == DocumentAuthor.document_id),
    )
    as_speaker = select(Citation.speaker_id).where(Citation.speaker_id.is_not(None))
    if batch is not None:
        as_author = as_author.where(DocumentAuthor.source_id.in_(batch))
        as_speaker = as_speaker.where(Citation.speaker_id.in_(batch))
    return as_author, as_speaker


def _sources(session: Session, source_ids: list[int] | None) -> None:
    """Recompute whether the sources (None: all) are cited and not graded."""
    if source_ids is not None:
        session.execute(
            delete(AuditFinding).where(
                AuditFinding.source_id.in_(source_ids), AuditFinding.rule == "SOURCE_UNGRADED"
            )
        )
    as_author, as_speaker = _cited(source_ids)
    query = (
        select(Source.id, Source.name)
        .where(
            Source.reliability == Reliability.UNGRADED,
            or_(Source.id.in_(as_author), Source.id.in_(as_speaker)),
        )
        .order_by(Source.id)
    )
    if source_ids is not None:
        query = query.where(Source.id.in_(source_ids))
    _write(
        session, (ungraded_finding(source_id, name) for source_id, name in session.execute(query))
    )


def _duplicates(session: Session, claim_ids: list[int]) -> None:
    """Recompute the likely duplicates of these claims against every claim sharing a key."""
    session.execute(
        delete(AuditFinding).where(
            AuditFinding.rule == "LIKELY_DUPLICATE",
            or_(AuditFinding.claim_id.in_(claim_ids), AuditFinding.other_claim_id.in_(claim_ids)),
        )
    )
    session.execute(delete(AuditClaimKey).where(AuditClaimKey.claim_id.in_(claim_ids)))
    keyed: dict[int, tuple[str, set[str]]] = {
        claim_id: duplicate_keys(text)
        for claim_id, text in session.execute(
            select(Claim.id, Claim.text).where(Claim.id.in_(claim_ids))
        )
    }
    rows = [
        {"claim_id": claim_id, "key": key, "folded": folded}
        for claim_id, (folded, keys) in keyed.items()
        for key in sorted(keys)
    ]
    for start in range(0, len(rows), 500):
        session.execute(AuditClaimKey.__table__.insert(), rows[start : start + 500])
    wanted = sorted({key for _, keys in keyed.values() for key in keys})
    members: dict[str, list[tuple[int, str]]] = {}
    for batch in chunks(wanted, 500):
        for key, claim_id, folded in session.execute(
            select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded).where(
                AuditClaimKey.key.in_(batch)
            )
        ):
            members.setdefault(key, []).append((claim_id, folded))
    found: dict[tuple[int, int], float] = {}
    for claim_id, (folded, keys) in keyed.items():
        for key in keys:
            for other_id, other in members.get(key, ()):
                pair = (min(claim_id, other_id), max(claim_id, other_id))
                if other_id == claim_id or pair in found:
                    continue
                score = alike(folded, other)
                if score is not None:
                    found[pair] = score
    _write(session, (duplicate_finding(a, b, score) for (a, b), score in sorted(found.items())))


def rebuild(session: Session, progress: Progress | None = None) -> int:
    """Recompute every finding, a batch at a time; return how many there are.

    Memory stays bounded by the batch: claims are read by id range, duplicates by
    walking the key index in order, one group of claims sharing a key at a time.
    """
    for table in (AuditFinding, AuditPending, AuditClaimKey):
        session.execute(delete(table))
    check_quotes_by_document(session)
    for batch in _id_batches(session, Claim.id):
        report = evaluate(session, load(session, batch), CLAIM_RULES)
        _write(session, report.findings)
        rows = []
        for claim_id, text in session.execute(
            select(Claim.id, Claim.text).where(Claim.id.in_(batch))
        ):
            folded, keys = duplicate_keys(text)
            rows += [{"claim_id": claim_id, "key": key, "folded": folded} for key in sorted(keys)]
        for start in range(0, len(rows), 500):
            session.execute(AuditClaimKey.__table__.insert(), rows[start : start + 500])
        if progress:
            progress(len(batch))
    for batch in _id_batches(session, Document.id):
        _write(session, evaluate(session, load(session, [], batch), DOCUMENT_RULES).findings)
    _sources(session, None)
    _write(session, _all_duplicates(session))
    return session.scalar(select(func.count()).select_from(AuditFinding)) or 0


def check_quotes_by_document(session: Session, batch: int = 200) -> int:
    """Check every direct quote not checked yet, reading each document's text once.

    The claims are then audited a batch at a time with every check found stored;
    without this, a document cited from claims in several batches would have its
    text read and folded once per batch.
    """
    checked = 0
    after = 0
    while True:
        documents = session.execute(
            select(Document.id, Document.text_hash)
            .where(Document.id > after, Document.text_hash != "")
            .order_by(Document.id)
            .limit(batch)
        ).all()
        if not documents:
            return checked
        after = documents[-1][0]
        hashes = dict(documents)
        quotes: dict[int, set[str]] = {}
        for document_id, quote in session.execute(
            select(Citation.document_id, Citation.quote).where(
                Citation.document_id.in_(list(hashes)),
                Citation.quote_type == QuoteType.DIRECT,
                Citation.quote != "",
            )
        ):
            if quote.strip():
                quotes.setdefault(document_id, set()).add(quote)
        keys = {
            (document_id, quote): cache_key(quote, hashes[document_id])
            for document_id, texts in quotes.items()
            for quote in texts
        }
        stored: set[str] = set()
        for part in chunks(sorted(set(keys.values())), 500):
            stored.update(
                session.scalars(select(QuoteCheckResult.key).where(QuoteCheckResult.key.in_(part)))
            )
        wanted = {document_id for (document_id, _), key in keys.items() if key not in stored}
        fresh: dict[str, QuoteCheck] = {}
        if wanted:
            for document_id, full_text in session.execute(
                select(Document.id, Document.full_text).where(Document.id.in_(sorted(wanted)))
            ):
                folded = normalise(full_text)
                for quote in quotes[document_id]:
                    key = keys[(document_id, quote)]
                    if key not in stored and key not in fresh:
                        fresh[key] = check_quote(quote, full_text, folded=folded)
        store_checks(session, fresh)
        checked += len(fresh)


def _all_duplicates(session: Session) -> Iterator[Finding]:
    """Compare the claims within each group sharing a key, walking the groups in key order."""
    shared = (
        select(AuditClaimKey.key).group_by(AuditClaimKey.key).having(func.count() > 1).subquery()
    )
    rows = session.execute(
        select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded)
        .join(shared, shared.c.key == AuditClaimKey.key)
        .order_by(AuditClaimKey.key, AuditClaimKey.claim_id)
    ).all()
    seen: set[tuple[int, int]] = set()
    group: list[tuple[int, str]] = []
    current = None
    for key, claim_id, folded in [*rows, (None, 0, "")]:
        if key != current:
            for index, (first_id, first) in enumerate(group):
                for second_id, second in group[index + 1 :]:
                    pair = (first_id, second_id)
                    if pair in seen:
                        continue
                    score = alike(first, second)
                    if score is not None:
                        seen.add(pair)
                        yield duplicate_finding(first_id, second_id, score)
            group, current = [], key
        group.append((claim_id, folded))


_KEPT: dict[str, bool] = {}


def is_kept(session: Session) -> bool:
    """True when the database has the findings table (it may not be migrated yet)."""
    bind = session.get_bind()
    url = str(bind.engine.url)
    if not _KEPT.get(url):
        _KEPT[url] = inspect(session.connection()).has_table("audit_pending")
    return _KEPT[url]


def ensure_current(session: Session, writer: Callable[[], Session]) -> None:
    """Catch up on notes a write left behind (a migration, a script), in a writing session.

    Every commit through factdb catches up itself, so this is almost always one
    look at an empty table.
    """
    if not session.scalar(select(exists().where(AuditPending.id.is_not(None)))):
        return
    with writer() as writing, writing.begin():
        catch_up(writing)
    session.rollback()  # see what was just committed


@dataclass(frozen=True)
class Scope:
    """Which findings to read: all (claims None) or those about some claims and documents."""

    claims: Select | None = None  # a query of claim ids
    document_ids: tuple[int, ...] = ()

    @property
    def whole(self) -> bool:
        return self.claims is None and not self.document_ids

    def condition(self) -> ColumnElement[bool] | None:
        """The findings a scoped audit of these claims and documents would report."""
        if self.whole:
            return None
        claims = self.claims if self.claims is not None else select(Claim.id).where(false())
        cited = select(Citation.document_id).where(Citation.claim_id.in_(claims))
        first = aliased(DocumentAuthor)
        first_position = (
            select(func.min(first.position))
            .where(first.document_id == DocumentAuthor.document_id)
            .scalar_subquery()
        )
        authors = select(DocumentAuthor.source_id).where(
            DocumentAuthor.position == first_position, DocumentAuthor.document_id.in_(cited)
        )
        speakers = select(Citation.speaker_id).where(Citation.claim_id.in_(claims))
        return or_(
            AuditFinding.claim_id.in_(claims),
            and_(
                AuditFinding.rule.in_(DOCUMENT_RULES),
                or_(
                    AuditFinding.document_id.in_(cited),
                    AuditFinding.document_id.in_(self.document_ids),
                ),
            ),
            and_(
                AuditFinding.rule == "SOURCE_UNGRADED",
                or_(AuditFinding.source_id.in_(speakers), AuditFinding.source_id.in_(authors)),
            ),
        )


def _filtered(
    query: Select, scope: Scope, rules: Collection[str] = (), severity: str = ""
) -> Select:
    condition = scope.condition()
    if condition is not None:
        query = query.where(condition)
    if rules:
        query = query.where(AuditFinding.rule.in_([rule.upper() for rule in rules]))
    if severity:
        query = query.where(AuditFinding.severity_order == SEVERITY_ORDER[Severity(severity)])
    return query


#: The audit's order: by severity, rule, then what the finding is about (claim, document,
#: source), then as recomputed (within a claim: by citation).
ORDER = [
    Key(AuditFinding.severity_order),
    Key(AuditFinding.rule, parse=str),
    Key(AuditFinding.subject_id),
    Key(AuditFinding.id),
]


def _finding(row: AuditFinding) -> Finding:
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


def findings_page(
    session: Session,
    scope: Scope,
    window: Window,
    *,
    rules: Collection[str] = (),
    severity: str = "",
) -> Page[Finding]:
    """One page of kept findings, read by its sort key (factdb.keyset), never by a long offset."""
    query, reverse = page_query(
        _filtered(select(AuditFinding), scope, rules, severity), ORDER, window
    )
    rows = list(session.scalars(query))
    if reverse:
        rows.reverse()

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
    """How many kept findings each rule has, in the scope."""
    query = _filtered(select(AuditFinding.rule, func.count()).group_by(AuditFinding.rule), scope)
    return {rule: count for rule, count in session.execute(query)}


def counts_by_severity(by_rule: dict[str, int]) -> dict[Severity, int]:
    totals: dict[Severity, int] = {}
    for rule, count in by_rule.items():
        severity = RULES[rule].severity
        totals[severity] = totals.get(severity, 0) + count
    return totals


def _id_batches(session: Session, column: Any) -> Iterator[list[int]]:
    """Ids of a table in ascending batches of BATCH, each read by seeking past the last."""
    after = 0
    while batch := list(
        session.scalars(select(column).where(column > after).order_by(column).limit(BATCH))
    ):
        yield batch
        after = batch[-1]
