"""Intake: read an article, propose its quotes (with matched speakers) and claims, then record them.

Nothing is written until the person confirms; then the document (with its full text),
the new sources and every accepted claim and citation are written in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from factdb.article_text import prepare
from factdb.audit.rules import is_vague_speaker
from factdb.claims import CitationInput, ClaimInput, get_claim, save_claim, unchanged_citations
from factdb.declarations.claim import CLAIM
from factdb.documents import DocumentInput, create_document
from factdb.errors import ValidationFailed
from factdb.intake.byline import authors_left_out, recorded_authors
from factdb.intake.extract import CandidateClaim, Extraction, Quote, extract
from factdb.intake.joins import claim_groups, join_problems
from factdb.intake.limits import row_too_long
from factdb.intake.progress import MATCHING, Progress, counted
from factdb.intake.recorded import recorded_article
from factdb.intake.shared_roles import with_shared_roles
from factdb.intake.source_matching import (
    SourceMatcher,
    SpeakerMatch,
    described_office,
    office_quote,
)
from factdb.intake.wording import description, normal_role
from factdb.models import Citation, Claim, Document, DocumentAuthor, User
from factdb.source_kinds import guess_source_kind
from factdb.sources import find_source
from factdb.text import title_key
from factdb.vocab import QuoteType, Relation, SourceKind

#: Where words credited to nobody in particular are recorded; the audit flags every citation of it.
UNNAMED_SOURCE = "unnamed source"
#: An article is recorded with what was accepted from it: a document alone was a stub nobody asked for.
NOTHING_TICKED = "Nothing was ticked: tick the quotes and claims to record with the article."
#: Confidence from which a quote with a named speaker starts ticked.
SURE = 0.6
#: Confidence of a quote whose speaker may be a recorded person the article does not name in full.
UNSURE_SOURCE = 0.5


@dataclass
class QuoteProposal:
    quote: Quote
    speaker: SpeakerMatch
    #: The same words by the same speaker proposed elsewhere in the article (a headline, a
    #: summary) and kept there: its index. This row starts unticked, so one claim is made.
    repeat_of: int | None = None

    @property
    def needs_speaker(self) -> bool:
        """No speaker was found: the row waits until someone names one or chooses the article."""
        return self.quote.speaker_kind == "none" or not self.quote.speaker

    @property
    def vague(self) -> bool:
        return self.quote.speaker_kind == "vague"

    @property
    def starts_ticked(self) -> bool:
        """Whether the quote is recorded unless someone says otherwise: a direct quote, a named
        speaker and a sure attribution. The review page ticks these and `factdb ingest` records
        only these, so that a line fragment or a guess is never recorded unseen."""
        quote = self.quote
        return (
            quote.kind == "direct"
            and quote.speaker_kind in {"person", "organisation"}
            and quote.confidence >= SURE
            and self.repeat_of is None
        )

    @property
    def recorded_speaker(self) -> str:
        """The source name this quote would be recorded under, as the form pre-fills it."""
        if self.needs_speaker:
            return ""
        if self.vague:
            return vague_speaker_name(self.quote.speaker or "")
        return self.speaker.label or self.quote.speaker or ""

    @property
    def recorded_role(self) -> str:
        """The role the form pre-fills: the article's, or who a vague speaker was ("prosecutors"),
        so that two unnamed sides recorded under one generic source stay apart."""
        if self.vague:
            told = description(self.quote.speaker or "")
            same = told.casefold() == (normal_role(self.recorded_speaker) or "").casefold()
            return "" if same else told
        return self.quote.speaker_role or ""


@dataclass
class Proposal:
    text: str
    quotes: list[QuoteProposal] = field(default_factory=list)
    claims: list[CandidateClaim] = field(default_factory=list)
    #: The recorded document this article is, if any; everything is then added to it.
    existing_document: Document | None = None
    existing_reason: str = ""
    #: The recorded document's authors, which it keeps.
    existing_authors: list[str] = field(default_factory=list)


def vague_speaker_name(phrase: str) -> str:
    """The shared source unnamed speakers are recorded under, so that the audit flags them.

    "officials" and "a statement" stay as they are; a phrase the audit would not see as
    generic ("one journalist") becomes "unnamed source".
    """
    phrase = " ".join(phrase.split())
    return phrase if phrase and is_vague_speaker(phrase) else UNNAMED_SOURCE


def _matched(matcher: SourceMatcher, quote: Quote) -> QuoteProposal:
    if quote.speaker_kind == "none" or not quote.speaker:
        return QuoteProposal(quote, SpeakerMatch(None, "none"))
    if quote.speaker_kind == "vague" and (office := described_office(quote.speaker)):
        recorded = matcher.match(office).source is not None  # then sure of whom it means
        quote = office_quote(quote, office, max(quote.confidence, SURE) if recorded else None)
    if quote.speaker_kind == "vague":
        match = matcher.match(vague_speaker_name(quote.speaker))
        if match.source is None:
            match.suggested_kind = SourceKind.OTHER
        return QuoteProposal(quote, match)
    match = matcher.match(quote.speaker, person=quote.speaker_kind == "person")
    if match.doubt:  # shown as the reason, and the row starts unticked
        how = f"{quote.evidence.get('how', '')}; {match.doubt}".lstrip("; ")
        confidence = min(quote.confidence, UNSURE_SOURCE)
        quote = replace(quote, confidence=confidence, evidence={**quote.evidence, "how": how})
    if match.source is None and quote.speaker_kind == "organisation":
        guessed = guess_source_kind(quote.speaker)
        match.suggested_kind = (
            guessed if guessed is not SourceKind.PERSON else SourceKind.ORGANISATION
        )
    return QuoteProposal(quote, match)


def propose(
    session: Session,
    raw: str,
    document: DocumentInput | None = None,
    progress: Progress | None = None,
) -> Proposal:
    """Read the article and propose quotes (speakers matched to sources) and candidate claims."""
    text = prepare(raw)
    return proposal_from(session, text, extract(text, progress), document, progress)


def proposal_from(session: Session, text: str, found: Extraction, document: DocumentInput | None = None,
                  progress: Progress | None = None) -> Proposal:  # fmt: skip
    """Match what was read to recorded sources and documents (the reading is done)."""
    matcher = SourceMatcher(session)
    matcher.prepare((q.speaker, q.speaker_kind == "person") for q in found.quotes)
    matched = [_matched(matcher, q) for q in counted(progress, MATCHING, found.quotes)]
    proposal = Proposal(text, mark_repeats(matched), found.claims)
    if document is not None:
        proposal.existing_document, proposal.existing_reason = recorded_article(session, document)
        if proposal.existing_document is not None:
            proposal.existing_authors = recorded_authors(session, proposal.existing_document.id)
    return proposal


def mark_repeats(proposals: list[QuoteProposal]) -> list[QuoteProposal]:
    """Leave ticked one of each set of rows with the same words and speaker (the surest, the
    later when equally sure: the body rather than the headline); the others point to it."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, proposal in enumerate(proposals):
        words = " ".join(re.findall(r"\w+", proposal.quote.text.casefold()))
        if words and proposal.quote.speaker:
            groups.setdefault((words, proposal.quote.speaker.casefold()), []).append(index)
    for indexes in groups.values():
        kept = max(indexes, key=lambda i: (proposals[i].quote.confidence, i))
        for index in indexes:
            if index != kept:
                proposal = proposals[index]
                how = (
                    f"{proposal.quote.evidence.get('how', '')}; the same words as quote {kept + 1}"
                )
                evidence = {**proposal.quote.evidence, "how": how.lstrip("; ")}
                proposal.quote = replace(proposal.quote, evidence=evidence)
                proposal.repeat_of = kept
    return proposals


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
    #: The person chose, deliberately, to record the words as the article's own.
    article_itself: bool = False
    #: The article names nobody ("officials said"): recorded under a generic source.
    vague: bool = False
    #: Where the quote stood in the proposal (0-based), to name it in an error.
    position: int | None = None
    #: The position of the row whose claim this quote shares (factdb.intake.joins).
    joins: int | None = None


