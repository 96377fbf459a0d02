"""Bar charts as data for an SVG macro: drawn on the server, no script, no CDN."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: Share of the widest bar, 0-100, so the template can size it.
    percent: float
    tone: str
    href: str = ""
    #: A word after the label for what the tone shows ("error"), so colour never says it alone.
    note: str = ""


def bars(items: list[tuple[str, int, str, str]]) -> list[Bar]:
    """Turn (label, value, tone, link) rows into bars scaled to the largest value."""
    peak = max((value for _, value, _, _ in items), default=0) or 1
    return [
        Bar(label, value, round(100 * value / peak, 1), tone, href)
        for label, value, tone, href in items
    ]
