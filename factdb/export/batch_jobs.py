"""Batches of references on their way through pandoc: kept ones reused, the rest formatted.

Each batch is one job: the references kept from earlier exports whose digests still
match are read, the others given to one pandoc process (a few at a time, one a core),
and what comes back is read, merged with what was kept, and kept in turn.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any

import pypandoc

from factdb.export.collation import name_key, sort_key
from factdb.export.kept import Kept, Store, place_of
from factdb.export.pandoc_run import FILTER, Citing, Relations, Run, for_style, nocite
from factdb.export.styles import STYLES, style_text

#: Batches formatted at the same time (pandoc processes; the machine's cores do the work).
PARALLEL = max(1, min(4, os.cpu_count() or 1))
#: Batches formatted or waiting ahead of the one yielded next (each holds its items).
AHEAD = PARALLEL + 2
#: How often the processes are looked at while all of them run (seconds).
POLL_SECONDS = 0.02


#: Reads what pandoc made of the items it formatted: (those items, the text) -> (each
#: one's citation by id, the reference entries in order, empty ones dropped).
Reader = Callable[[list[dict[str, Any]], str], tuple[dict[str, str], list[str]]]
#: Bumped whenever factdb changes what it gives pandoc or how it reads the result, so
#: that references kept by an earlier version are formatted again.
FORMATTING_VERSION = "3"


@cache
def _setup(style: str, form: str) -> bytes:
    """Everything besides the items that the formatted text depends on, hashed."""
    locale = STYLES[style][1]
    try:
        pandoc_version = metadata.version("pypandoc-binary")
    except metadata.PackageNotFoundError:
        pandoc_version = pypandoc.get_pandoc_version()
    digest = hashlib.sha256()
    for part in (FORMATTING_VERSION, style, form, locale, pandoc_version):
        digest.update(part.encode() + b"\0")
    digest.update(style_text(style).encode())
    digest.update(FILTER.read_bytes())
    return digest.digest()


def digests(
    styled: list[dict[str, Any]],
    style: str,
    form: str,
    citing: Citing = nocite,
    relations: Relations | None = None,
    own: list[bytes] | None = None,
) -> tuple[list[str], str]:
    """Each item's digest, and the batch's: what a kept reference and a kept order depend on.

    An item's text depends on itself, on the works of its relation key (those it may
    share a year suffix or, in cites, a given name with: pandoc_run.relation_keys) and,
    in a bibliography, on the names of its first author's family (which decide when
    initials are added): its digest covers them all, so a new, edited or removed work of
    that key, or a new name of that family, formats it again; other works do not.
    """
    setup = _setup(style, form)
    own = own or own_digests(styled)
    relations = relations or Relations.of(styled, style, citing)
    keys = relations.keys
    by_key: dict[Hashable, list[bytes]] = {}
    for key, digest in zip(keys, own, strict=True):
        by_key.setdefault(key, []).append(digest)
    families = {
        family: hashlib.sha256(
            "\0".join(sorted(f"{name}\t{sorted(works)}" for name, works in names.items())).encode()
        ).digest()
        for family, names in relations.names.items()
    }
    items = [
        hashlib.sha256(
            setup + families.get(name_key(item), b"") + b"".join(sorted(by_key[key])) + digest
        ).hexdigest()
        for item, key, digest in zip(styled, keys, own, strict=True)
    ]
    return items, batch_digest(own, style, form)


def own_digests(styled: list[dict[str, Any]]) -> list[bytes]:
    """Each item's own digest: its CSL-JSON as the style sees it."""
    return [
        hashlib.sha256(json.dumps(item, ensure_ascii=False, sort_keys=True).encode()).digest()
        for item in styled
    ]


def batch_digest(own: list[bytes], style: str, form: str) -> str:
    """A batch's digest, from its items' own digests in order: what its kept order depends on."""
    return hashlib.sha256(_setup(style, form) + b"".join(own)).hexdigest()


@dataclass
class Batch:
    """One batch formatted: its reference entries in the style's order, each one's citation."""

    entries: list[str]
    citations: dict[str, str]


