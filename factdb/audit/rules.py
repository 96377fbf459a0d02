"""The audit rules: one small function each, reading AuditData and yielding findings.

The quote rules (QUOTE_NOT_FOUND, QUOTE_ALTERED, QUOTE_UNCHECKABLE) need the
documents' texts and live in factdb.audit.runner, which caches their results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from factdb.audit.data import AuditData, CitationRow, DocumentRow
from factdb.audit.duplicates import likely_duplicate
from factdb.audit.findings import Finding
from factdb.text import name_key, parse_partial_date
from factdb.vocab import DocumentType, QuoteType, Reliability, Status
from factdb.wording import agree, counted

Rule = Callable[[AuditData], Iterator[Finding]]
#: Names folded for matching, remembered: a rebuild folds the same speakers' and
#: publishers' names hundreds of thousands of times.
_folded_name = lru_cache(maxsize=65_536)(name_key)

WEAK_GRADES = frozenset({Reliability.D, Reliability.E, Reliability.F})
WEB_TYPES = frozenset({DocumentType.WEB_PAGE, DocumentType.SOCIAL_POST})

_VAGUE_SPEAKER = re.compile(
    r"^(?:an?|the|some|several|many|unnamed|anonymous|senior|government|official|western|"
    r"local|foreign|military|security|intelligence|\s)*"
    r"(?:officials?|sources?|experts?|analysts?|observers?|critics?|diplomats?|insiders?|"
    r"spokes(?:wo)?m[ae]n|spokespe(?:rson|ople)|statement|reports?|people familiar\b.*|"
    r"someone|somebody|witnesses|residents|commentators|aides?|authorities|insiders?)"
    r"(?:\s+(?:said|say|says|told|claimed|familiar with.*|close to.*|in\b.*))?$",
    re.IGNORECASE,
)
_PUNCTUATION = re.compile(r"[^\w\s]")


def _label(status: Status) -> str:
    return status.label.lower()


def unsourced(data: AuditData) -> Iterator[Finding]:
    """A claim with no citation at all."""
    for claim in data.claims.values():
        if claim.status is not Status.RETRACTED and not data.citations.get(claim.id):
            yield Finding("UNSOURCED", f"Claim #{claim.id} has no citation.", claim_id=claim.id)


def verdict_without_evidence(data: AuditData) -> Iterator[Finding]:
    """A verdict with no supporting or disputing citation, or with no reviewer's note."""
    for claim in data.claims.values():
        if not claim.status.is_verdict:
            continue
        evidence = [c for c in data.citations.get(claim.id, []) if c.relation.is_evidence]
        verdict = data.verdicts.get(claim.id)
        note = (verdict.note if verdict else claim.verdict).strip()
        if not evidence:
            yield Finding(
                "VERDICT_WITHOUT_EVIDENCE",
                f"Claim #{claim.id} is rated {_label(claim.status)}, but no citation supports or disputes it.",
                claim_id=claim.id,
            )
        elif not note:
            yield Finding(
                "VERDICT_WITHOUT_EVIDENCE",
                f"Claim #{claim.id} is rated {_label(claim.status)}, but the reviewer gave no reasons.",
                claim_id=claim.id,
            )


def verdict_outdated(data: AuditData) -> Iterator[Finding]:
    """The verdict is older than the last change of the claim's text or of its evidence.

    Every edit sends a judged claim back to review, so this finds what came in around
    that rule: records from before it, loaded dumps, or changes made outside factdb.
    """
    for claim in data.claims.values():
        verdict = data.verdicts.get(claim.id)
        if verdict is None or verdict.at is None:
            continue
        changed = []
        if claim.text_changed_at is not None and claim.text_changed_at > verdict.at:
            changed.append("its text")
        if verdict.evidence_changed_at is not None and verdict.evidence_changed_at > verdict.at:
            changed.append("a citation the verdict rests on")
        if changed:
            yield Finding(
                "VERDICT_OUTDATED",
                f"Claim #{claim.id} was rated {_label(claim.status)} on {verdict.at:%Y-%m-%d}; "
                f"{' and '.join(changed)} changed after that.",
                claim_id=claim.id,
            )


