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
from factdb.documents import AuthorSpec, DocumentInput
from factdb.importer import dates
from factdb.importer.bibtex import doi as read_doi
from factdb.importer.model import ImportProblem, Reference
from factdb.importer.names import editors_as_csl, ris_name, without_et_al
from factdb.importer.untitled import describe_untitled
from factdb.importer.values import one_line
from factdb.text import clean, is_web_url
from factdb.vocab import DOCUMENT_TYPES, DocumentType

_TAG = re.compile(r"^\s*([A-Z][A-Z0-9]) {1,2}-(?: (.*)|\s*)$")
#: Tags whose continuation lines are values of their own: EndNote writes a record's keywords
#: (and, more rarely, its names) under one tag, a line each.
_LINE_A_VALUE = frozenset({"KW", "AU", "A1", "A2", "A3", "A4"})
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
    "EDBOOK": DocumentType.BOOK,
    "AGGR": DocumentType.OTHER,
    "GEN": DocumentType.OTHER,
}
#: Types as some managers write them, spelt out as EndNote names them, and their RIS code.
SPELT_OUT = {
    "JOURNAL ARTICLE": "JOUR",
    "ELECTRONIC ARTICLE": "EJOUR",
    "MAGAZINE ARTICLE": "MGZN",
    "NEWSPAPER ARTICLE": "NEWS",
    "BOOK": "BOOK",
    "EDITED BOOK": "EDBOOK",
    "ELECTRONIC BOOK": "EBOOK",
    "BOOK SECTION": "CHAP",
    "CONFERENCE PAPER": "CPAPER",
    "CONFERENCE PROCEEDINGS": "CONF",
    "THESIS": "THES",
    "REPORT": "RPRT",
    "GOVERNMENT DOCUMENT": "GOVDOC",
    "WEB PAGE": "ELEC",
    "BLOG": "BLOG",
    "PRESS RELEASE": "PRESS",
    "PERSONAL COMMUNICATION": "PCOMM",
    "CASE": "CASE",
    "STATUTE": "STAT",
    "BILL": "BILL",
    "PATENT": "PAT",
    "DATASET": "DATA",
    "GENERIC": "GEN",
}
#: What each RIS type is called, for an untitled record's title ("Personal communication").
#: A generic record is a "work", as BibTeX's @misc is: one untitled item read from either
#: file is one document ("[Untitled generic]" beside "[Untitled work]" made it two).
_TYPE_NAMES = {code: name for name, code in SPELT_OUT.items()} | {"GEN": "work"}
#: Type of work (M3) values that name a factdb type more precisely than TY does.
GENRES = {names.genre.casefold(): kind for kind, names in DOCUMENT_TYPES.items() if names.genre}
#: The declared fields read from their tags (SP with EP as the page range; SN as the ISBN
#: of a book or chapter, else the ISSN).
MAPPED = [spec for spec in DOCUMENT.bibliographic if spec.ris]
_BOOKS = {DocumentType.BOOK, DocumentType.CHAPTER}
#: The tags that name editors, by type, as Zotero writes and reads them: A2 for the editors of
#: a chapter, a paper or an article, A3 for a book's (whose A2 is its series editor); ED for
#: any type. A2 elsewhere is someone else (a presentation's presenter, a bill's sponsor).
_EDITOR_TAGS = {
    DocumentType.CHAPTER: ("A2", "ED"),
    DocumentType.CONFERENCE_PAPER: ("A2", "ED"),
    DocumentType.JOURNAL_ARTICLE: ("A2", "ED"),
    DocumentType.BOOK: ("A3", "ED"),
}
#: A DOI: EndNote writes one in the type of work (M3).
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
#: The tags an abstract is in (no field of a document holds one: they are kept in `extra`).
_ABSTRACTS = ("AB", "N2")
#: The note (N1) that factdb's export writes for the address of an archived copy.
_ARCHIVED = "Archived at "
#: Tags read only when they hold the archive address; otherwise kept in `extra` too.
_PARTLY_READ = ("AN", "N1")
#: Tags read into the document; every other tag is kept, as it was, in `extra`.
READ_TAGS = {
    "TY", "ER", "TI", "T1", "CT", "BT", "T2", "JF", "JO", "JA", "J1", "J2", "AU", "A1",
    "PY", "Y1", "DA", "Y2", "UR", "DO", "PB", "LA", "N1", "AN", "ID", "EP",
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


def records(text: str) -> tuple[list[Record], list[ImportProblem], list[int]]:
    """Split RIS text into records of tag -> values, checking that every record is closed;
    also give the numbers of the lines of text outside any record, which are skipped.

    Tags between an ER and the next TY that the record just closed lacks are that record's:
    a library database's export (Ovid's) writes the journal's abbreviation (NL) and a line of
    links there, and refusing them refused the whole file. A line of text before the first
    record or between two (a heading, a stray word) is no part of any reference: refusing it
    refused the whole file, even with --skip-invalid.
    """
    problems: list[ImportProblem] = []
    outside: list[int] = []
    found: list[Record] = []
    current: Record | None = None
    last: str | None = None
    closed: Record | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TAG.match(line.rstrip())
        if not match:
            holder = current if current is not None else closed
            if current is None and _RECORD_NUMBER.match(line):
                continue
            if holder is not None and last is not None:
                values = holder.tags[last]
                if last in _LINE_A_VALUE:
                    values.append(line.strip())
                else:
                    values[-1] = f"{values[-1]} {line.strip()}".strip()
            else:
                outside.append(number)
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current is not None:
                problems.append(
                    ImportProblem(current.line, "", "this record has no ER line before the next TY")
                )
            current, last, closed = Record(number, {"TY": [value]}), "TY", None
        elif tag == "ER":
            if current is None:
                problems.append(ImportProblem(number, "", "ER without a TY before it"))
            else:
                found.append(current)
            closed, current, last = current, None, None
        elif current is None and closed is not None and tag not in closed.tags:
            # A tag the record has already is a record that lost its TY: still refused.
            closed.tags[tag] = [value]
            last = tag
        elif current is None:
            problems.append(
                ImportProblem(number, "", f"{tag} outside a record (records start with TY)")
            )
        else:
            current.tags.setdefault(tag, []).append(value)
            last = tag
    if current is not None:
        problems.append(ImportProblem(current.line, "", "the last record has no ER line"))
    return found, problems, outside


def parse(text: str) -> tuple[list[Reference], list[ImportProblem]]:
    found, problems, outside = records(text)
    if problems:
        return [], problems
    references = [_reference(record) for record in found]
    if outside and references:
        # Said with the first record after the text (else the last), as every note is said.
        after = next((ref for ref in references if ref.line > outside[0]), references[-1])
        lines = text.splitlines()
        after.note(
            f"skipped text outside any record ({line_numbers(outside)}): "
            f"{lines[outside[0] - 1].strip()[:60]!r}"
        )
    return references, []


def line_numbers(numbers: list[int]) -> str:
    """Line numbers as a reader takes them in: "line 1", "lines 1–3, 9"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    spans = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    return f"line{'s' if len(numbers) > 1 else ''} {', '.join(spans)}"


def _reference(record: Record) -> Reference:
    ris_type = record.first("TY").upper()
    ris_type = SPELT_OUT.get(" ".join(ris_type.split()), ris_type)
    title = one_line(
        record.first("TI", "T1", "CT") or (record.first("BT") if ris_type == "BOOK" else "")
    )
    # A record with only a short title (ST) is cited by it rather than refused for no title.
    short_title = not title and bool(title := one_line(record.first("ST")))
    # An ID is a bare number as often as not: "(ID 954)" says what the number is.
    label = f"ID {record.first('ID')}" if record.first("ID") else title[:40]
    reference = Reference(record.line, label, DocumentInput(title=title))
    reference.key = record.first("ID")
    document = reference.document
    document.doc_type = _doc_type(reference, ris_type, record.first("M3"))
    # BT is a book's own title, and the title of the book that holds anything else.
    journal = record.first("JF", "T2", "JO", "BT" if ris_type != "BOOK" else "", "JA", "J1", "J2")
    document.container_title = one_line(journal)
    document.publisher = one_line(record.first("PB"))
    read_volume = _read_mapped(document, record)
    if document.doc_type is DocumentType.PATENT:
        # A patent's IS is its number (a patent has no issue).
        document.number, document.issue = document.number or document.issue, ""
    _read_dates(reference, record)
    urls = [url for value in record.tags.get("UR", []) for url in value.split()]
    document.url = clean(reference.first_url(urls, "UR"))
    document.doi = read_doi(record.first("DO"))
    genre = record.first("M3")
    read_genre = genre.casefold() in GENRES or _doi_in_m3(reference, genre)
    document.language = one_line(record.first("LA"))
    document.archive_url = _archive_url(record)
    reference.authors.extend(_authors(reference, record))
    editor_tags = _EDITOR_TAGS.get(document.doc_type, ("ED",))
    editors = editors_as_csl(ris_name(v) for tag in editor_tags for v in record.tags.get(tag, []))
    if editors:
        reference.kept["csl.editor"] = editors
    archived = document.archive_url == record.first("AN")
    read = (*editor_tags, "ST") if short_title else editor_tags
    read += ("VO",) * read_volume
    reference.extra.update(_unread(record, archive_read=archived, read=read + ("M3",) * read_genre))
    for tag in _ABSTRACTS:
        if tag in reference.extra:
            reference.note(f"the abstract ({tag}) is kept under other fields, as ris.{tag}")
    if not clean(title):
        describe_untitled(reference, _TYPE_NAMES.get(ris_type) or document.doc_type.label)
    return reference


def _doi_in_m3(reference: Reference, genre: str) -> bool:
    """Read a DOI in the type of work (M3), where EndNote writes it, as the DOI when DO gives
    none (or the same); whether it was read."""
    found = read_doi(genre)
    if not _DOI.match(found) or reference.document.doi.casefold() not in ("", found.casefold()):
        return False
    if not reference.document.doi:
        reference.document.doi = found
        reference.note(f"M3 {found!r} read as the DOI")
    return True


def _doc_type(reference: Reference, ris_type: str, genre: str) -> DocumentType:
    """The type of work (M3) when it names a factdb type, else TY's, with a note for an unknown TY."""
    kind = GENRES.get(genre.casefold(), TYPES.get(ris_type, DocumentType.OTHER))
    if ris_type not in TYPES and genre.casefold() not in GENRES:
        reference.note(f"RIS type {ris_type or '(none)'} read as {kind.label.lower()}")
    return kind


def _read_mapped(document: DocumentInput, record: Record) -> bool:
    """Read the declared fields from their tags (the type must be known: SN depends on it);
    whether the volume came from VO, where some managers write it when VL is empty."""
    for spec in MAPPED:
        setattr(document, spec.name, one_line(record.first(spec.ris)))
    read_volume = not document.volume and bool(record.first("VO"))
    if read_volume:
        document.volume = one_line(record.first("VO"))
    end = record.first("EP")
    if end and document.pages and "-" not in document.pages:
        document.pages = f"{document.pages}-{one_line(end)}"
    if document.doc_type in _BOOKS:
        document.issn = ""
    else:
        document.isbn = ""
    return read_volume


def _read_dates(reference: Reference, record: Record) -> None:
    """Read when the document was published and, as a full date only, when it was accessed (Y2)."""
    read = _date(record)
    reference.document.published = read.value
    reference.note(read.note)
    accessed = record.first("Y2")
    if accessed:
        reference.document.accessed = dates.as_date(dates.read_ris_date(accessed).value)
        if reference.document.accessed is None:
            reference.note(f"access date {accessed!r} was left out")


def _archive_url(record: Record) -> str:
    """The address of an archived copy: AN when it is one, else an "Archived at" note (N1)."""
    archive = record.first("AN")
    if is_web_url(archive):
        return archive
    notes = record.tags.get("N1", [])
    archived = next(
        (n.removeprefix(_ARCHIVED).strip() for n in notes if n.startswith(_ARCHIVED)), ""
    )
    return archived if is_web_url(archived) else ""


def _authors(reference: Reference, record: Record) -> list[AuthorSpec]:
    written = without_et_al(reference, [*record.tags.get("AU", []), *record.tags.get("A1", [])])
    names = (ris_name(value) for value in written)
    return [author for author in names if author is not None]


def _unread(record: Record, *, archive_read: bool, read: tuple[str, ...]) -> dict[str, str]:
    """The tags not read, kept as they were; of AN and N1, what did not become the archive
    address; `read` names the tags this record's type reads beyond READ_TAGS."""
    extra: dict[str, str] = {}
    for tag, values in record.tags.items():
        if (tag == "AN" and archive_read) or tag in read:
            continue
        kept = [v for v in values if v.strip() and not (tag == "N1" and v.startswith(_ARCHIVED))]
        if kept and (tag not in READ_TAGS or tag in _PARTLY_READ):
            extra[tag] = "\n".join(kept)
    return extra


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
