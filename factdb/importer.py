"""Import references from BibTeX, RIS and CSL-JSON files (as Zotero exports them).

Parsing either succeeds for the whole file or fails naming every entry and line at
fault; nothing is written then. Each reference is matched to an existing document
(same DOI, same URL, or same title and year) before anything is created, so that
importing the same file twice creates nothing the second time.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date

import bibtexparser
import rispy
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from pylatexenc.latex2text import LatexNodes2Text
from sqlalchemy.orm import Session

from factdb.documents import AuthorSpec, DocumentInput, create_document, find_same_document
from factdb.errors import ValidationFailed
from factdb.export.bibtex import _LATEX_ESCAPES, latex_unescape
from factdb.models import Document, User
from factdb.text import clean, is_web_url, parse_partial_date
from factdb.vocab import DocumentType, SourceKind

FORMATS = ("bibtex", "ris", "csl-json")
MAX_BYTES = 8 * 1024 * 1024


@dataclass
class ImportProblem:
    line: int | None
    entry: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}{f' ({self.entry})' if self.entry else ''}: {self.message}"


class ImportFailed(ValidationFailed):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        lines = "; ".join(str(problem) for problem in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"Nothing was imported. {lines}{more}")
        self.problems = problems


@dataclass
class Reference:
    """One parsed entry, ready to become a document."""

    line: int
    label: str
    document: DocumentInput
    authors: list[AuthorSpec] = field(default_factory=list)


@dataclass
class PlanItem:
    reference: Reference
    #: The existing document this reference is the same as, or None to create one.
    match: Document | None = None
    #: Why it matched: "DOI", "URL", "title and year", or "earlier in this file".
    reason: str = ""
    duplicate_of: int | None = None

    @property
    def action(self) -> str:
        return "create" if self.match is None and self.duplicate_of is None else "match"


# ----------------------------------------------------------------------------- reading


def decode(data: bytes) -> str:
    """Read bytes as UTF-8 (a byte-order mark is fine); anything else is refused."""
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            [ImportProblem(None, "", f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            [ImportProblem(line, "", "The file is not UTF-8 text; save it as UTF-8 and try again.")]
        ) from exc


def detect_format(text: str, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith((".bib", ".bibtex")):
        return "bibtex"
    if name.endswith(".ris"):
        return "ris"
    if name.endswith((".json", ".csljson")):
        return "csl-json"
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return "csl-json"
    if re.match(r"TY  -", stripped):
        return "ris"
    if stripped.startswith("@") or re.search(r"^\s*@\w+\s*\{", text, re.MULTILINE):
        return "bibtex"
    raise ImportFailed(
        [
            ImportProblem(
                None,
                "",
                "Cannot tell the format; name it (bibtex, ris or csl-json) or use a .bib, .ris or .json file.",
            )
        ]
    )


def parse(text: str, format_name: str) -> list[Reference]:
    """Parse a whole file; raise ImportFailed listing every problem."""
    format_name = "bibtex" if format_name == "biblatex" else format_name
    if format_name not in FORMATS:
        raise ImportFailed(
            [
                ImportProblem(
                    None, "", f"Unknown format {format_name!r}; use bibtex, ris or csl-json."
                )
            ]
        )
    if not text.strip():
        raise ImportFailed([ImportProblem(None, "", "The file is empty.")])
    parser = {"bibtex": _parse_bibtex, "ris": _parse_ris, "csl-json": _parse_csl_json}[format_name]
    references, problems = parser(text)
    for reference in references:
        problems += _check(reference)
    if problems:
        raise ImportFailed(problems)
    if not references:
        raise ImportFailed([ImportProblem(None, "", "The file holds no references.")])
    return references


def _check(reference: Reference) -> list[ImportProblem]:
    problems = []
    document = reference.document
    if not clean(document.title):
        problems.append(ImportProblem(reference.line, reference.label, "the entry has no title"))
    for name in ("url", "archive_url"):
        value = getattr(document, name)
        if value and not is_web_url(value):
            problems.append(
                ImportProblem(reference.line, reference.label, f"{value!r} is not a web address")
            )
            setattr(document, name, "")
    try:
        parse_partial_date(document.published)
    except ValueError as exc:
        problems.append(
            ImportProblem(
                reference.line, reference.label, f"bad date {document.published!r}: {exc}"
            )
        )
    return problems


_latex = LatexNodes2Text(math_mode="verbatim")
_OWN_ESCAPES = sorted(_LATEX_ESCAPES.items(), key=lambda item: -len(item[1]))


def latex_to_text(value: str) -> str:
    """Read a BibTeX value as text: factdb's own escapes exactly, any other LaTeX via pylatexenc."""
    probe = value
    for _, escaped in _OWN_ESCAPES:
        probe = probe.replace(escaped, "")
    if "\\" not in probe and "{" not in probe and "}" not in probe:
        return latex_unescape(value)
    # Foreign LaTeX (accents, protective braces): keep our escapes out of pylatexenc's way.
    protected = value
    for index, (_, escaped) in enumerate(_OWN_ESCAPES):
        protected = protected.replace(escaped, f"\ue000{index}\ue001")
    text = _latex.latex_to_text(protected)
    for index, (char, _) in enumerate(_OWN_ESCAPES):
        text = text.replace(f"\ue000{index}\ue001", char)
    return text


