"""schema.org ClaimReview JSON-LD for claims with a verdict, as search engines read it.

The claim's author and where it appeared come only from the citations that say the claim
was made there: "asserts" gives the author and an appearance, "reports second-hand" an
appearance, and its speaker is the author when no citation asserts the claim (the intake
records each quote as a report: the one quoted is who made the claim); a source that
supports or disputes the claim is evidence, never its author. The review's own author is
the publisher configured, else, only when the caller passes a reviewer (a setting says to
publish a person's name), the reviewer who gave the verdict: an author with no name is not
valid ClaimReview, so with neither the review names none.
`<`, `>` and `&` are written as \\u003c, \\u003e and \\u0026, so the output can be pasted
into a `<script type="application/ld+json">` element as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from factdb.models import Citation, Claim, Document, Source
from factdb.text import clean
from factdb.vocab import Relation, Status

#: The 1-5 scale (5 = true). "Unproven" is not a point on it: it gets its name, no number.
RATINGS = {
    Status.TRUE: 5,
    Status.MOSTLY_TRUE: 4,
    Status.MIXED: 3,
    Status.MOSTLY_FALSE: 2,
    Status.FALSE: 1,
}


def _author(source: Source, role: str) -> dict[str, Any]:
    """The author as schema.org reads it; `role` is the one the citation gave, if any."""
    kind = "Person" if source.kind.is_person else "Organization"
    author: dict[str, Any] = {"@type": kind, "name": source.name}
    # A role belongs to the citation that gave it; the source's own is the fallback.
    job_title = role.strip() or source.role
    if job_title and source.kind.is_person:
        author["jobTitle"] = job_title
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


def _by_date(documents: Iterable[Document]) -> list[Document]:
    unique = {document.id: document for document in documents}
    return sorted(unique.values(), key=lambda d: (d.published or "9999", d.id))


def rating(status: Status) -> dict[str, Any]:
    value: dict[str, Any] = {"@type": "Rating"}
    if status in RATINGS:
        value.update(ratingValue=RATINGS[status], bestRating=5, worstRating=1)
    value["alternateName"] = status.label
    return value


def _claimants(citations: list[Citation]) -> list[dict[str, Any]]:
    """The distinct speakers of `citations`, each with the role its first citation gave."""
    speakers: dict[int, tuple[Source, str]] = {}
    for citation in citations:
        if citation.speaker and citation.speaker.id not in speakers:
            speakers[citation.speaker.id] = (citation.speaker, citation.speaker_role or "")
    return [_author(source, role) for source, role in speakers.values()]


def review_author(publisher: dict[str, str], reviewer: str) -> dict[str, Any] | None:
    """Who wrote the review: the publisher when it is named, else the reviewer, else no one."""
    if publisher.get("name"):
        return {"@type": "Organization", **publisher}
    if reviewer.strip():
        return {"@type": "Person", "name": reviewer.strip()}
    return None


def review(
    claim: Claim,
    *,
    date_published: str,
    base_url: str,
    publisher: dict[str, str],
    reviewer: str = "",
) -> dict[str, Any]:
    """One ClaimReview; `claim` must carry a verdict, given by `reviewer` (a name) if known."""
    made = [c for c in claim.citations if c.relation is Relation.ASSERTS]
    reported = [c for c in claim.citations if c.relation is Relation.REPORTS]
    authors = _claimants(made) or _claimants(reported)
    item: dict[str, Any] = {"@type": "Claim"}
    if authors:
        item["author"] = authors[0] if len(authors) == 1 else authors
    appearances = _by_date(c.document for c in made + reported)
    if appearances:
        item["appearance"] = [_appearance(d) for d in appearances]
        first = (_by_date(c.document for c in made) or appearances)[0]
        item["firstAppearance"] = _appearance(first)
        if first.published:
            item["datePublished"] = first.published
    result: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": clean(claim.text),
        "datePublished": date_published,
        "reviewRating": rating(claim.status),
        "itemReviewed": item,
    }
    author = review_author(publisher, reviewer)
    if author is not None:
        result["author"] = author
    if base_url:
        result["url"] = f"{base_url.rstrip('/')}/claims/{claim.id}"
    if claim.verdict:
        result["reviewBody"] = claim.verdict
    return result


def script_safe(value: Any) -> str:
    """JSON that can sit inside an HTML <script> element: no <, > or & left as they are."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write(reviews: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array of reviews, one review at a time."""
    yield "["
    first = True
    for one in reviews:
        body = "\n".join("  " + line for line in script_safe(one).splitlines())
        yield ("\n" if first else ",\n") + body
        first = False
    yield "\n]\n" if not first else "]\n"
