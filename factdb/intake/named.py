"""What a noun phrase says about its speaker: a name, its kind, its role, and how it was read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Named:
    """What a noun phrase says about its speaker."""

    name: str | None
    kind: str
    role: str | None = None
    how: str = ""
    confidence: float = 0.9
    #: Each name, where the words are several people's said jointly (`joint`).
    joint: tuple[str, ...] = ()