def _tex(value: str) -> str:
    return clean(latex_to_text(value))


BIBTEX_TYPES = {
    "article": DocumentType.NEWS_ARTICLE,
    "online": DocumentType.WEB_PAGE,
    "electronic": DocumentType.WEB_PAGE,
    "www": DocumentType.WEB_PAGE,
    "report": DocumentType.REPORT,
    "techreport": DocumentType.REPORT,
    "book": DocumentType.BOOK,
    "inbook": DocumentType.BOOK,
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def _bibtex_date(fields: dict[str, str]) -> str:
    if fields.get("date"):
        return fields["date"][:10]
    year = fields.get("year", "").strip()
    if not year:
        return ""
    month = fields.get("month", "").strip().lower()[:3]
    number = _MONTHS.get(month) or (int(month) if month.isdigit() else None)
    if not number:
        return year
    day = fields.get("day", "").strip()
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if day.isdigit() else "")


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10].replace("/", "-"))
    except ValueError:
        return None


def _bibtex_problem(block: object) -> ImportProblem:
    line = (getattr(block, "start_line", None) or 0) + 1
    raw = (getattr(block, "raw", "") or "").strip()
    match = re.match(r"@\w+\s*\{\s*([^,\s]*)", raw)
    key = getattr(block, "key", "") or (match.group(1) if match else "")
    error = getattr(block, "error", None)
    message = getattr(error, "abort_reason", "") or (str(error) if error is not None else "")
    if not message:
        message = "the entry cannot be read (look for a missing comma, brace or quote)"
    return ImportProblem(line, key, " ".join(message.split()))


