"""Read RIS as EndNote, Zotero, Mendeley, JabRef and databases write it.

Read line by line (rispy reads only `TY  - ` with two spaces and gives no line numbers):
one or two spaces before the dash, record-number lines (`1.`), continuation lines,
several UR lines, the journal in JF, JO, JA, J2 or T2, and dates like `2004///`.
A broken structure (a tag outside a record, a record without ER) refuses the file,
because the lines of one record could then be read into another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput
from factdb.importer import dates
from factdb.importer.bibtex import doi as read_doi
from factdb.importer.model import ImportProblem, Reference
from factdb.importer.names import ris_name
from factdb.text import clean, is_web_url
from factdb.vocab import DOCUMENT_TYPES, DocumentType

_TAG = re.compile(r"^\s*([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$")
_RECORD_NUMBER = re.compile(r"^\s*\d+\.?\s*$")

#: RIS type -> document type, as the exporter writes them and Zotero reads them.
TYPES = {names.ris: kind for kind, names in reversed(DOCUMENT_TYPES.items())} | {
    "WEB": DocumentType.WEB_PAGE,
    "BLOG": DocumentType.WEB_PAGE,
    "GOVDOC": DocumentType.REPORT,
    "EBOOK": DocumentType.BOOK,
    "ECHAP": DocumentType.CHAPTER,
    "EJOUR": DocumentType.JOURNAL_ARTICLE,
    "CPAPER": DocumentType.CONFERENCE_PAPER,
    "CONF": DocumentType.CONFERENCE_PAPER,
    "BILL": DocumentType.LEGISLATION,
    "PRESS": DocumentType.PRESS_RELEASE,
    "SOUND": DocumentType.SPEECH,
    "PCOMM": DocumentType.INTERVIEW,
    "AGGR": DocumentType.OTHER,
    "GEN": DocumentType.OTHER,
}
#: Type of work (M3) values that name a factdb type more precisely than TY does.
GENRES = {names.genre.casefold(): kind for kind, names in DOCUMENT_TYPES.items() if names.genre}
#: The declared fields read from their tags (SP with EP as the page range; SN as the ISBN
#: of a book or chapter, else the ISSN).
MAPPED = [spec for spec in DOCUMENT.bibliographic if spec.ris]
_BOOKS = {DocumentType.BOOK, DocumentType.CHAPTER}
#: Tags read into the document; every other tag is kept, as it was, in `extra`.
READ_TAGS = {
    "TY", "ER", "TI", "T1", "CT", "BT", "T2", "JF", "JO", "JA", "J1", "J2", "AU", "A1",
    "PY", "Y1", "DA", "Y2", "UR", "DO", "PB", "LA", "M3", "N1", "AN", "ID", "EP",
    *(spec.ris for spec in MAPPED),
}  # fmt: skip


@dataclass
class Record:
    line: int
    tags: dict[str, list[str]] = field(default_factory=dict)

    def first(self, *names: str) -> str:
        for name in names:
            for value in self.tags.get(name, []):
                if value.strip():
                    return value.strip()
        return ""


def records(text: str) -> tuple[list[Record], list[ImportProblem]]:
    """Split RIS text into records of tag -> values, checking that every record is closed."""
    problems: list[ImportProblem] = []
    found: list[Record] = []
    current: Record | None = None
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TAG.match(line.rstrip())
        if not match:
            if current is not None and last is not None:
                values = current.tags[last]
                values[-1] = f"{values[-1]} {line.strip()}".strip()
            elif not _RECORD_NUMBER.match(line):
                problems.append(ImportProblem(number, "", f"not an RIS line: {line[:60]!r}"))
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current is not None:
                problems.append(
                    ImportProblem(current.line, "", "this record has no ER line before the next TY")
                )
            current, last = Record(number, {"TY": [value]}), "TY"
        elif tag == "ER":
            if current is None:
                problems.append(ImportProblem(number, "", "ER without a TY before it"))
            else:
                found.append(current)
            current, last = None, None
        elif current is None:
            problems.append(
                ImportProblem(number, "", f"{tag} outside a record (records start with TY)")
            )
        else:
            current.tags.setdefault(tag, []).append(value)
            last = tag
    if current is not None:
        problems.append(ImportProblem(current.line, "", "the last record has no ER line"))
    return found, problems


def parse(text: str) -> tuple[list[Reference], list[ImportProblem]]:
    found, problems = records(text)
    if problems:
        return [], problems
    return [_reference(record) for record in found], []


def _reference(record: Record) -> Reference:
    ris_type = record.first("TY").upper()
    title = record.first("TI", "T1", "CT") or (record.first("BT") if ris_type == "BOOK" else "")
    label = record.first("ID") or title[:40]
    reference = Reference(record.line, label, DocumentInput(title=" ".join(clean(title).split())))
    document = reference.document
    genre = record.first("M3")
    document.doc_type = GENRES.get(genre.casefold(), TYPES.get(ris_type, DocumentType.OTHER))
    if ris_type not in TYPES and genre.casefold() not in GENRES:
        reference.note(f"RIS type {ris_type or '(none)'} read as {document.doc_type.label.lower()}")
    journal = record.first("JF", "T2", "JO", "BT" if ris_type != "BOOK" else "", "JA", "J1", "J2")
    document.container_title = clean(journal)
    document.publisher = clean(record.first("PB"))
    for spec in MAPPED:
        setattr(document, spec.name, " ".join(clean(record.first(spec.ris)).split()))
    end = record.first("EP")
    if end and document.pages and "-" not in document.pages:
        document.pages = f"{document.pages}-{clean(end)}"
    if document.doc_type in _BOOKS:
        document.issn = ""
    else:
        document.isbn = ""
    read = _date(record)
    document.published = read.value
    reference.note(read.note)
    accessed = record.first("Y2")
    if accessed:
        read_accessed = dates.read_ris_date(accessed)
        document.accessed = dates.as_date(read_accessed.value)
        if document.accessed is None:
            reference.note(f"access date {accessed!r} was left out")
    urls = [url for value in record.tags.get("UR", []) for url in value.split()]
    if len(urls) > 1:
        reference.note(f"kept the first of {len(urls)} web addresses; the others are under extra")
        reference.extra["UR"] = " ".join(urls[1:])
    document.url = clean(urls[0]) if urls else ""
    document.doi = read_doi(record.first("DO"))
    document.language = clean(record.first("LA"))
    archive = record.first("AN")
    notes = record.tags.get("N1", [])
    archived = next((n.removeprefix("Archived at ").strip() for n in notes if n.startswith("Archived at ")), "")  # fmt: skip
    if is_web_url(archive):
        document.archive_url = archive
    elif is_web_url(archived):
        document.archive_url = archived
    for value in [*record.tags.get("AU", []), *record.tags.get("A1", [])]:
        author = ris_name(value)
        if author is not None:
            reference.authors.append(author)
    for tag, values in record.tags.items():
        kept = [value for value in values if value.strip()]
        if tag == "AN" and document.archive_url == archive:
            continue
        if tag == "N1":
            kept = [value for value in kept if not value.startswith("Archived at ")]
        if (tag not in READ_TAGS or tag in ("AN", "N1")) and kept:
            reference.extra[tag] = "\n".join(kept)
    return reference


def _date(record: Record) -> dates.ReadDate:
    """The fullest of DA, PY and Y1 (PY often carries only the year, DA the day).

    A DA or Y1 whose year disagrees with PY's (a conference's day range misread, a typo) is
    left out with a note: PY is the publication year the whole record is filed under.
    """
    read = {
        tag: dates.read_ris_date(value)
        for tag in ("DA", "PY", "Y1")
        if (value := record.first(tag))
    }
    year = read["PY"].value[:4] if "PY" in read else ""
    kept = [one for one in read.values() if not year or one.value[:4] in ("", year)]
    best = max(kept, key=lambda one: len(one.value), default=dates.ReadDate(""))
    disagreeing = [tag for tag, one in read.items() if one not in kept]
    if disagreeing:
        note = f"{'/'.join(disagreeing)} disagrees with the year PY {year} and was left out"
        return dates.ReadDate(best.value, "; ".join(filter(None, [note, best.note])))
    return best
