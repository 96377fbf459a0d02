"""Everything a claim's page shows, read as plain rows with a handful of prebuilt statements.

The claim page is the page people open most. Loading its dozen related rows as ORM
objects cost more than the rest of the page together; here one pass reads them once,
into small records that the template and the review form use (the audit panel reads the
kept findings, factdb.audit.kept.about).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, String, bindparam, cast, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import FunctionElement

from factdb.audit.data import (
    DOCUMENT_ROW_COLUMNS,
    DocumentRow,
)
from factdb.errors import NotFound
from factdb.history import ChangeEntry, Person
from factdb.models import (
    Change,
    Citation,
    Claim,
    Document,
    DocumentAuthor,
    Source,
    StatusChange,
    Tag,
    User,
    claim_tag,
    status_change_evidence,
)
from factdb.models.base import MAX_ID
from factdb.rowsets import Row, Sets
from factdb.vocab import QuoteType, Relation, Reliability, SourceKind, Status


@dataclass(slots=True)
class SourceView:
    id: int
    name: str
    role: str
    kind: SourceKind
    reliability: Reliability
    parent_id: int | None
    parent: SourceView | None = None


@dataclass(frozen=True, slots=True)
class CitationView:
    id: int
    version: int
    relation: Relation
    quote: str
    quote_type: QuoteType
    locator: str
    document: DocumentRow  # the audit's record of a document: the page shows a subset
    speaker: SourceView | None
    updated_at: datetime | None = None
    #: What this document called the speaker ("prosecutors"), whatever the source's own role.
    speaker_role: str = ""


@dataclass(frozen=True, slots=True)
class StatusStep:
    id: int
    from_status: Status | None
    to_status: Status
    note: str
    at: datetime
    reviewer: Person | None
    evidence: list[int]
    #: The edit that sent the claim back to review, for a step no one decided.
    cause_change_id: int | None = None


@dataclass(slots=True)
class ClaimView:
    id: int
    version: int
    text: str
    context: str
    status: Status
    verdict: str
    created_at: datetime
    updated_at: datetime
    created_by_id: int | None
    created_by: Person | None
    #: When the text last changed, and who changed it (an author, for the four-eyes rule).
    text_changed_at: datetime | None = None
    text_changed_by_id: int | None = None
    tags: list[str] = field(default_factory=list)
    citations: list[CitationView] = field(default_factory=list)
    history: list[StatusStep] = field(default_factory=list)
    changes: list[ChangeEntry] = field(default_factory=list)
    #: Document id -> author source ids, in order (the audit reads who issued a document).
    authors: dict[int, list[int]] = field(default_factory=dict)
    #: Every source the page refers to, with the organisations above the speakers.
    sources: dict[int, SourceView] = field(default_factory=dict)

    def cited(self) -> tuple[set[int], set[int]]:
        """The documents its citations cite, and the sources it rests on: each citation's
        speaker, else its document's first author (factdb.audit.rules.source_ungraded)."""
        documents = {citation.document.id for citation in self.citations}
        speakers = {citation.speaker.id for citation in self.citations if citation.speaker}
        unspoken = {c.document.id for c in self.citations if not c.speaker}
        authors = {ids[0] for document, ids in self.authors.items() if ids and document in unspoken}
        return documents, speakers | authors

    def superseded(self) -> dict[int, ChangeEntry]:
        """Verdict steps that no longer apply, by step id, with the edit that superseded each."""
        edits = {change.id: change for change in self.changes}
        found: dict[int, ChangeEntry] = {}
        verdict: StatusStep | None = None
        for step in self.history:
            if step.cause_change_id is not None and verdict is not None:
                cause = edits.get(step.cause_change_id)
                if cause is not None:
                    found[verdict.id] = cause
            verdict = step if step.to_status.is_verdict else None
        return found

    def timeline(self) -> list[TimelineEntry]:
        """Review steps and edits interleaved into one history, oldest first."""
        entries = [TimelineEntry(step.at, "status", step) for step in self.history]
        entries += [TimelineEntry(change.at, "change", change) for change in self.changes]
        return sorted(entries, key=lambda entry: (entry.at, entry.kind == "status", entry.item.id))


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime
    kind: str  # "status" or "change"
    item: StatusStep | ChangeEntry