def _parse_bibtex(text: str) -> tuple[list[Reference], list[ImportProblem]]:
    # bibtexparser also logs each failed block; the problems below say the same, once.
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    library = bibtexparser.parse_string(
        text, append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    problems = [_bibtex_problem(block) for block in library.failed_blocks]
    references = []
    for entry in library.entries:
        fields = {f.key.lower(): f.value for f in entry.fields}
        raw = {key: value for key, value in fields.items() if isinstance(value, str)}
        doc_type = BIBTEX_TYPES.get(
            entry.entry_type.lower(),
            DocumentType.WEB_PAGE if raw.get("url") else DocumentType.OTHER,
        )
        genre = _tex(raw.get("type", ""))
        if genre.lower() == "press release":
            doc_type = DocumentType.PRESS_RELEASE
        authors = []
        for name in fields.get("author", []) or []:
            last = " ".join(name.last)
            if not name.first and last.startswith("{") and last.endswith("}"):
                authors.append(AuthorSpec(_tex(last[1:-1]), SourceKind.ORGANISATION))
                continue
            family = _tex(" ".join([*name.von, *name.last]))
            given = _tex(" ".join(name.first))
            if not given and " " in family:
                authors.append(AuthorSpec(family, SourceKind.ORGANISATION))
                continue
            authors.append(
                AuthorSpec(f"{given} {family}".strip(), SourceKind.PERSON, family, given)
            )
        container = (
            raw.get("journaltitle")
            or raw.get("journal")
            or raw.get("booktitle")
            or raw.get("howpublished", "")
        )
        accessed = _iso_date(raw.get("urldate", ""))
        document = DocumentInput(
            title=_tex(raw.get("title", "")),
            doc_type=doc_type,
            container_title=_tex(container) if not container.startswith("\\url") else "",
            publisher=_tex(
                raw.get("publisher") or raw.get("institution") or raw.get("organization", "")
            ),
            published=_bibtex_date(raw),
            url=clean(raw.get("url", "")),
            doi=clean(raw.get("doi", "")),
            accessed=accessed,
            archive_url=_tex(raw.get("archiveurl") or raw.get("archive_url", "")),
            language=_tex(raw.get("langid") or raw.get("language", "")),
        )
        references.append(Reference((entry.start_line or 0) + 1, entry.key, document, authors))
    return references, problems


RIS_TYPES = {
    "NEWS": DocumentType.NEWS_ARTICLE,
    "MGZN": DocumentType.NEWS_ARTICLE,
    "ELEC": DocumentType.WEB_PAGE,
    "WEB": DocumentType.WEB_PAGE,
    "BLOG": DocumentType.WEB_PAGE,
    "RPRT": DocumentType.REPORT,
    "GOVDOC": DocumentType.REPORT,
    "BOOK": DocumentType.BOOK,
    "PRESS": DocumentType.PRESS_RELEASE,
    "SOUND": DocumentType.SPEECH,
    "PCOMM": DocumentType.INTERVIEW,
}
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -( (.*))?$")


def _ris_date(value: str) -> str:
    parts = [part for part in value.strip().split("/") if part]
    if not parts:
        return ""
    if len(parts[0]) != 4:
        return value.strip()
    return "-".join([parts[0], *(f"{int(p):02d}" for p in parts[1:3] if p.isdigit())])


def _parse_ris(text: str) -> tuple[list[Reference], list[ImportProblem]]:
    problems: list[ImportProblem] = []
    open_at: int | None = None
    starts: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _RIS_LINE.match(line.rstrip())
        if not match:
            if open_at is None:
                problems.append(ImportProblem(number, "", f"not an RIS line: {line[:60]!r}"))
            continue  # a continuation of the previous value
        tag = match.group(1)
        if tag == "TY":
            if open_at is not None:
                problems.append(
                    ImportProblem(open_at, "", "this record has no ER line before the next TY")
                )
            open_at = number
            starts.append(number)
        elif tag == "ER":
            if open_at is None:
                problems.append(ImportProblem(number, "", "ER without a TY before it"))
            open_at = None
        elif open_at is None:
            problems.append(
                ImportProblem(number, "", f"{tag} outside a record (records start with TY)")
            )
    if open_at is not None:
        problems.append(ImportProblem(open_at, "", "the last record has no ER line"))
    if problems:
        return [], problems
    references = []
    for start, entry in zip(starts, rispy.loads(text), strict=False):
        authors = []
        for name in [*entry.get("authors", []), *entry.get("first_authors", [])]:
            if "," in name:
                family, given = (part.strip() for part in name.split(",", 1))
                authors.append(
                    AuthorSpec(f"{given} {family}".strip(), SourceKind.PERSON, family, given)
                )
            else:
                authors.append(AuthorSpec(clean(name), SourceKind.ORGANISATION))
        notes = entry.get("notes", [])
        archive = next(
            (n.removeprefix("Archived at ").strip() for n in notes if n.startswith("Archived at ")),
            "",
        )
        genre = entry.get("type_of_work", "")
        doc_type = RIS_TYPES.get(entry.get("type_of_reference", ""), DocumentType.OTHER)
        if genre.lower() == "press release":
            doc_type = DocumentType.PRESS_RELEASE
        date_value = (
            _ris_date(entry.get("date", ""))
            or (entry.get("year") or entry.get("publication_year", ""))[:4]
        )
        document = DocumentInput(
            title=clean(entry.get("title") or entry.get("primary_title", "")),
            doc_type=doc_type,
            container_title=clean(entry.get("secondary_title") or entry.get("journal_name", "")),
            publisher=clean(entry.get("publisher", "")),
            published=date_value,
            url=clean((entry.get("urls") or [""])[0]),
            doi=clean(entry.get("doi", "")),
            accessed=_iso_date(_ris_date(entry.get("access_date", ""))),
            archive_url=archive,
            language=clean(entry.get("language", "")),
        )
        references.append(
            Reference(start, entry.get("id", "") or document.title[:40], document, authors)
        )
    return references, problems


CSL_TYPES = {
    "article-newspaper": DocumentType.NEWS_ARTICLE,
    "article-magazine": DocumentType.NEWS_ARTICLE,
    "webpage": DocumentType.WEB_PAGE,
    "post": DocumentType.SOCIAL_POST,
    "post-weblog": DocumentType.WEB_PAGE,
    "report": DocumentType.REPORT,
    "interview": DocumentType.INTERVIEW,
    "speech": DocumentType.SPEECH,
    "book": DocumentType.BOOK,
}


def _csl_date(value: object) -> str:
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [int(p) for p in parts[0][:3]]
        return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(numbers))
    raw = value.get("raw") or value.get("literal") or ""
    return str(raw)[:10] if re.match(r"^\d{4}(-\d{2}){0,2}", str(raw)) else ""


