"""The first batch of a bibliography, read without sorting, holding or formatting the rest.

A preview shows the start of a bibliography; formatting the whole selection to show it
cost half a minute on 100,000 documents. A bibliography is formatted in batches cut
between first authors (collation.batches), each one's text and order its own: so the
first batch, formatted alone, is the start of the whole export, entry for entry.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

from factdb.export import collation


def first_batch(batches: Iterable[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The items of the bibliography's first batch, in order: the first authors' works
    until BATCH_SIZE are reached, as collation.batches cuts the whole sorted list.

    Only those are held: whenever the works held without the last author's still reach
    BATCH_SIZE, that author's are let go, and every later author's with them.
    """
    size = collation.BATCH_SIZE
    held: dict[tuple, list[tuple[tuple, dict[str, Any]]]] = {}
    names: list[tuple] = []  # the authors held, sorted
    count = 0
    bound: tuple | None = None  # the first author let go: later ones are left out
    for batch in batches:
        for item in batch:
            key = collation.sort_key(item)
            name = key[0]
            if bound is not None and name >= bound:
                continue
            if name not in held:
                held[name] = []
                bisect.insort(names, name)
            held[name].append((key, item))
            count += 1
            while len(names) > 1 and count - len(held[names[-1]]) >= size:
                bound = names.pop()
                count -= len(held.pop(bound))
    return [item for name in names for _, item in sorted(held[name], key=lambda pair: pair[0])]