class fold(FunctionElement):
    """Join a column's values into one string, separated by the unit separator (U+001F).

    SQLAlchemy's aggregate_strings renders its separator as a literal at every
    execution, which re-renders the statement each time; this one is compiled once.
    """

    type = String()
    inherit_cache = True


@compiles(fold, "sqlite")
def _fold_sqlite(element: fold, compiler: Any, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)}, char(31))"


@compiles(fold, "postgresql")
def _fold_postgresql(element: fold, compiler: Any, **kw: Any) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)}, chr(31))"


_SEPARATOR = "\x1f"
_Creator = aliased(User)
_Reviewer = aliased(User)
_Editor = aliased(User)
_TAG_NAMES = (
    select(fold(Tag.name))
    .join(claim_tag, claim_tag.c.tag_id == Tag.id)
    .where(claim_tag.c.claim_id == Claim.id)
    .scalar_subquery()
)
_CLAIM = (
    select(
        Claim.id,
        Claim.version,
        Claim.text,
        Claim.context,
        Claim.status,
        Claim.verdict,
        Claim.created_at,
        Claim.updated_at,
        Claim.created_by_id,
        _Creator.name,
        _TAG_NAMES,
        Claim.text_changed_at,
        Claim.text_changed_by_id,
    )
    .outerjoin(_Creator, _Creator.id == Claim.created_by_id)
    .where(Claim.id == bindparam("claim_id"))
)
#: A document's authors as "position:source id" pairs, read with its citation.
_AUTHOR_IDS = (
    select(
        fold(cast(DocumentAuthor.position, String) + ":" + cast(DocumentAuthor.source_id, String))
    )
    .where(DocumentAuthor.document_id == Document.id)
    .scalar_subquery()
)
_CITATIONS = (
    select(
        Citation.id,
        Citation.version,
        Citation.relation,
        Citation.quote,
        Citation.quote_type,
        Citation.locator,
        *DOCUMENT_ROW_COLUMNS,
        _AUTHOR_IDS,
        Citation.speaker_id,
        Citation.updated_at,
        Citation.speaker_role,
    )
    .join(Document, Document.id == Citation.document_id)
    .where(Citation.claim_id == bindparam("claim_id"))
    .order_by(Citation.id)
)


def _sources_statement() -> Any:
    """Speakers, authors of cited documents, and every organisation above them, in one query."""
    cited = Citation.claim_id == bindparam("claim_id")
    speakers = select(Citation.speaker_id.label("id")).where(
        cited, Citation.speaker_id.is_not(None)
    )
    authors = (
        select(DocumentAuthor.source_id)
        .join(Citation, Citation.document_id == DocumentAuthor.document_id)
        .where(cited)
    )
    named = speakers.union(authors).subquery()
    columns = (
        Source.id, Source.name, Source.role, Source.kind, Source.reliability, Source.parent_id
    )  # fmt: skip
    # The walk carries each source's row: every step is a look-up by primary key, on both
    # databases. Reading the rows after the walk (`id IN wanted`) made PostgreSQL, which
    # cannot tell how long a walk is, guess hundreds of ids and scan all the sources
    # (1-13 ms of a claim page at 20,000 sources, 0.1 ms now). UNION (not UNION ALL) ends
    # the walk, even round a cycle of parents; a top-level organisation has no parent row.
    wanted = select(*columns).where(Source.id.in_(select(named.c.id))).cte("wanted", recursive=True)
    parents = select(*columns).join(wanted, Source.id == wanted.c.parent_id)
    wanted = wanted.union(parents)
    return select(wanted)


