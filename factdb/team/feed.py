"""An Atom feed of a saved view, for people who follow their work in a feed reader."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator

from factdb.claims import ClaimRow
from factdb.wording import counted

#: Entries in a feed: the claims of the view most recently changed.
FEED_SIZE = 50
#: What XML cannot hold; a text recorded before `clean` dropped it must not end the feed.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def atom_feed(
    *,
    title: str,
    feed_url: str,
    page_url: str,
    rows: Sequence[ClaimRow],
    claim_url: Callable[[int], str],
) -> bytes:
    """The claims as an Atom document, newest change first."""
    feed = FeedGenerator()
    feed.id(page_url)
    feed.title(_xml(f"factdb: {title}"))
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.generator("factdb")
    updated = max((row.claim.updated_at for row in rows), default=datetime(2000, 1, 1))
    feed.updated(_aware(updated))
    # feedgen writes entries in the reverse order of adding them.
    for row in reversed(list(rows)):
        claim = row.claim
        entry = feed.add_entry()
        entry.id(claim_url(claim.id))
        entry.link(href=claim_url(claim.id), rel="alternate", type="text/html")
        entry.title(_xml(f"#{claim.id} {claim.status.label}: {claim.text[:200]}"))
        entry.updated(_aware(claim.updated_at))
        entry.published(_aware(claim.created_at))
        speakers = ", ".join(source.name for source in row.speakers) or "no named speaker"
        summary = f"Status: {claim.status.label}. Attributed to: {speakers}. {counted(row.citation_count, 'citation')}."
        if claim.verdict:
            summary += f" Verdict: {claim.verdict}"
        entry.summary(_xml(summary))
    return feed.atom_str(pretty=True)
