"""One page of a list, and the arithmetic that says where it is."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    size: int
    total: int
    #: Where the next and previous pages start (factdb.keyset); empty: by page number.
    next_cursor: str = ""
    previous_cursor: str = ""
    #: The matches were counted only up to `total`: more exist, the last page is unknown.
    bounded: bool = False

    @property
    def pages(self) -> int:
        """The number of pages; past a count bound, as far as the next page known to exist."""
        if self.bounded:
            return self.number + 1 if self.next_cursor else self.number
        return max(1, ceil(self.total / self.size))

    @property
    def first_row(self) -> int:
        return 0 if self.total == 0 else (self.number - 1) * self.size + 1

    @property
    def last_row(self) -> int:
        if self.bounded:
            return (self.number - 1) * self.size + len(self.items)
        return min(self.total, self.number * self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def clamp_page(number: int | None, size: int, total: int) -> int:
    """Keep a requested page number within the pages that exist."""
    last = max(1, ceil(total / size))
    return min(max(1, number or 1), last)