def _issuers(document: DocumentRow | None) -> set[str]:
    """The names a document is issued under: its publisher, and a press release's outlet.

    A press release recorded from the citation form before its outlet went to the
    publisher (factdb.documents.outlet_fields) still names its issuer as its container.
    """
    if document is None:
        return set()
    names = {document.publisher}
    if document.doc_type is DocumentType.PRESS_RELEASE:
        names.add(document.container_title)
    return {_folded_name(name) for name in names if name}


def _issued_by(data: AuditData, citation: CitationRow, speaker_id: int) -> bool:
    """True when the speaker, or an organisation the speaker belongs to, authored or issued the document."""
    chain = data.ancestors(speaker_id)
    if set(data.authors.get(citation.document_id, [])).intersection(chain):
        return True
    issuers = _issuers(data.documents.get(citation.document_id))
    return any(_folded_name(data.sources[source_id].name) in issuers for source_id in chain)


#: Claims whose evidence nobody is weighing: one waiting for review (every quote the intake
#: records from a news article is reported words, so flagging them all was noise) and one
#: withdrawn. Once a review starts, finding the speaker's own words is the work to do.
_NOT_WEIGHED = frozenset({Status.UNVERIFIED, Status.RETRACTED})


def second_hand_only(data: AuditData) -> Iterator[Finding]:
    """Words attributed to a speaker, but only ever in documents the speaker did not issue,
    on a claim in review or with a verdict."""
    for claim_id, citations in data.citations.items():
        claim = data.claims.get(claim_id)
        if claim is None or claim.status in _NOT_WEIGHED:
            continue
        by_speaker: dict[int, list[CitationRow]] = {}
        for citation in citations:
            if citation.speaker_id is not None:
                by_speaker.setdefault(citation.speaker_id, []).append(citation)
        for speaker_id, cited in by_speaker.items():
            if any(_issued_by(data, c, speaker_id) for c in cited):
                continue
            speaker = data.sources.get(speaker_id)
            name = speaker.name if speaker else f"source #{speaker_id}"
            yield Finding(
                "SECOND_HAND_ONLY",
                f"Words attributed to {name} on claim #{claim_id} appear only in documents "
                f"that {name} did not author or issue.",
                claim_id=claim_id,
                citation_id=cited[0].id,
                source_id=speaker_id,
            )


def is_vague_speaker(name: str) -> bool:
    """True for unnamed or generic speakers: "officials", "a statement", "sources said"."""
    return bool(_VAGUE_SPEAKER.match(_PUNCTUATION.sub(" ", name).strip()))


def vague_attribution(data: AuditData) -> Iterator[Finding]:
    """A citation whose speaker is unnamed or generic."""
    for citation in data.all_citations():
        speaker = data.sources.get(citation.speaker_id) if citation.speaker_id else None
        if speaker and is_vague_speaker(speaker.name):
            yield Finding(
                "VAGUE_ATTRIBUTION",
                f"Citation #{citation.id} attributes claim #{citation.claim_id} to "
                f"“{speaker.name}”, an unnamed or generic speaker.",
                claim_id=citation.claim_id,
                citation_id=citation.id,
                source_id=speaker.id,
            )


def _independence_key(data: AuditData, citation: CitationRow) -> tuple[str, object]:
    """Citations with the same key are not independent of each other."""
    if citation.speaker_id is not None:
        return ("source", data.root(citation.speaker_id))
    document = data.documents.get(citation.document_id)
    authors = data.authors.get(citation.document_id, [])
    if document and (document.container_title or document.publisher):
        return ("outlet", (document.container_title or document.publisher).casefold())
    if authors:
        return ("source", data.root(authors[0]))
    return ("document", citation.document_id)


