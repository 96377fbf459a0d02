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

The counts of findings by rule are kept in `audit_rule_count`: each recompute adds
what it wrote and takes away what it deleted, and applies the difference just
before the commit, one row per rule in the rules' order (two writers committing at
once then take the rows' locks in the same order, and cannot deadlock on them).
factdb.audit.rebuild recomputes everything; factdb.audit.kept reads.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, exists, func, inspect, literal, or_, select
from sqlalchemy.orm import Session, aliased

from factdb.audit.data import chunks, load
from factdb.audit.findings import RULES
from factdb.audit.kept_duplicates import recompute_duplicates
from factdb.audit.kept_rows import apply_counts, delete_counted, write_findings
from factdb.audit.rules import ungraded_finding
from factdb.audit.runner import evaluate
from factdb.models import (
    AuditFinding,
    AuditPending,
    Citation,
    Claim,
    DocumentAuthor,
    Source,
)
from factdb.vocab import Reliability

#: The rules about one document on its own.
DOCUMENT_RULES = ("CITATION_INCOMPLETE", "SOURCE_GONE", "SOURCE_CHANGED")
#: The rules about one claim and what it cites.
CLAIM_RULES = tuple(
    rule
    for rule in RULES
    if rule not in DOCUMENT_RULES and rule not in ("SOURCE_UNGRADED", "LIKELY_DUPLICATE")
)
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
        apply_counts(session)
        return None
    notes = session.execute(
        delete(AuditPending).returning(AuditPending.kind, AuditPending.ref)
    ).all()
    touched = _expand(session, notes)
    recompute(session, touched)
    apply_counts(session)
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
        recompute_duplicates(session, batch)
    for batch in chunks(sorted(touched.documents), BATCH):
        _documents(session, batch)
    for batch in chunks(sorted(touched.sources), BATCH):
        _sources(session, batch)


def _claims(session: Session, claim_ids: list[int]) -> None:
    delete_counted(
        session,
        delete(AuditFinding).where(
            AuditFinding.claim_id.in_(claim_ids), AuditFinding.rule.in_(CLAIM_RULES)
        ),
    )
    report = evaluate(session, load(session, claim_ids), CLAIM_RULES)
    write_findings(session, report.findings)


def _documents(session: Session, document_ids: list[int]) -> None:
    delete_counted(
        session,
        delete(AuditFinding).where(
            AuditFinding.document_id.in_(document_ids),
            AuditFinding.claim_id.is_(None),
            AuditFinding.rule.in_(DOCUMENT_RULES),
        ),
    )
    report = evaluate(session, load(session, [], document_ids), DOCUMENT_RULES)
    write_findings(session, report.findings)


def is_first_author() -> ColumnElement[bool]:
    """A `DocumentAuthor` row is its document's first author (the lowest position)."""
    first = aliased(DocumentAuthor)
    first_position = (
        select(func.min(first.position))
        .where(first.document_id == DocumentAuthor.document_id)
        .scalar_subquery()
    )
    return DocumentAuthor.position == first_position


def _cited(batch: Collection[int] | None):
    """Which sources claims rest on: a citation's speaker, or the first author of a document
    cited with no speaker (factdb.audit.rules.source_ungraded)."""
    as_author = select(DocumentAuthor.source_id).where(
        is_first_author(),
        exists().where(
            Citation.document_id == DocumentAuthor.document_id, Citation.speaker_id.is_(None)
        ),
    )
    as_speaker = select(Citation.speaker_id).where(Citation.speaker_id.is_not(None))
    if batch is not None:
        as_author = as_author.where(DocumentAuthor.source_id.in_(batch))
        as_speaker = as_speaker.where(Citation.speaker_id.in_(batch))
    return as_author, as_speaker


def _sources(session: Session, source_ids: list[int] | None) -> None:
    """Recompute whether the sources (None: all) are cited and not graded."""
    if source_ids is not None:
        delete_counted(
            session,
            delete(AuditFinding).where(
                AuditFinding.source_id.in_(source_ids), AuditFinding.rule == "SOURCE_UNGRADED"
            ),
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
    write_findings(
        session, (ungraded_finding(source_id, name) for source_id, name in session.execute(query))
    )


_KEPT: dict[str, bool] = {}


def is_kept(session: Session) -> bool:
    """True when the database has the findings table (it may not be migrated yet)."""
    bind = session.get_bind()
    url = str(bind.engine.url)
    if not _KEPT.get(url):
        _KEPT[url] = inspect(session.connection()).has_table("audit_pending")
    return _KEPT[url]


def is_behind(session: Session) -> bool:
    """True when a write made outside factdb (SQL by hand, a migration) waits to be caught up.

    Only reads: a page says so rather than catching up itself, since a GET never writes.
    """
    return bool(session.scalar(select(exists().where(AuditPending.id.is_not(None)))))


#: Rows when is_behind, none when not: to read with a page's other sets (factdb.rowsets).
BEHIND = select(literal(1)).where(AuditPending.id.is_not(None)).limit(1)


def ensure_current(session: Session, writer: Callable[[], Session]) -> None:
    """Catch up on notes a write left behind (a migration, a script), in a writing session.

    Every commit through factdb catches up itself, so this is almost always one
    look at an empty table.
    """
    if not is_behind(session):
        return
    with writer() as writing, writing.begin():
        catch_up(writing)
    session.rollback()  # see what was just committed
