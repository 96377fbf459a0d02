"""Import references from BibTeX, RIS and CSL-JSON files (as reference managers write them).

Reading keeps what can be kept and notes what was read differently or left out; an entry
that cannot be read at all refuses the whole file, naming every entry and line at fault,
and nothing is written then, unless the caller asks to skip such entries and import the rest
(`skip_invalid`), when those problems are handed back instead. Each reference is matched to an existing document (same DOI,
same URL, or same title and year) before anything is created, so that importing the same
file again creates nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from factdb.declarations.base import TEXT, URL
from factdb.declarations.document import DOCUMENT
from factdb.documents import MAX_AUTHORS, extra_too_long
from factdb.importer import bibtex, csl, ris
from factdb.importer.bibtex import latex_to_text
from factdb.importer.encoding import Decoded, decode, decode_file, recoded_note
from factdb.importer.matching import ImportResult, PlanItem, apply, plan
from factdb.importer.model import ImportFailed, ImportProblem, Reference, fail
from factdb.importer.same_person import merge_suggestions, same_people_summary
from factdb.importer.untitled import describe_untitled
from factdb.models import User
from factdb.text import (
    AUTHORS_TRUNCATED,
    CITATION_KEY,
    clean,
    is_citation_key,
    is_web_url,
    parse_partial_date,
)
from factdb.vocab import DocumentType

__all__ = [
    "FORMATS", "Decoded", "ImportFailed", "ImportProblem", "ImportResult", "PlanItem", "Reading", "Reference",
    "apply", "decode", "decode_file", "detect_format", "import_references", "latex_to_text", "merge_suggestions",
    "parse", "plan", "read", "same_people_summary",
]  # fmt: skip

FORMATS = ("bibtex", "ris", "csl-json")
_READERS = {"bibtex": bibtex.parse, "ris": ris.parse, "csl-json": csl.parse}
#: The document's own limits, checked here so that a long value names its entry and line.
_LIMITS = {
    spec.name: spec.max_length
    for spec in DOCUMENT.fields
    if spec.max_length and spec.kind in (TEXT, URL) and spec.name != "full_text"
}

#: Short details whose value over the limit is kept under extra instead of refusing the entry.
_KEPT_WHEN_LONG = frozenset(
    spec.name for spec in DOCUMENT.fields if spec.bibliographic and spec.name in _LIMITS
)
#: What each format calls a detail, so that a value kept under extra goes back out as it came.
_OWN_NAMES = {
    "bibtex": {spec.name: spec.bibtex or spec.biblatex for spec in DOCUMENT.bibliographic},
    "ris": {spec.name: spec.ris for spec in DOCUMENT.bibliographic},
    "csl-json": {spec.name: spec.csl for spec in DOCUMENT.bibliographic},
}


def detect_format(text: str, filename: str = "") -> str:
    """The format a file is in, from its name where that says it, else from its content."""
    name = filename.lower()
    if not text.strip():
        raise fail("The file is empty.")
    if name.endswith((".bib", ".bibtex", ".biblatex")):
        return "bibtex"
    has_record = re.search(r"^\s*TY {1,2}-", text, re.MULTILINE)
    if name.endswith(".ris"):
        if has_record:
            return "ris"
        raise fail(
            "The file holds no RIS record: each opens with a line TY  - (its type) and ends "
            "with ER  - , and no line here opens one."
        )
    if name.endswith(".txt") and has_record:
        return "ris"
    if name.endswith((".json", ".csljson")):
        return "csl-json"
    looks = content_format(text)
    if looks:
        return looks
    raise fail(
        "Cannot tell the format; name it (bibtex, ris or csl-json) or use a .bib, .ris or .json file."
    )


def content_format(text: str) -> str:
    """The format a file's content looks like ("" when none): its name aside."""
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^\s*TY {1,2}-", text, re.MULTILINE):
        return "ris"
    if stripped.startswith("@") or re.search(r"^\s*@\w+\s*[{(]", text, re.MULTILINE):
        return "bibtex"
    return ""


_FORMAT_NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


def _wrong_format(text: str, format_name: str) -> ImportFailed | None:
    """Say which format a file that gave nothing looks like, when not the one asked for.

    Read as the wrong format a file gives no reference, or one error per line; neither says
    that the format chosen was the mistake.
    """
    looks = content_format(text)
    if not looks or looks == format_name:
        return None
    return fail(
        f"The file holds no {_FORMAT_NAMES[format_name]} references, but it looks like "
        f"{_FORMAT_NAMES[looks]}: choose the format {looks} (factdb import --format {looks})."
    )