def single_source(data: AuditData) -> Iterator[Finding]:
    """A verdict whose evidence comes from one independent source only."""
    for claim in data.claims.values():
        if not claim.status.is_verdict:
            continue
        evidence = [c for c in data.citations.get(claim.id, []) if c.relation.is_evidence]
        keys = {_independence_key(data, c) for c in evidence}
        if len(keys) == 1:
            yield Finding(
                "SINGLE_SOURCE",
                f"The {_label(claim.status)} verdict on claim #{claim.id} rests on one independent source.",
                claim_id=claim.id,
            )


def _grade(data: AuditData, citation: CitationRow) -> Reliability | None:
    """The grade that weighs a citation: its speaker's, or, naming none, its document's author's.

    None when there is nobody to grade: a citation with no speaker rests on its document
    alone, and a document with no author has no grade. That is unknown, not low (F).
    """
    source_id = citation.speaker_id or next(iter(data.authors.get(citation.document_id, [])), None)
    source = data.sources.get(source_id) if source_id else None
    return source.reliability if source else None


def low_reliability(data: AuditData) -> Iterator[Finding]:
    """A true or mostly true verdict supported only by sources graded D, E or F.

    A support of unknown reliability (a source not graded yet, a document naming no author)
    is not weak: it is asked for in SOURCE_UNGRADED, and keeps the verdict out of this rule.
    """
    for claim in data.claims.values():
        if claim.status not in (Status.TRUE, Status.MOSTLY_TRUE):
            continue
        support = [c for c in data.citations.get(claim.id, []) if c.relation.value == "supports"]
        grades = [_grade(data, c) for c in support]
        if grades and all(grade in WEAK_GRADES for grade in grades):
            named = ", ".join(sorted({grade.value for grade in grades if grade is not None}))
            yield Finding(
                "LOW_RELIABILITY",
                f"The {_label(claim.status)} verdict on claim #{claim.id} is supported only by "
                f"sources graded {named}.",
                claim_id=claim.id,
            )


def source_ungraded(data: AuditData) -> Iterator[Finding]:
    """A source a claim rests on has no reliability grade yet.

    A citation rests on its speaker, or, when it names none, on its document's first author:
    the grade that weighs it (see _grade). The author of an article quoting someone is not
    a source of those words, and is not listed for them.
    """
    cited: set[int] = set()
    for citation in data.all_citations():
        if citation.speaker_id is not None:
            cited.add(citation.speaker_id)
        else:
            cited.update(data.authors.get(citation.document_id, [])[:1])
    for source_id in sorted(cited):
        source = data.sources.get(source_id)
        if source is not None and source.reliability is Reliability.UNGRADED:
            yield ungraded_finding(source_id, source.name)


def ungraded_finding(source_id: int, name: str) -> Finding:
    return Finding(
        "SOURCE_UNGRADED",
        f"“{name}” is cited but not graded yet, so the verdicts resting on it cannot be weighed.",
        source_id=source_id,
    )


def self_review(data: AuditData) -> Iterator[Finding]:
    """The current verdict was given by the person who recorded the claim."""
    for claim in data.claims.values():
        verdict = data.verdicts.get(claim.id)
        if (
            verdict
            and claim.created_by_id is not None
            and verdict.reviewer_id == claim.created_by_id
        ):
            name = data.user_names.get(verdict.reviewer_id, "its author")
            yield Finding(
                "SELF_REVIEW",
                f"Claim #{claim.id} was rated {_label(claim.status)} by {name}, who recorded it.",
                claim_id=claim.id,
            )