@dataclass
class IntakeResult:
    document: Document
    claims: list[Claim]
    #: True when the article was already recorded and the claims were added to it.
    merged: bool = False
    #: Quotes and claims left out because the recorded article already had them.
    skipped: int = 0
    #: Authors given for an article already recorded with others: its own were kept.
    authors_left_out: list[str] = field(default_factory=list)
    #: The authors the recorded article kept.
    authors_kept: list[str] = field(default_factory=list)

    @property
    def authors_note(self) -> str:
        """What to say when the recorded article kept its authors over those given ("" if not)."""
        if not self.authors_left_out:
            return ""
        given = "; ".join(self.authors_left_out)
        kept = "; ".join(self.authors_kept) or "none"
        return (
            f"The recorded document keeps its authors ({kept}); the authors given ({given}) were "
            "not recorded: change them on the document's page."
        )


def _recorded_from(session: Session, document_id: int) -> tuple[dict[str, int], set[str]]:
    """The quotes (with the claim each is cited for) and claim texts already recorded from a
    document, folded for matching."""
    rows = session.execute(
        select(Citation.quote, Claim.text, Claim.id)
        .join(Claim, Claim.id == Citation.claim_id)
        .where(Citation.document_id == document_id)
    ).all()
    return {title_key(q): i for q, _, i in rows if q}, {title_key(t) for _, t, _ in rows}


