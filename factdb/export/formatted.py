"""Formatted references (APA, Chicago, MLA, Harvard): bibliographies, rendered by pandoc's citeproc.

The work is split by job: styles.py knows the style files, collation.py the order and
where a list may be cut, pandoc_run.py one pandoc process, batch_jobs.py the batches on
their way (kept references reused, the rest formatted). citeproc's disambiguation costs
time growing with the square of the references it formats together (APA's given-name
rule made a batch of 1,000 cost 6 s, of which 1 s formatting), and only references whose
first authors share a name can be told apart by it, so small groups give the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from factdb.export.batch_jobs import Batch, Reader, formatted_batches
from factdb.export.collation import BATCH_SIZE, GROUP_SIZE, batches, groups, name_key, sort_key
from factdb.export.kept import Store
from factdb.export.pandoc_run import RenderError, Run, for_style, link, nocite
from factdb.export.styles import OUTPUTS, STYLES, groups_by_name, order_style

__all__ = [
    "BATCH_SIZE", "GROUP_SIZE", "NOCASE", "OUTPUTS", "STYLES", "Batch", "Reader", "RenderError",
    "Run", "batches", "bibliography", "entries_of", "for_style", "formatted_batches",
    "groups", "groups_by_name", "link", "name_key", "nocite", "order_style", "sort_key",
]  # fmt: skip

NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.DOTALL)
_HTML_ENTRY = re.compile(r'<div id="ref-[^"]*" class="csl-entry"[^>]*>\n?(.*?)\n?</div>', re.DOTALL)


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