def missing_citation_fields(document) -> list[str]:
    """What a reference manager needs and this document lacks."""
    missing = []
    if not document.title.strip():
        missing.append("a title")
    if not document.published and not document.undated:
        missing.append('a publication date (or "undated")')
    elif document.published and not _readable_date(document.published):
        # Stored before every path refused it (2999, a slip of the keys for 2062 or 2026).
        missing.append(f"a publication date that can be right (not {document.published})")
    if not document.url and not document.publisher and not document.container_title:
        missing.append("a URL or a publisher")
    if document.doc_type in WEB_TYPES and document.accessed is None:
        missing.append("an access date")
    return missing


def _readable_date(value: str) -> bool:
    """Whether a stored publication date is one every path would take today."""
    try:
        parse_partial_date(value)
    except ValueError:
        return False
    return True


def citation_incomplete(data: AuditData) -> Iterator[Finding]:
    """A document that lacks what a citation of it needs."""
    for document in data.documents.values():
        missing = missing_citation_fields(document)
        if missing:
            yield Finding(
                "CITATION_INCOMPLETE",
                f"“{document.title}” lacks {', '.join(missing)}.",
                document_id=document.id,
                details={"missing": missing},
            )


def source_gone(data: AuditData) -> Iterator[Finding]:
    """A document whose address no longer leads to it, with no archive copy to cite instead."""
    for check in data.checks.values():
        if check.outcome == "gone" and not check.archived:
            title = data.documents[check.document_id].title
            yield Finding(
                "SOURCE_GONE",
                f"“{title}” is gone from its address (checked {check.checked_at:%Y-%m-%d}): {check.message}",
                document_id=check.document_id,
                details={"checked_at": check.checked_at.isoformat() + "Z"},
            )


def source_changed(data: AuditData) -> Iterator[Finding]:
    """A document whose live text differs from what was captured."""
    for check in data.checks.values():
        if check.changes and check.outcome in ("changed", "moved"):
            title = data.documents[check.document_id].title
            yield Finding(
                "SOURCE_CHANGED",
                f"“{title}” has changed since it was captured: {counted(check.changes, 'passage')} "
                f"{agree(check.changes, 'differs', 'differ')} "
                f"(checked {check.checked_at:%Y-%m-%d}).",
                document_id=check.document_id,
                details={"changes": check.changes, "final_url": check.final_url},
            )


def quote_withdrawn(data: AuditData) -> Iterator[Finding]:
    """A cited quote that was in the captured page and is no longer on the live one."""
    for citation in data.all_citations():
        check = data.checks.get(citation.document_id)
        if check is not None and citation.id in check.withdrawn:
            title = data.documents[citation.document_id].title
            yield Finding(
                "QUOTE_WITHDRAWN",
                f"“{citation.quote}” is no longer on the live page of “{title}” "
                f"(checked {check.checked_at:%Y-%m-%d}).",
                claim_id=citation.claim_id,
                citation_id=citation.id,
                document_id=citation.document_id,
            )


def checkable_quotes(data: AuditData) -> Iterator[CitationRow]:
    """Citations whose quote is given as the speaker's exact words."""
    for citation in data.all_citations():
        if citation.quote.strip() and citation.quote_type is QuoteType.DIRECT:
            yield citation


#: The rules that need nothing but AuditData, in the order findings are listed.
STRUCTURAL_RULES: dict[str, Rule] = {
    "UNSOURCED": unsourced,
    "VERDICT_WITHOUT_EVIDENCE": verdict_without_evidence,
    "VERDICT_OUTDATED": verdict_outdated,
    "SECOND_HAND_ONLY": second_hand_only,
    "VAGUE_ATTRIBUTION": vague_attribution,
    "SINGLE_SOURCE": single_source,
    "LOW_RELIABILITY": low_reliability,
    "SOURCE_UNGRADED": source_ungraded,
    "SELF_REVIEW": self_review,
    "CITATION_INCOMPLETE": citation_incomplete,
    "LIKELY_DUPLICATE": likely_duplicate,
    "SOURCE_GONE": source_gone,
    "SOURCE_CHANGED": source_changed,
    "QUOTE_WITHDRAWN": quote_withdrawn,
}
