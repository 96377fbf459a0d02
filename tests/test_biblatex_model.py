"""The table of fields each BibLaTeX type takes matches the data model biblatex ships."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from factdb.export.biblatex_model import TAKEN_BY, WRITTEN_TYPES, refuses

_DECLARED = re.compile(r"\\DeclareDatamodelEntryfields(?:\[([^\]]*)\])?\{([^}]*)\}")


def _shipped_model() -> dict[str, set[str]]:
    """Entry type ("*" for every type) -> the fields biblatex's blx-dm.def lets it take."""
    found = subprocess.run(["kpsewhich", "blx-dm.def"], capture_output=True, text=True, check=True)
    text = Path(found.stdout.strip()).read_text(encoding="utf-8")
    fields_of: dict[str, set[str]] = {}
    for types, fields in _DECLARED.findall(text):
        names = {name.strip() for name in fields.replace("%", "").split(",") if name.strip()}
        for entry_type in (types or "*").split(","):
            fields_of.setdefault(entry_type.strip(), set()).update(names)
    return fields_of


def test_the_table_is_the_shipped_data_model_for_every_type_factdb_writes():
    model = _shipped_model()
    every = model.pop("*")
    refused_somewhere = {
        name: frozenset(t for t in WRITTEN_TYPES if name in model.get(t, ()))
        for name in set().union(*model.values()) - every
    }
    refused_somewhere = {k: v for k, v in refused_somewhere.items() if v != WRITTEN_TYPES}
    assert refused_somewhere == TAKEN_BY


def test_refused_fields_by_type_and_by_their_bibtex_names():
    assert refuses("holder", "misc") and not refuses("holder", "patent")
    assert refuses("volumes", "misc") and not refuses("volumes", "collection")
    assert refuses("bookauthor", "book") and not refuses("bookauthor", "inbook")
    assert refuses("IssueTitle", "misc") and not refuses("issuetitle", "article")
    assert refuses("school", "misc") and not refuses("school", "phdthesis")
    assert not refuses("keywords", "misc") and not refuses("adsurl", "misc")
    assert not refuses("holder", "unpublished")  # a type the table does not cover
