"""The write path of claims: a claim and its citations saved in one step, with their history."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from factdb.claims.checks import validate_citation, validate_claim
from factdb.claims.queries import get_claim
from factdb.claims.resolve import Resolver
from factdb.claims.stale import refuse_stale
from factdb.declarations.citation import CITATION
from factdb.declarations.claim import CLAIM
from factdb.documents import DocumentInput
from factdb.errors import StaleEdit, ValidationFailed
from factdb.history import record_change
from factdb.models import (
    Change,
    Citation,
    Claim,
    Document,
    Source,
    StatusChange,
    Tag,
    User,
    status_change_evidence,
    utcnow,
)
from factdb.review import reopen_after_edit, verdict_evidence
from factdb.text import clean
from factdb.vocab import QuoteType, Relation, SourceKind, Status

MAX_CLAIM_LENGTH = CLAIM["text"].max_length
MAX_QUOTE_LENGTH = CITATION["quote"].max_length
#: Most citations one claim holds (every path: form, API, intake, capture); more is refused.
MAX_CITATIONS = 50


@dataclass
class CitationInput:
    """One citation: its document and speaker by id, or by the title or name of a new one."""

    #: The cited document; or, when None, `document` is its exact title or URL, or the
    #: title of a new document, created with `new_document`.
    document_id: int | None = None
    document: str = ""
    #: Whose words; or, when None, `speaker` is a source's exact name or alias, or the
    #: name of a new source; both empty when the document asserts it itself.
    speaker_id: int | None = None
    speaker: str = ""
    relation: Relation = Relation.ASSERTS
    quote: str = ""
    quote_type: QuoteType = QuoteType.DIRECT
    locator: str = ""
    #: The speaker's role as the document gives it; None keeps what is recorded.
    speaker_role: str | None = None
    #: Details used only when `document` names a document that does not exist yet.
    new_document: DocumentInput | None = None
    #: Whether a `document` that names no recorded document is meant as a new one. A form
    #: sends False unless its "A new document" box is ticked: a fragment of a recorded title
    #: (typed, then Enter) is then asked about, not made a stub document of that fragment.
    new_document_confirmed: bool = True
    #: Details used only when `speaker` names a source that does not exist yet.
    new_speaker_kind: SourceKind | None = None
    new_speaker_role: str = ""
    new_speaker_parent_id: int | None = None
    #: Set for a citation that already exists.
    id: int | None = None
    version: int | None = None
    remove: bool = False

    def is_blank(self) -> bool:
        return (
            self.document_id is None
            and self.speaker_id is None
            and not any(clean(value) for value in (self.document, self.speaker, self.quote))
        )

    def only_carried_from(self, before: CitationInput | None) -> bool:
        """A new row holding nothing but the document and relation carried over from `before`.

        "Add another citation" fills those in for the next row; a row nobody typed into is
        as empty as a blank one, not a second, quoteless citation of the same document.
        """
        if before is None or self.id is not None or self.speaker_id is not None:
            return False
        if any(clean(value) for value in (self.speaker, self.quote, self.locator)):
            return False
        if self.quote_type != QuoteType.DIRECT:  # the form's default for a new row
            return False
        same_document = (
            self.document_id == before.document_id
            if self.document_id is not None or before.document_id is not None
            else clean(self.document) == clean(before.document)
        )
        return same_document and self.relation == before.relation


@dataclass
class ClaimInput:
    text: str
    context: str = ""
    tags: list[str] = field(default_factory=list)
    citations: list[CitationInput] = field(default_factory=list)
    #: The claim form carries a row's document and relation into the next new row; there a
    #: row holding only those is as empty as a blank one. What the API or an import sends
    #: is taken as sent.
    rows_carry_over: bool = False


@dataclass
class SaveResult:
    claim: Claim
    new_sources: list[Source] = field(default_factory=list)
    new_documents: list[Document] = field(default_factory=list)
    #: The step back to review when the edit changed the words a verdict judged.
    reopened: StatusChange | None = None
    #: Whether the save wrote anything: a save that changes nothing writes no new version.
    changed: bool = True


def kept_citation(citation: Citation) -> CitationInput:
    """A citation as an input that keeps it as it is; change a field to edit only that one."""
    return CitationInput(
        id=citation.id,
        version=citation.version,
        document_id=citation.document_id,
        speaker_id=citation.speaker_id,
        relation=citation.relation,
        quote=citation.quote,
        quote_type=citation.quote_type,
        locator=citation.locator,
    )


def unchanged_citations(claim: Claim, *, leave_out: int | None = None) -> list[CitationInput]:
    """The claim's citations as inputs that keep them as they are when the claim is saved again."""
    return [kept_citation(c) for c in claim.citations if c.id != leave_out]