def _parse_csl_json(text: str) -> tuple[list[Reference], list[ImportProblem]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [ImportProblem(exc.lineno, "", f"not valid JSON: {exc.msg}")]
    items = data if isinstance(data, list) else [data]
    problems: list[ImportProblem] = []
    references = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(
                ImportProblem(None, f"item {index + 1}", "each item must be a JSON object")
            )
            continue
        label = str(item.get("id", f"item {index + 1}"))
        line = _line_of(text, label, index)
        authors = []
        for name in item.get("author", []) or []:
            if not isinstance(name, dict):
                problems.append(
                    ImportProblem(line, label, 'an author must be an object like {"family": …}')
                )
                continue
            if name.get("literal"):
                authors.append(AuthorSpec(clean(str(name["literal"])), SourceKind.ORGANISATION))
            else:
                family = clean(
                    " ".join(
                        filter(
                            None,
                            [
                                str(name.get("non-dropping-particle", "")),
                                str(name.get("family", "")),
                            ],
                        )
                    )
                )
                given = clean(str(name.get("given", "")))
                authors.append(
                    AuthorSpec(f"{given} {family}".strip(), SourceKind.PERSON, family, given)
                )
        custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
        genre = str(item.get("genre", ""))
        doc_type = CSL_TYPES.get(str(item.get("type", "")), DocumentType.OTHER)
        if genre.lower() == "press release":
            doc_type = DocumentType.PRESS_RELEASE
        accessed = _csl_date(item.get("accessed"))
        document = DocumentInput(
            title=clean(str(item.get("title", ""))),
            doc_type=doc_type,
            container_title=clean(str(item.get("container-title", ""))),
            publisher=clean(str(item.get("publisher", ""))),
            published=_csl_date(item.get("issued")),
            undated=bool(custom.get("undated")),
            url=clean(str(item.get("URL", ""))),
            doi=clean(str(item.get("DOI", ""))),
            accessed=_iso_date(accessed) if len(accessed) == 10 else None,
            archive_url=clean(str(custom.get("archive-url", ""))),
            language=clean(str(item.get("language", ""))),
        )
        references.append(Reference(line, label, document, authors))
    return references, problems


def _line_of(text: str, label: str, index: int) -> int:
    found = text.find(json.dumps(label))
    if found < 0:
        return 0
    return text.count("\n", 0, found) + 1


# ----------------------------------------------------------------------------- matching and writing


def _norm_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def plan(session: Session, references: list[Reference]) -> list[PlanItem]:
    """Decide for each reference whether it is already in the database (or earlier in the file)."""
    items = []
    seen: dict[str, int] = {}
    for index, reference in enumerate(references):
        document = reference.document
        item = PlanItem(reference)
        keys = []
        if document.doi:
            keys.append(("DOI", f"doi:{document.doi.lower()}"))
        if document.url:
            keys.append(("URL", f"url:{_norm_url(document.url)}"))
        keys.append(
            ("title and year", f"title:{document.title.casefold()}|{document.published[:4]}")
        )
        for _reason, key in keys:
            if key in seen:
                item.duplicate_of, item.reason = seen[key], "earlier in this file"
                break
        if item.duplicate_of is None:
            item.match, item.reason = _existing(session, document)
        for _, key in keys:
            seen.setdefault(key, index)
        items.append(item)
    return items


def _existing(session: Session, document: DocumentInput) -> tuple[Document | None, str]:
    return find_same_document(session, document)


@dataclass
class ImportResult:
    created: list[Document]
    matched: int


def apply(session: Session, user: User | None, items: list[PlanItem]) -> ImportResult:
    """Create the documents the plan calls for, in the caller's transaction."""
    created = []
    for item in items:
        if item.action != "create":
            continue
        reference = item.reference
        reference.document.authors = list(reference.authors)
        try:
            created.append(create_document(session, user, reference.document))
        except ValidationFailed as error:
            raise ImportFailed(
                [
                    ImportProblem(reference.line, reference.label, message)
                    for message in error.fields.values()
                ]
            ) from error
    return ImportResult(created, len(items) - len(created))


def import_references(
    session: Session,
    user: User | None,
    data: bytes,
    *,
    format_name: str = "",
    filename: str = "",
    dry_run: bool = False,
) -> tuple[list[PlanItem], ImportResult | None]:
    """Read, match and (unless dry_run) write a reference file in one go."""
    text = decode(data)
    references = parse(text, format_name or detect_format(text, filename))
    items = plan(session, references)
    return items, None if dry_run else apply(session, user, items)