def nothing_accepted(quotes: list, claims: list[str]) -> bool:
    """Tell whether no quote is ticked and no claim has words, so recording would add nothing."""
    return not quotes and not any(text.strip() for text in claims)


def _check(document: DocumentInput, quotes: list[AcceptedQuote], claims: list[str]) -> None:
    """Refuse an article with no title, a quote with no speaker unless the person chose the
    article itself, joins that lead nowhere (factdb.intake.joins), and words longer than
    their declaration allows (factdb.intake.limits), each named by its row."""
    if not document.title.strip():
        raise ValidationFailed("Give the article a title.", {"title": "Give the article a title."})
    problems = join_problems(quotes)
    for number, accepted in enumerate(quotes):
        position = number if accepted.position is None else accepted.position
        problems.update(row_too_long(accepted, position))
        if accepted.speaker.strip() or accepted.article_itself:
            continue
        problems[f"speaker-{position}"] = (
            f"Quote {position + 1} has no speaker: name one, or choose “the article itself”."
        )
    for number, text in enumerate(claims):
        if told := CLAIM["text"].length_problem(text):
            problems[f"candidate-{number}"] = f"Sentence {number + 1}: {told}"
    if problems:
        raise ValidationFailed(" ".join(problems.values()), dict(sorted(problems.items())))