def _set_tags(session: Session, claim: Claim, names: list[str]) -> None:
    existing = {tag.name: tag for tag in session.scalars(select(Tag).where(Tag.name.in_(names)))}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    claim.tags = sorted(tags, key=lambda tag: tag.name)


def _citation_values(citation: Citation, document: Document, speaker: Source | None) -> dict:
    return {
        "document": document.title,
        "speaker": speaker.name if speaker else "",
        "relation": citation.relation.value,
        "quote": citation.quote,
        "quote_type": citation.quote_type.value,
        "locator": citation.locator,
    } | ({"speaker_role": citation.speaker_role} if citation.speaker_role else {})


def save_claim(
    session: Session,
    user: User,
    data: ClaimInput,
    *,
    claim_id: int | None = None,
    expected_version: int | None = None,
) -> SaveResult:
    """Create or update a claim together with its citations, in the caller's transaction.

    New documents and speakers named in the citations are created on the way. Raises
    ValidationFailed (keyed by form field) or StaleEdit; nothing is written then,
    provided the caller rolls back.
    """
    errors = validate_claim(data)
    entries = [
        (index, entry)
        for index, entry in enumerate(data.citations)
        if entry.id is not None
        or not (
            entry.is_blank()
            or (
                data.rows_carry_over
                and entry.only_carried_from(data.citations[index - 1] if index else None)
            )
        )
    ]
    for index, entry in entries:
        if not entry.remove:
            errors.update(validate_citation(session, index, entry))
    kept = sum(1 for _index, entry in entries if not entry.remove)
    if kept > MAX_CITATIONS:
        errors["citations"] = (
            f"A claim takes at most {MAX_CITATIONS} citations; {kept} were given. "
            "Nothing was saved: cite fewer, or split the claim."
        )
    if errors:
        raise ValidationFailed("Please correct the marked fields.", errors)

    try:
        return _write(session, user, data, entries, claim_id, expected_version)
    except StaleDataError as exc:  # a save that committed between our read and our write
        # The caller rolls back (the session cannot go on after a failed flush) and reloads.
        raise StaleEdit(
            "Someone saved this claim at the same moment as you; their version is shown.", None
        ) from exc


def _write(
    session: Session,
    user: User,
    data: ClaimInput,
    entries: list[tuple[int, CitationInput]],
    claim_id: int | None,
    expected_version: int | None,
) -> SaveResult:
    """Write a validated claim and its citations, with their history."""
    if claim_id is None:
        claim = Claim(
            text=data.text,
            context=data.context,
            created_by_id=user.id,
            updated_by_id=user.id,
            text_changed_by_id=user.id,
            citations=[],
            tags=[],
        )
        session.add(claim)
        _set_tags(session, claim, data.tags)
        session.flush()
        # The claim's own record comes first in its history, before its citations.
        _record(session, user, claim, "claim", claim.id, "created", {}, _claim_values(claim))
    else:
        claim = get_claim(session, claim_id)
        refuse_stale(session, claim, expected_version, entries, user.id)
        before = _claim_values(claim)
        evidence = verdict_evidence(session, claim)
        text_changed = data.text != claim.text
        claim.text, claim.context = data.text, data.context
        if text_changed:
            claim.text_changed_at, claim.text_changed_by_id = utcnow(), user.id
        _set_tags(session, claim, data.tags)
    result = SaveResult(claim)
    citation_changes = _save_citations(session, user, claim, entries, result)
    if claim_id is not None:
        claim_change = _record(
            session, user, claim, "claim", claim.id, "updated", before, _claim_values(claim)
        )
        added_or_removed = any((entry.id is None) != entry.remove for _index, entry in entries)
        result.changed = bool(claim_change or citation_changes or added_or_removed)
        if result.changed:  # a save that changes nothing keeps the claim's version
            claim.updated_by_id = user.id
    session.flush()
    if claim_id is not None:
        changed_evidence = {cid: c for cid, c in citation_changes.items() if cid in evidence}
        if claim_change is not None and text_changed:
            cause = claim_change
        elif changed_evidence:
            cause = next(iter(changed_evidence.values()))
        else:
            return result
        reason = _reopen_reason(user, claim.status, text_changed, changed_evidence)
        result.reopened = reopen_after_edit(session, user, claim, cause, reason)
    return result