_SOURCES = _sources_statement()
_EVIDENCE_IDS = (
    select(fold(cast(status_change_evidence.c.citation_id, String)))
    .where(status_change_evidence.c.status_change_id == StatusChange.id)
    .scalar_subquery()
)
_HISTORY = (
    select(
        StatusChange.id,
        StatusChange.from_status,
        StatusChange.to_status,
        StatusChange.note,
        StatusChange.at,
        StatusChange.reviewer_id,
        _Reviewer.name,
        _EVIDENCE_IDS,
        StatusChange.cause_change_id,
    )
    .outerjoin(_Reviewer, _Reviewer.id == StatusChange.reviewer_id)
    .where(StatusChange.claim_id == bindparam("claim_id"))
    .order_by(StatusChange.at, StatusChange.id)
)
_CHANGES = (
    select(
        Change.id,
        Change.entity,
        Change.entity_id,
        Change.action,
        Change.fields,
        Change.at,
        Change.user_id,
        _Editor.name,
    )
    .outerjoin(_Editor, _Editor.id == Change.user_id)
    .where(
        or_(
            Change.claim_id == bindparam("claim_id"),
            (Change.entity == "claim") & (Change.entity_id == bindparam("claim_id")),
        )
    )
    .order_by(Change.at, Change.id)
)


def _split(folded: str | None) -> list[str]:
    """The values folded into one column by aggregate_strings, sorted (it keeps no order)."""
    return sorted(folded.split(_SEPARATOR)) if folded else []


def _person(user_id: int | None, name: str | None) -> Person | None:
    return Person(user_id, name or "") if user_id is not None else None


#: Everything the page reads of a claim, in one statement (a statement each before).
_SETS = Sets(
    {
        "claim": _CLAIM,
        "sources": _SOURCES,
        "citations": _CITATIONS,
        "history": _HISTORY,
        "changes": _CHANGES,
    }
)


def load_claim_view(session: Session, claim_id: int) -> ClaimView:
    """Read a claim and everything its page shows; NotFound when there is no such claim."""
    return load_claim_page(session, claim_id)[0]


def load_claim_page(
    session: Session, claim_id: int, extra: Mapping[str, Select] | None = None
) -> tuple[ClaimView, dict[str, list[Row]]]:
    """Read a claim with its page's other sets (`extra`, selected by :claim_id) at once.

    One statement of plain rows: the ORM's per-query work is most of the cost here, and
    on PostgreSQL each statement more is a round trip more. `extra` is a constant of its
    caller (the statement is built once for each); its sets come back by name.
    """
    if not 0 < claim_id <= MAX_ID:
        raise NotFound(f"There is no claim {claim_id}.")
    sets = _SETS.joined(extra or {}).read(session.connection(), {"claim_id": claim_id})
    if not sets["claim"]:
        raise NotFound(f"There is no claim {claim_id}.")
    row = sets["claim"][0]
    view = ClaimView(
        *row[:9],
        created_by=_person(row[8], row[9]),
        tags=_split(row[10]),
        text_changed_at=row[11],
        text_changed_by_id=row[12],
    )

    view.sources = {row[0]: SourceView(*row) for row in sets["sources"]}
    for source in view.sources.values():
        if source.parent_id is not None:
            source.parent = view.sources.get(source.parent_id)
    documents: dict[int, DocumentRow] = {}
    for row in sets["citations"]:
        document = documents.get(row[6])
        if document is None:
            document = documents[row[6]] = DocumentRow(*row[6:16])
            if row[16]:
                view.authors[document.id] = _ordered_authors(row[16])
        speaker = view.sources.get(row[17]) if row[17] is not None else None
        view.citations.append(
            CitationView(
                *row[:6],
                document=document,
                speaker=speaker,
                updated_at=row[18],
                speaker_role=row[19],
            )
        )

    view.history = [
        StatusStep(
            *row[:5],
            reviewer=_person(row[5], row[6]),
            evidence=sorted(int(value) for value in _split(row[7])),
            cause_change_id=row[8],
        )
        for row in sets["history"]
    ]
    view.changes = [ChangeEntry(*row[:6], user=_person(row[6], row[7])) for row in sets["changes"]]
    return view, {name: sets[name] for name in extra or {}}


def _ordered_authors(folded: str) -> list[int]:
    pairs = (value.split(":") for value in folded.split(_SEPARATOR))
    return [int(source_id) for _position, source_id in sorted(pairs, key=lambda p: int(p[0]))]