def record(
    session: Session,
    user: User,
    document: DocumentInput,
    quotes: list[AcceptedQuote],
    claims: list[str],
) -> IntakeResult:
    """Write the document and everything accepted, in the caller's transaction.

    An article that is already recorded (same DOI, URL, title and year, or text) is never copied:
    its claims and citations are added to the recorded document, which keeps its authors.
    Quotes that share a claim (`AcceptedQuote.joins`) are cited together under one claim.
    A row left without a role takes the role given for the same speaker on another row.
    With nothing accepted, an article not yet recorded is refused (a bare stub nobody asked
    for) and one already recorded is left as it is.
    """
    _check(document, quotes, claims)
    quotes = with_shared_roles(quotes)
    existing, _reason = recorded_article(session, document)
    if nothing_accepted(quotes, claims):
        if existing is None:
            raise ValidationFailed(NOTHING_TICKED)
        return IntakeResult(existing, [], merged=True)
    saved = existing if existing is not None else create_document(session, user, document)
    session.flush()
    kept = recorded_authors(session, saved.id) if existing is not None else []
    authors = set(
        session.scalars(
            select(DocumentAuthor.source_id).where(DocumentAuthor.document_id == saved.id)
        )
    )
    quoted, claimed = _recorded_from(session, saved.id) if existing is not None else ({}, set())
    skipped = sum(title_key(a.quote) in quoted for a in quotes)
    skipped += sum(title_key(t) in claimed for t in claims if t.strip())
    claims = [t for t in claims if title_key(t) not in claimed]
    written = []
    for group in claim_groups(quotes):
        fresh = [a for a in group if title_key(a.quote) not in quoted]
        if fresh:  # a group whose first words were recorded before joins the claim they went to
            citations = [_citation(session, saved.id, authors, a) for a in fresh]
            claim_id = group[0].merge_into or quoted.get(title_key(group[0].quote))
            written.append(_record_quotes(session, user, group[0], claim_id, citations))
    written += [_record_claim(session, user, saved.id, text) for text in claims if text.strip()]
    return IntakeResult(
        saved, written, merged=existing is not None, skipped=skipped,
        authors_left_out=authors_left_out(kept, document.authors) if existing else [],
        authors_kept=kept,
    )  # fmt: skip


def _citation(
    session: Session, document_id: int, authors: set[int], accepted: AcceptedQuote
) -> CitationInput:
    """The citation of one accepted quote: its speaker (a vague one under a generic source, who
    it was kept as the citation's role), and whether the article asserts the words or reports
    them."""
    speaker_text = "" if accepted.article_itself else accepted.speaker.strip()
    kind = accepted.speaker_kind
    vague = accepted.vague and (speaker_text == UNNAMED_SOURCE or is_vague_speaker(speaker_text))
    if vague and speaker_text:  # unless the person named someone in its place
        speaker_text, kind = vague_speaker_name(speaker_text), SourceKind.OTHER
    citation = CitationInput(
        document_id=document_id,
        speaker=speaker_text,
        new_speaker_kind=kind,
        # The shared generic source takes no role from one article.
        new_speaker_role="" if vague else accepted.speaker_role,
        speaker_role=accepted.speaker_role.strip(),
        quote=accepted.quote,
        quote_type=QuoteType.DIRECT if accepted.direct else QuoteType.PARAPHRASE,
        relation=Relation.ASSERTS,
    )
    if speaker_text:
        speaker = find_source(session, speaker_text)
        # Words the article attributes to someone else are reported, not asserted, by it.
        if speaker is None or speaker.id not in authors:
            citation.relation = Relation.REPORTS
    return citation


def _record_quotes(
    session: Session,
    user: User,
    first: AcceptedQuote,
    claim_id: int | None,
    citations: list[CitationInput],
) -> Claim:
    """Save the claim of a group of quotes: a new one from its first quote, or the citations
    added to the recorded claim `claim_id`."""
    if claim_id is None:
        claim = ClaimInput(text=first.claim_text or first.quote, citations=citations)
        return save_claim(session, user, claim).claim
    target = get_claim(session, claim_id)
    keep = unchanged_citations(target)
    claim = ClaimInput(
        text=target.text,
        context=target.context,
        tags=[t.name for t in target.tags],
        citations=[*keep, *citations],
    )
    return save_claim(session, user, claim, claim_id=target.id).claim


def _record_claim(session: Session, user: User, document_id: int, text: str) -> Claim:
    """Save a claim the article itself makes, cited to the article."""
    citation = CitationInput(document_id=document_id, relation=Relation.ASSERTS)
    return save_claim(session, user, ClaimInput(text=text, citations=[citation])).claim


__all__ = [
    "AcceptedQuote",
    "Proposal",
    "SourceMatcher",
    "extract",
    "proposal_from",
    "propose",
    "record",
]
