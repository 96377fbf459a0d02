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

import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Delete, delete, exists, func, inspect, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased

from factdb.audit.bulk import ROWS, insert_rows
from factdb.audit.data import chunks, load
from factdb.audit.findings import RULES, Finding, Severity
from factdb.audit.rules import alike, duplicate_keys, nearest_earlier, ungraded_finding
from factdb.audit.runner import evaluate
from factdb.models import (
    AuditClaimKey,
    AuditFinding,
    AuditPending,
    AuditRuleCount,
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
        apply_counts(session)
        return None
    notes = session.execute(
        delete(AuditPending).returning(AuditPending.kind, AuditPending.ref)
    ).all()
    touched = _expand(session, notes)
    recompute(session, touched)
    apply_counts(session)
    return touched


_COUNTS = "factdb.audit.counts"


def _counted(session: Session) -> dict[str, int]:
    """The change in findings by rule this transaction has made and not yet applied."""
    return session.info.setdefault(_COUNTS, {})


def _delete(session: Session, statement: Delete) -> None:
    """Delete findings, taking them off the counts by rule."""
    counted = _counted(session)
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


def _write(session: Session, findings: Iterable[Finding]) -> int:
    """Insert findings, adding them to the counts by rule."""
    written = 0
    for batch in chunks(findings, ROWS):
        written += write_rows(session, [finding_row(f) for f in batch])
    return written


def write_rows(session: Session, rows: list[tuple[Any, ...]]) -> int:
    """Insert findings already made rows (finding_row), adding them to the counts by rule."""
    insert_rows(session, AuditFinding.__table__, _FINDING_COLUMNS, rows)
    counted = _counted(session)
    for row in rows:
        counted[row[0]] = counted.get(row[0], 0) + 1
    return len(rows)


def write_keys(session: Session, keyed: Iterable[tuple[int, tuple[str, set[str]]]]) -> None:
    """Insert the duplicate keys of claims: (claim id, (folded text, keys)) each."""
    rows = ((claim_id, key, folded) for claim_id, (folded, keys) in keyed for key in sorted(keys))
    insert_rows(session, AuditClaimKey.__table__, ("claim_id", "key", "folded"), rows)


def _claims(session: Session, claim_ids: list[int]) -> None:
    _delete(
        session,
        delete(AuditFinding).where(
            AuditFinding.claim_id.in_(claim_ids), AuditFinding.rule.in_(CLAIM_RULES)
        ),
    )
    report = evaluate(session, load(session, claim_ids), CLAIM_RULES)
    _write(session, report.findings)


def _documents(session: Session, document_ids: list[int]) -> None:
    _delete(
        session,
        delete(AuditFinding).where(
            AuditFinding.document_id.in_(document_ids),
            AuditFinding.claim_id.is_(None),
            AuditFinding.rule.in_(DOCUMENT_RULES),
        ),
    )
    report = evaluate(session, load(session, [], document_ids), DOCUMENT_RULES)
    _write(session, report.findings)


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
    """Which sources are cited: as a citation's speaker, or as the first author of a cited document."""
    as_author = select(DocumentAuthor.source_id).where(
        is_first_author(),
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
        _delete(
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
    _write(
        session, (ungraded_finding(source_id, name) for source_id, name in session.execute(query))
    )


def _duplicates(session: Session, claim_ids: list[int]) -> None:
    """Recompute the likely duplicates of these claims and of the claims near them.

    A claim's finding names its nearest earlier duplicate, so a change to one claim
    reaches the claims whose finding named it and the claims sharing a key with it.
    """
    affected = set(claim_ids) | _naming(session, claim_ids)
    keys = _store_keys(session, claim_ids)
    for batch in chunks(keys, 500):
        affected.update(
            session.scalars(select(AuditClaimKey.claim_id).where(AuditClaimKey.key.in_(batch)))
        )
    affected_ids = sorted(affected)
    for batch in chunks(affected_ids, 500):
        _delete(
            session,
            delete(AuditFinding).where(
                AuditFinding.rule == "LIKELY_DUPLICATE", AuditFinding.claim_id.in_(batch)
            ),
        )
    texts, keys_of = _keys_of(session, affected_ids)
    members = _members(session, sorted({key for keys in keys_of.values() for key in keys}))
    pairs = _alike_pairs(texts, keys_of, members)
    found = ((first, second, score) for (first, second), score in pairs.items())
    _write(session, nearest_earlier(found, only=affected))


def _naming(session: Session, claim_ids: list[int]) -> set[int]:
    """The claims whose duplicate finding names one of these as its nearest earlier one."""
    return set(
        session.scalars(
            select(AuditFinding.claim_id).where(
                AuditFinding.rule == "LIKELY_DUPLICATE", AuditFinding.other_claim_id.in_(claim_ids)
            )
        )
    )


def _store_keys(session: Session, claim_ids: list[int]) -> list[str]:
    """Replace these claims' duplicate keys with their present text's; return the keys, sorted."""
    session.execute(delete(AuditClaimKey).where(AuditClaimKey.claim_id.in_(claim_ids)))
    keyed = {
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
    return sorted({key for _, keys in keyed.values() for key in keys})


def _keys_of(session: Session, claim_ids: list[int]) -> tuple[dict[int, str], dict[int, set[str]]]:
    """Each claim's folded text and its duplicate keys, as stored."""
    texts: dict[int, str] = {}
    keys_of: dict[int, set[str]] = {}
    for batch in chunks(claim_ids, 500):
        for key, claim_id, folded in session.execute(
            select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded).where(
                AuditClaimKey.claim_id.in_(batch)
            )
        ):
            texts[claim_id] = folded
            keys_of.setdefault(claim_id, set()).add(key)
    return texts, keys_of


def _members(session: Session, keys: list[str]) -> dict[str, list[tuple[int, str]]]:
    """Every claim sharing each key, with its folded text."""
    members: dict[str, list[tuple[int, str]]] = {}
    for batch in chunks(keys, 500):
        for key, claim_id, folded in session.execute(
            select(AuditClaimKey.key, AuditClaimKey.claim_id, AuditClaimKey.folded).where(
                AuditClaimKey.key.in_(batch)
            )
        ):
            members.setdefault(key, []).append((claim_id, folded))
    return members


def _alike_pairs(
    texts: dict[int, str],
    keys_of: dict[int, set[str]],
    members: dict[str, list[tuple[int, str]]],
) -> dict[tuple[int, int], float]:
    """Each claim and every earlier claim sharing a key with it that reads alike, with the score."""
    pairs: dict[tuple[int, int], float] = {}
    for claim_id, keys in keys_of.items():
        for key in keys:
            # Only earlier claims can be a claim's nearest earlier duplicate.
            for other_id, other in members.get(key, ()):
                if other_id >= claim_id or (other_id, claim_id) in pairs:
                    continue
                score = alike(texts[claim_id], other)
                if score is not None:
                    pairs[(other_id, claim_id)] = score
    return pairs


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
