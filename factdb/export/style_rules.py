"""What a style's manual asks of one item that its CSL file cannot decide on its own.

CSL cannot compare two variables, nor tell a press release from a report (both are CSL
`report`). APA 7 leaves out the publisher when it is the work's author (10.2, "when the author
and publisher are the same, omit the publisher") and dates a press release to the day (10.4,
like the ephemeral works its CSL style already dates so: a `pamphlet`).
"""

from __future__ import annotations

import re
from typing import Any

PRESS_RELEASE = "press release"
#: The mark-up a name may carry by the time a style sees it (`<span class="nocase">`).
_SPAN = re.compile(r"</?span\b[^>]*>")


def _same_name(one: str, other: str) -> bool:
    def bare(name: str) -> str:
        return " ".join(_SPAN.sub("", name).split()).casefold()

    return bare(one) == bare(other)


def _publisher_is_author(item: dict[str, Any]) -> bool:
    publisher = item.get("publisher")
    if not isinstance(publisher, str) or not publisher.strip():
        return False
    authors = item.get("author") if isinstance(item.get("author"), list) else []
    return any(
        isinstance(name, dict) and _same_name(str(name.get("literal", "")), publisher)
        for name in authors
    )


def for_apa(item: dict[str, Any]) -> dict[str, Any]:
    """The item as APA 7 wants it: no publisher that is its author, a press release by day."""
    wanted = dict(item)
    if _publisher_is_author(item):
        del wanted["publisher"]
    genre = item.get("genre")
    if (
        item.get("type") == "report"
        and isinstance(genre, str)
        and genre.casefold() == PRESS_RELEASE
    ):
        wanted["type"] = "pamphlet"
    return wanted


def as_style_wants(item: dict[str, Any], style: str) -> dict[str, Any]:
    """The item as `style`'s manual wants it (unchanged for styles with nothing to add)."""
    return for_apa(item) if style == "apa" else item