class _Job:
    """One batch on its way: what is kept is read, the rest given to one pandoc process."""

    def __init__(
        self, items: list[dict[str, Any]], style: str, output: str, citing: Citing,
        read: Reader, store: Store | None, form: str,
    ) -> None:  # fmt: skip
        self.style, self.output, self.citing, self.read = style, output, citing, read
        self.store, self.form = store, form
        self.styled = [for_style(item) for item in items]
        self.ids = [item["id"] for item in self.styled]
        self.document_ids = [item["custom"]["factdb-document-id"] for item in items]
        self.hits: dict[str, Kept] = {}
        self.digests: list[str] = []
        #: Where each document stands (kept.place_of), kept with its reference.
        self.places: list[str] = []
        self.sort_keys = [sort_key(item) for item in items] if store is not None else []
        self.batch = ""
        self.run: Run | None = None
        self.relations = Relations.of(self.styled, style, citing)
        if store is not None and self._reuse(store):
            return
        # The works of a stale work's key are formatted with it (its text may depend on theirs).
        keys = self.relations.keys
        stale = {
            key for key, item_id in zip(keys, self.ids, strict=True) if item_id not in self.hits
        }
        missing = {item_id for key, item_id in zip(keys, self.ids, strict=True) if key in stale}
        self.hits = {key: found for key, found in self.hits.items() if key not in missing}
        self.run = Run(
            citing, self.styled, style, output, missing if self.hits else None, self.relations
        )

    def _reuse(self, store: Store) -> bool:
        """Read the kept references whose digests match; whether they are the whole batch."""
        own = own_digests(self.styled)
        self.digests, self.batch = digests(
            self.styled, self.style, self.form, self.citing, self.relations, own
        )
        self.places = [
            place_of(digest.hex(), key) for digest, key in zip(own, self.sort_keys, strict=True)
        ]
        kept = store.load(self.style, self.form, self.document_ids)
        for key, document_id, digest in zip(self.ids, self.document_ids, self.digests, strict=True):
            found = kept.get(document_id)
            if found is not None and found.digest == digest:
                self.hits[key] = found
        return len(self.hits) == len(self.ids) and all(
            found.batch == self.batch for found in self.hits.values()
        )

    def finish(self) -> Batch:
        """Wait for pandoc (if it runs), read its text, keep it, and give the batch."""
        if self.run is None:
            return self._kept_batch()
        run = self.run
        citations, entries = self.read(run.rendered, run.finish())
        printed = [key for key, empty in run.entries if not empty]
        aligned = len(printed) == len(entries) and {key for key, _ in run.entries} <= set(self.ids)
        if not aligned and run.only is not None:
            # The entries cannot be told apart: format the whole batch, keep nothing.
            self.hits, self.store = {}, None
            self.run = Run(
                self.citing, self.styled, self.style, self.output, relations=self.relations
            )
            return self.finish()
        fresh = {item["id"]: "" for item in run.rendered} | dict(
            zip(printed, entries, strict=False)
        )
        text = {key: found.entry for key, found in self.hits.items()} | fresh
        cited = {key: found.citation for key, found in self.hits.items()} | citations
        if aligned:
            self._keep(run.order, text, cited)
        if run.only is None:
            return Batch(entries, citations)
        return Batch([text[key] for key in run.order if text.get(key)], cited)

    def _kept_batch(self) -> Batch:
        """The batch from kept references alone, in their kept order."""
        if self.store is not None:
            moved = {
                document_id: place
                for key, document_id, place in zip(
                    self.ids, self.document_ids, self.places, strict=True
                )
                if self.hits[key].place != place
            }
            self.store.save_places(self.style, self.form, moved)
        order = sorted(self.ids, key=lambda key: self.hits[key].rank)
        return Batch(
            [self.hits[key].entry for key in order if self.hits[key].entry],
            {key: found.citation for key, found in self.hits.items()},
        )

    def _keep(self, order: list[str], text: dict[str, str], cited: dict[str, str]) -> None:
        """Keep the batch's references, each with its digest and its place in the list."""
        if self.store is None:
            return
        rank = {key: number for number, key in enumerate(order)}
        self.store.save(
            self.style,
            self.form,
            {
                document_id: Kept(
                    digest, text.get(key, ""), cited.get(key, ""), self.batch,
                    rank.get(key, len(rank)), place,
                )
                for key, document_id, digest, place in zip(
                    self.ids, self.document_ids, self.digests, self.places, strict=True
                )
            },
        )  # fmt: skip

    def busy(self) -> bool:
        """Whether the batch's pandoc process is still running."""
        return self.run is not None and self.run.process.poll() is None

    def cancel(self) -> None:
        if self.run is not None:
            self.run.process.kill()
            self.run.process.wait()
            self.run.errors.close()
            self.run.folder.cleanup()


def formatted_batches(
    batches: Iterable[list[dict[str, Any]]], style: str, output: str, citing: Citing,
    read: Reader, store: Store | None = None, form: str = "",
) -> Iterator[Batch]:  # fmt: skip
    """Format batches of items, PARALLEL pandoc processes at a time, yielding them in order.

    A new process starts as soon as one ends, not when the oldest batch is done: a batch of
    one big family can take ten times a small one, and waiting for it left a core idle
    (up to AHEAD batches are formatted ahead of the one yielded next). With a store,
    references kept from earlier exports are reused and only the missing or stale ones
    formatted (then kept); the text is the same either way.
    """
    running: list[_Job] = []
    try:
        for items in batches:
            while sum(job.busy() for job in running) >= PARALLEL or len(running) >= AHEAD:
                if running[0].busy():
                    time.sleep(POLL_SECONDS)  # until one of the processes ends
                else:
                    yield running.pop(0).finish()
            running.append(_Job(items, style, output, citing, read, store, form or output))
            while running and not running[0].busy():
                yield running.pop(0).finish()
        while running:
            yield running.pop(0).finish()
        if store is not None:
            store.release()
    finally:
        for job in running:
            job.cancel()
