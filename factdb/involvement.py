"""A source's claims by how the source is involved: its own words, documents it wrote, or reported.

"Attributed to" is only true of the first. A government body reported second-hand
in someone else's article did not say the claim; an author of a cited report may
not be quoted at all. The source page lists each kind apart, and shows only the
audit findings that are about the source.
"""

from __future__ import annotations

from sqlalchemy import Select, bindparam, case, func, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from factdb.audit.findings import Finding
from factdb.history import RECORD_CHANGES, ChangeEntry, change_entries
from factdb.models import Citation, Claim, DocumentAuthor
from factdb.pagination import Page, clamp_page
from factdb.rowsets import Sets
from factdb.sqlfunctions import among
from factdb.vocab import Labelled, Relation, Status


class Involvement(Labelled):
    SPEAKER = "speaker", "Its own words"
    AUTHOR = "author", "Author of a cited document"
    REPORTED = "reported", "Cited second-hand"

    @property
    def explanation(self) -> str:
        return {
            "speaker": "Claims citing the source's own words (a quote or paraphrase attributed to it).",
            "author": "Claims citing a document the source wrote or issued.",
            "reported": "Claims where the source's words are only reported second-hand by someone else.",
        }[self.value]


def _claim_ids(source_id: int, involvement: Involvement) -> Select:
    if involvement is Involvement.AUTHOR:
        return (
            select(Citation.claim_id)
            .join(DocumentAuthor, DocumentAuthor.document_id == Citation.document_id)
            .where(DocumentAuthor.source_id == source_id)
        )
    reported = Citation.relation == Relation.REPORTS
    return select(Citation.claim_id).where(
        Citation.speaker_id == source_id,
        reported if involvement is Involvement.REPORTED else ~reported,
    )


def involvement_counts(session: Session, source_id: int) -> dict[Involvement, dict[Status, int]]:
    """How many claims involve the source each way, at each status, in one statement."""
    parts = [
        select(literal(kind.value).label("kind"), Claim.status, func.count().label("n"))
        .where(among(Claim.id, _claim_ids(source_id, kind)))
        .group_by(Claim.status)
        for kind in Involvement
    ]
    counts: dict[Involvement, dict[Status, int]] = {kind: {} for kind in Involvement}
    for kind, status, number in session.execute(union_all(*parts)):
        counts[Involvement(kind)][Status(status)] = number
    return counts


def claims_involving(
    session: Session,
    source_id: int,
    involvement: Involvement,
    *,
    status: str = "",
    page: int = 1,
    size: int = 25,
    counts: dict[Status, int] | None = None,
) -> Page[Claim]:
    """One page of the claims that involve the source this way, grouped by status."""
    counts = counts if counts is not None else involvement_counts(session, source_id)[involvement]
    total = counts.get(Status(status), 0) if status else sum(counts.values())
    number = clamp_page(page, size, total)
    query = select(Claim.id).where(among(Claim.id, _claim_ids(source_id, involvement)))
    if status:
        query = query.where(Claim.status == Status(status))
    order = {member.value: index for index, member in enumerate(Status)}
    status_order = case(order, value=Claim.status, else_=len(order))
    # Sort and cut the page on ids alone, then read the page's whole rows: one statement.
    page_ids = (
        query.add_columns(status_order.label("rank"))
        .order_by(status_order, Claim.id.desc())
        .limit(size)
        .offset((number - 1) * size)
        .subquery("page")
    )
    claims = session.scalars(
        select(Claim)
        .join(page_ids, page_ids.c.id == Claim.id)
        .options(selectinload(Claim.tags))
        .order_by(page_ids.c.rank, Claim.id.desc())
    )
    return Page(list(claims), number, size, total)


def default_involvement(counts: dict[Involvement, dict[Status, int]]) -> Involvement:
    """The first way the source is involved at all (its own words when it is not involved)."""
    for kind in Involvement:
        if sum(counts[kind].values()):
            return kind
    return Involvement.SPEAKER


def source_citation_ids(session: Session, source_id: int, claim_ids: list[int]) -> set[int]:
    """The citations among these claims whose words are the source's."""
    if not claim_ids:
        return set()
    # Read by claim alone and keep the source's here: asked for both, a prepared statement's
    # generic plan on PostgreSQL took the busiest speaker's every citation and kept 25 (3 ms).
    rows = session.execute(
        select(Citation.id, Citation.speaker_id).where(Citation.claim_id.in_(claim_ids))
    )
    return {citation_id for citation_id, speaker_id in rows if speaker_id == source_id}


_CITED_AND_CHANGED = Sets(
    {
        "citations": select(Citation.id, Citation.speaker_id).where(
            Citation.claim_id.in_(bindparam("claim_ids", expanding=True))
        ),
        "changes": RECORD_CHANGES,
    }
)


def source_citations_and_changes(
    session: Session, source_id: int, claim_ids: list[int]
) -> tuple[set[int], list[ChangeEntry]]:
    """source_citation_ids and the source's changes (oldest first) in one statement."""
    params = {"claim_ids": claim_ids, "entity": "source", "entity_id": source_id}
    sets = _CITED_AND_CHANGED.read(session.connection(), params)
    cited = {
        citation_id for citation_id, speaker_id in sets["citations"] if speaker_id == source_id
    }
    return cited, change_entries(sets["changes"])


def findings_about_source(
    findings: list[Finding], source_id: int, citation_ids: set[int]
) -> list[Finding]:
    """Only the findings about this source: naming it, or about a citation of its words."""
    return [
        finding
        for finding in findings
        if finding.source_id == source_id
        or (finding.citation_id is not None and finding.citation_id in citation_ids)
    ]