@dataclass
class Reading:
    """The references read from a file, and the entries skipped for their problems."""

    references: list[Reference]
    skipped: list[ImportProblem] = field(default_factory=list)


def parse(text: str, format_name: str, *, most: int | None = None) -> list[Reference]:
    """Parse a whole file; raise ImportFailed listing every problem, or if it holds more than
    `most` references."""
    return read(text, format_name, most=most).references


def read(
    text: str,
    format_name: str,
    *,
    most: int | None = None,
    skip_invalid: bool = False,
    recoded: Mapping[int, str] | None = None,
) -> Reading:
    """Parse a whole file; raise ImportFailed listing every problem (unless `skip_invalid`,
    which leaves out the entries at fault and names them), or if it holds more than `most`
    references. `recoded` names the lines `decode_file` read as Windows-1252, noted on
    their entries.

    One bad entry in a library of a thousand should not cost the other 999, but only when
    the user says so: by default a file is imported whole or not at all.
    """
    format_name = "bibtex" if format_name == "biblatex" else format_name
    if format_name not in FORMATS:
        raise fail(f"Unknown format {format_name!r}; use bibtex, ris or csl-json.")
    if not text.strip():
        raise fail("The file is empty.")
    references, problems = _READERS[format_name](text)
    _note_recoded(references, recoded or {})
    prefix = "csl" if format_name == "csl-json" else format_name
    if most is not None and len(references) > most:
        raise fail(
            f"The file holds {len(references):,} references; import at most {most:,} at once "
            "here (split the file, or use factdb import on the command line)."
        )
    valid = []
    for reference in references:
        found = _check(reference, _ISBN_NAMES[format_name], _OWN_NAMES[format_name])
        found += _keep_extra(reference, prefix)
        problems += found
        if not found:
            valid.append(reference)
    problems.sort(key=lambda problem: problem.line or 0)
    if not valid and (wrong := _wrong_format(text, format_name)):
        raise wrong
    if problems and not (skip_invalid and valid):
        raise ImportFailed(problems, readable=len(valid))
    if not references:
        raise fail("The file holds no references.")
    return Reading(valid, problems)


def _note_recoded(references: list[Reference], recoded: Mapping[int, str]) -> None:
    """Note on each entry the lines of it that were not UTF-8, so the user checks their accents."""
    starts = sorted(references, key=lambda reference: reference.line)
    lines = [reference.line for reference in starts]
    by_entry: dict[int, dict[int, str]] = {}
    for number, word in recoded.items():
        at = bisect.bisect_right(lines, number) - 1
        if at >= 0:
            by_entry.setdefault(at, {})[number] = word
    for at, found in by_entry.items():
        starts[at].note(recoded_note(found))


def _keep_extra(reference: Reference, prefix: str) -> list[ImportProblem]:
    """Keep what the model has no field for in the document's other fields, if not too long.

    Kept under the format's own name, so that an export in that format writes it back as it
    was; a hostile file would otherwise store megabytes in every entry.
    """
    if is_citation_key(reference.key):
        # Kept so that the exports cite the document as the user's own papers do.
        reference.kept.setdefault(CITATION_KEY, reference.key)
    reference.document.extra = reference.kept | {
        f"{prefix}.{key}": value for key, value in reference.extra.items()
    }
    too_long = extra_too_long(reference.document.extra)
    if not too_long:
        return []
    return [
        ImportProblem(
            reference.line,
            reference.label,
            f"{too_long}: shorten it (or leave it out) in the file or your reference manager "
            "and import again, or import the other entries, skipping this one",
        )
    ]


#: What each format calls the field that holds ISBNs (and, in RIS, ISSNs), for `extra`.
_ISBN_NAMES = {
    "bibtex": {"isbn": "isbn", "issn": "issn"},
    "ris": {"isbn": "SN", "issn": "SN"},
    "csl-json": {"isbn": "ISBN", "issn": "ISSN"},
}
#: One ISBN or ISSN, with or without hyphens: what a list of them is cut into.
_STANDARD_NUMBER = re.compile(r"^(?:97[89]-?)?[0-9][0-9-]{6,15}[0-9Xx]$")


