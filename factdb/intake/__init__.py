"""Intake: read an article, propose its quotes (with matched speakers) and claims, then record them.

Nothing is written until the person confirms; then the document (with its full text),
the new sources and every accepted claim and citation are written in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.claims import CitationInput, ClaimInput, get_claim, save_claim, unchanged_citations
from factdb.documents import DocumentInput, create_document, guess_source_kind
from factdb.errors import ValidationFailed
from factdb.intake.extract import CandidateClaim, Extraction, Quote, extract
from factdb.intake.text import prepare
from factdb.models import Claim, Document, Source, SourceAlias, User
from factdb.sources import find_source
from factdb.vocab import QuoteType, Relation, SourceKind

_STOP = {"the", "of", "a", "an", "s", "and", "for", "de", "la", "le"}
_SIMILAR = 90


def _stems(name: str) -> frozenset[str]:
    """Words cut to four letters: "Norway's Defence Ministry" and "Norwegian Defense Ministry" agree."""
    words = re.findall(r"\w+", name.casefold().replace("’", "'").replace("'s ", " "))
    return frozenset(word[:4] for word in words if word not in _STOP)


@dataclass
class SpeakerMatch:
    source: Source | None
    how: str  # "name", "alias", "similar" or "new"
    suggested_kind: SourceKind | None = None


class SourceMatcher:
    """Matches speakers to sources by name, alias, or a close variant of either."""

    def __init__(self, session: Session) -> None:
        self.session = session
        rows = session.execute(select(Source.id, Source.name)).all()
        rows += session.execute(select(SourceAlias.source_id, SourceAlias.name)).all()
        self.names = [name for _, name in rows]
        self.ids = [source_id for source_id, _ in rows]
        self.by_stems: dict[frozenset[str], int] = {}
        for source_id, name in rows:
            self.by_stems.setdefault(_stems(name), source_id)

    def match(self, name: str | None) -> SpeakerMatch:
        if not name:
            return SpeakerMatch(None, "none")
        found = find_source(self.session, name)
        if found is not None:
            return SpeakerMatch(found, "name")
        stems = _stems(name)
        if stems and stems in self.by_stems:
            return SpeakerMatch(self.session.get(Source, self.by_stems[stems]), "similar")
        if self.names:
            best = process.extractOne(name, self.names, scorer=fuzz.WRatio, score_cutoff=_SIMILAR)
            if best is not None:
                return SpeakerMatch(self.session.get(Source, self.ids[best[2]]), "similar")
        return SpeakerMatch(None, "new", guess_source_kind(name))


@dataclass
class QuoteProposal:
    quote: Quote
    speaker: SpeakerMatch


@dataclass
class Proposal:
    text: str
    quotes: list[QuoteProposal] = field(default_factory=list)
    claims: list[CandidateClaim] = field(default_factory=list)


def propose(session: Session, raw: str) -> Proposal:
    """Read the article and propose quotes (speakers matched to sources) and candidate claims."""
    text = prepare(raw)
    found: Extraction = extract(text)
    matcher = SourceMatcher(session)
    return Proposal(
        text,
        [QuoteProposal(quote, matcher.match(quote.speaker)) for quote in found.quotes],
        found.claims,
    )


@dataclass
class AcceptedQuote:
    """One quote as the person confirmed it."""

    claim_text: str
    quote: str
    speaker: str = ""
    speaker_role: str = ""
    speaker_kind: SourceKind | None = None
    direct: bool = True
    #: Add the citation to this existing claim instead of recording a new claim.
    merge_into: int | None = None


@dataclass
class IntakeResult:
    document: Document
    claims: list[Claim]


def record(
    session: Session,
    user: User,
    document: DocumentInput,
    quotes: list[AcceptedQuote],
    claims: list[str],
) -> IntakeResult:
    """Write the document and everything accepted, in the caller's transaction."""
    if not document.title.strip():
        raise ValidationFailed("Give the article a title.", {"title": "Give the article a title."})
    saved = create_document(session, user, document)
    reference = f"{saved.title} [#{saved.id}]"
    authors = {author.source_id for author in saved.authors}
    written: list[Claim] = []
    for accepted in quotes:
        speaker_text = accepted.speaker.strip()
        citation = CitationInput(
            document=reference,
            speaker=speaker_text,
            new_speaker_kind=accepted.speaker_kind,
            new_speaker_role=accepted.speaker_role,
            quote=accepted.quote,
            quote_type=QuoteType.DIRECT if accepted.direct else QuoteType.PARAPHRASE,
            relation=Relation.ASSERTS,
        )
        if speaker_text:
            existing = find_source(session, speaker_text)
            # Words the article attributes to someone else are reported, not asserted, by it.
            if existing is None or existing.id not in authors:
                citation.relation = Relation.REPORTS
        if accepted.merge_into is not None:
            target = get_claim(session, accepted.merge_into)
            keep = unchanged_citations(target)
            result = save_claim(
                session,
                user,
                ClaimInput(
                    text=target.text,
                    context=target.context,
                    tags=[t.name for t in target.tags],
                    citations=[*keep, citation],
                ),
                claim_id=target.id,
            )
        else:
            result = save_claim(
                session,
                user,
                ClaimInput(text=accepted.claim_text or accepted.quote, citations=[citation]),
            )
        written.append(result.claim)
    for text in claims:
        if text.strip():
            result = save_claim(
                session,
                user,
                ClaimInput(
                    text=text,
                    citations=[CitationInput(document=reference, relation=Relation.ASSERTS)],
                ),
            )
            written.append(result.claim)
    return IntakeResult(saved, written)


__all__ = ["AcceptedQuote", "Proposal", "SourceMatcher", "extract", "propose", "record"]
