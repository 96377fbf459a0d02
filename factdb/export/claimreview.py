"""schema.org ClaimReview JSON-LD for claims with a verdict, as search engines read it."""

from __future__ import annotations

from typing import Any

from factdb.models import Claim, Document, Source
from factdb.text import clean


def _author(source: Source) -> dict[str, Any]:
    kind = "Person" if source.kind.is_person else "Organization"
    author: dict[str, Any] = {"@type": kind, "name": source.name}
    if source.role and source.kind.is_person:
        author["jobTitle"] = source.role
    if source.homepage:
        author["url"] = source.homepage
    return author


def _appearance(document: Document) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": document.title}
    if document.url:
        work["url"] = document.url
    if document.published:
        work["datePublished"] = document.published
    if document.container_title:
        work["publisher"] = {"@type": "Organization", "name": document.container_title}
    return work


def review(
    claim: Claim, *, date_published: str, base_url: str, publisher: dict[str, str]
) -> dict[str, Any]:
    """One ClaimReview; `claim` must carry a verdict."""
    rating = claim.status.rating
    documents = {c.document.id: c.document for c in claim.citations}
    ordered = sorted(documents.values(), key=lambda d: (d.published or "9999", d.id))
    speakers = []
    for citation in claim.citations:
        if citation.speaker and citation.speaker not in speakers:
            speakers.append(citation.speaker)
    item: dict[str, Any] = {"@type": "Claim"}
    if speakers:
        item["author"] = (
            _author(speakers[0]) if len(speakers) == 1 else [_author(s) for s in speakers]
        )
    if ordered:
        item["appearance"] = [_appearance(d) for d in ordered]
        item["firstAppearance"] = _appearance(ordered[0])
        if ordered[0].published:
            item["datePublished"] = ordered[0].published
    result: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": clean(claim.text),
        "datePublished": date_published,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.status.label,
        },
        "itemReviewed": item,
        "author": {"@type": "Organization", **publisher},
    }
    if base_url:
        result["url"] = f"{base_url.rstrip('/')}/claims/{claim.id}"
    if claim.verdict:
        result["reviewBody"] = claim.verdict
    return result