def _first_number(reference: Reference, name: str, kept_as: str) -> None:
    """Keep the first of several ISBNs (or ISSNs) in the field, the others under extra.

    Zotero writes every ISBN of a book (print, e-book, each edition) in one field, separated
    by spaces; together they pass the field's limit, though each one alone is fine.
    """
    value = getattr(reference.document, name)
    numbers = [number for number in re.split(r"[\s,;]+", value) if number]
    if len(numbers) < 2 or not all(_STANDARD_NUMBER.match(number) for number in numbers):
        return
    setattr(reference.document, name, numbers[0])
    others = " ".join(numbers[1:])
    kept = reference.extra.get(kept_as)
    reference.extra[kept_as] = f"{kept} {others}" if kept else others
    reference.note(f"kept the first of {len(numbers)} {name.upper()}s; the others are under extra")


def _check(
    reference: Reference, numbers: dict[str, str], own_names: dict[str, str]
) -> list[ImportProblem]:
    """What would stop the document being saved, named with its entry and line."""
    problems = []
    document = reference.document
    for name, kept_as in numbers.items():
        _first_number(reference, name, kept_as)

    def problem(message: str) -> None:
        problems.append(ImportProblem(reference.line, reference.label, message))

    if not clean(document.title):
        # Refusing the file for one untitled entry (a web address, a thesis noted by its
        # author) cost every other entry; it is recorded under a description, as RIS is.
        kind = "work" if document.doc_type is DocumentType.OTHER else document.doc_type.label
        describe_untitled(reference, kind)
    if len(reference.authors) > MAX_AUTHORS:
        # A collaboration paper can list thousands of authors; the file is still worth
        # importing, so keep the first ones (as "and others" would) and say so.
        reference.note(
            f"kept the first {MAX_AUTHORS} of {len(reference.authors):,} authors "
            "(a document lists at most that many)"
        )
        reference.kept.setdefault(AUTHORS_TRUNCATED, str(len(reference.authors)))
        del reference.authors[MAX_AUTHORS:]
    for name in ("url", "archive_url"):
        value = getattr(document, name)
        if value[:4].casefold() == "www." and is_web_url(f"https://{value}"):
            # Zotero keeps an address typed without its scheme as it was typed.
            value = f"https://{value}"
            setattr(document, name, value)
            reference.note(f"{name.replace('_', ' ')} read as {value[:80]!r}")
        if value and not is_web_url(value):
            reference.note(
                f"{name.replace('_', ' ')} {value[:80]!r} is not a web address; kept under extra"
            )
            reference.extra.setdefault(name, value)
            setattr(document, name, "")
    if len(document.language) > _LIMITS["language"]:
        reference.note(
            f"language {document.language[:80]!r} is not a language code; kept under extra"
        )
        reference.extra.setdefault("language", document.language)
        document.language = ""
    for name, limit in _LIMITS.items():
        value = getattr(document, name)
        if len(value) > limit and name in _KEPT_WHEN_LONG:
            # No volume, issue or page range is that long: it is some other text in the
            # wrong field (a whole reference pasted as the issue); the entry is worth keeping.
            reference.note(
                f"{name.replace('_', ' ')} {value[:60]!r}… is longer than {limit:,} characters; "
                "kept under extra"
            )
            reference.extra.setdefault(own_names.get(name) or name, value)
            setattr(document, name, "")
        elif len(value) > limit:
            problem(f"the {name.replace('_', ' ')} is longer than {limit:,} characters")
    try:
        parse_partial_date(document.published)
    except ValueError as exc:
        problem(f"bad date {document.published!r}: {exc}")
    return problems


def import_references(
    session: Session,
    user: User | None,
    data: bytes,
    *,
    format_name: str = "",
    filename: str = "",
    dry_run: bool = False,
    skip_invalid: bool = False,
) -> tuple[list[PlanItem], ImportResult | None]:
    """Read, match and (unless dry_run) write a reference file in one go.

    With `skip_invalid`, entries that cannot be imported are left out; the result's
    `skipped` names them.
    """
    found = decode_file(data)
    text = found.text
    reading = read(
        text,
        format_name or detect_format(text, filename),
        skip_invalid=skip_invalid,
        recoded=found.recoded,
    )
    items = plan(session, reading.references)
    if dry_run:
        return items, None
    result = apply(session, user, items)
    result.skipped = reading.skipped
    return items, result