def _reopen_reason(
    user: User, verdict: Status, text_changed: bool, changed_evidence: dict[int, Change]
) -> str:
    """Say, in the history, why a verdict no longer applies."""
    edits = ["changed the claim's text"] if text_changed else []
    edits += [
        f"changed citation #{citation_id}, evidence for the verdict ({', '.join(change.fields)})"
        for citation_id, change in changed_evidence.items()
    ]
    return (
        f"The verdict “{verdict.label}” was given on other words: {user.name} "
        f"{' and '.join(edits)}. Back in review for a new verdict."
    )


def _save_citations(
    session: Session,
    user: User,
    claim: Claim,
    entries: list[tuple[int, CitationInput]],
    result: SaveResult,
) -> dict[int, Change]:
    """Write the citations; returns the edits of existing ones, by citation id."""
    resolver = Resolver(session, user, result)
    existing = {citation.id: citation for citation in claim.citations}
    edits: dict[int, Change] = {}
    for index, entry in entries:
        if entry.id is None:
            if entry.remove:
                continue
            document, speaker = resolver.document(entry), resolver.speaker(entry)
            citation = Citation(
                claim_id=claim.id,
                document_id=document.id,
                speaker_id=speaker.id if speaker else None,
                relation=Relation(entry.relation),
                quote=entry.quote,
                quote_type=QuoteType(entry.quote_type),
                locator=entry.locator,
                speaker_role=entry.speaker_role or "",
                created_by_id=user.id,
                updated_by_id=user.id,
            )
            claim.citations.append(citation)
            session.flush()
            _record(
                session,
                user,
                claim,
                "citation",
                citation.id,
                "created",
                {},
                _citation_values(citation, document, speaker),
            )
            continue
        citation = existing.get(entry.id)
        if citation is None:  # checked by refuse_stale for claims being edited
            raise ValidationFailed(
                "A citation in the form does not belong to this claim.",
                {f"citations-{index}-document": "This citation belongs to another claim."},
            )
        before = _citation_values(citation, citation.document, citation.speaker)
        if entry.remove:
            _remove_citation(session, user, claim, citation, before, index)
            continue
        document, speaker = resolver.document(entry), resolver.speaker(entry)
        citation.document_id, citation.document = document.id, document
        citation.speaker_id, citation.speaker = (speaker.id if speaker else None), speaker
        citation.relation = Relation(entry.relation)
        citation.quote, citation.locator = entry.quote, entry.locator
        if entry.speaker_role is not None:
            citation.speaker_role = entry.speaker_role
        citation.quote_type = QuoteType(entry.quote_type)
        after = _citation_values(citation, document, speaker)
        if after != before:
            citation.updated_by_id = user.id
            change = _record(
                session, user, claim, "citation", citation.id, "updated", before, after
            )
            if change is not None:
                edits[citation.id] = change
    return edits


def _remove_citation(
    session: Session, user: User, claim: Claim, citation: Citation, before: dict, index: int
) -> None:
    is_evidence = session.scalar(
        select(func.count())
        .select_from(status_change_evidence)
        .where(status_change_evidence.c.citation_id == citation.id)
    )
    if is_evidence:
        raise ValidationFailed.at(
            f"citations-{index}-remove",
            "This citation is evidence for a recorded verdict, so it stays on the record.",
        )
    claim.citations.remove(citation)
    session.delete(citation)
    _record(session, user, claim, "citation", citation.id, "deleted", before, {})


def _record(
    session: Session, user: User, claim: Claim, entity: str, entity_id: int, action: str,
    before: dict, after: dict,
) -> Change | None:  # fmt: skip
    """Record a change to the claim or one of its citations in the claim's history."""
    return record_change(
        session, entity=entity, entity_id=entity_id, claim_id=claim.id, action=action,
        before=before, after=after, user=user,
    )  # fmt: skip


def _claim_values(claim: Claim) -> dict:
    return {
        "text": claim.text,
        "context": claim.context,
        "tags": [tag.name for tag in claim.tags],
    }
