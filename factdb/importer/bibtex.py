"""Read BibTeX and BibLaTeX as JabRef, Zotero, Mendeley and people write them.

bibtexparser splits the file into blocks; values are read here (so that field names in
any case, `#` concatenation, @string macros defined anywhere and duplicate keys work),
then LaTeX becomes text with pylatexenc. An entry that cannot be read at all refuses the
file with its key and line; anything that can be kept is kept, with a note for the rest.
"""

from __future__ import annotations

import json
import logging
import re

import bibtexparser
from bibtexparser import model

from factdb.declarations.document import DOCUMENT
from factdb.documents import DocumentInput
from factdb.export.bibtex_names import NAME_LISTS, read_names, split_names
from factdb.export.bibtex_title import VERBATIM_FIELDS as VERBATIM
from factdb.export.bibtex_title import protect_case
from factdb.importer import crossref, dates, identifiers
from factdb.importer.braces import counted_as_bibtex
from factdb.importer.latex import _closing, latex_to_text, protected_spans, read_latex, text
from factdb.importer.latex_commands import defined_commands, expand_commands
from factdb.importer.model import Expansion, ImportProblem, Reference
from factdb.importer.names import bibtex_name, editors_as_csl, without_et_al
from factdb.text import TITLE_PROTECTED, bare_doi, clean, is_web_url
from factdb.vocab import DOCUMENT_TYPES, DocumentType

__all__ = ["doi", "latex_to_text", "parse", "resolve", "text"]
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
#: Entry types that are no work of their own (biber never prints an @xdata; an @set's members
#: are entries of the file too).
_NOT_WORKS = {"xdata", "set"}
#: An entry opened with its first field and no key, as EndNote writes them: `@article{ author =`.
_KEYLESS = re.compile(
    r"(@\s*(?!string\b|preamble\b|comment\b)[A-Za-z]+\s*\{)(?=\s*[A-Za-z][\w:.+-]*\s*=)", re.I
)
#: The key such an entry is read with (a private-use character no file writes), then dropped.
_NO_KEY = "\ue010"
_MONTH_MACROS = {m: m for m in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")}  # fmt: skip

#: Entry type -> document type, as Zotero and Better BibTeX read them (an @article is a
#: journal article unless its entrysubtype says newspaper or magazine).
TYPES = {
    "article": DocumentType.JOURNAL_ARTICLE,
    "online": DocumentType.WEB_PAGE,
    "electronic": DocumentType.WEB_PAGE,
    "www": DocumentType.WEB_PAGE,
    "webpage": DocumentType.WEB_PAGE,
    "report": DocumentType.REPORT,
    "techreport": DocumentType.REPORT,
    "book": DocumentType.BOOK,
    "mvbook": DocumentType.BOOK,
    "collection": DocumentType.BOOK,
    "mvcollection": DocumentType.BOOK,
    "proceedings": DocumentType.BOOK,
    "mvproceedings": DocumentType.BOOK,
    # A reference work (an encyclopedia, a dictionary) is a book, and an entry in it a chapter.
    "reference": DocumentType.BOOK,
    "mvreference": DocumentType.BOOK,
    "inbook": DocumentType.CHAPTER,
    "bookinbook": DocumentType.CHAPTER,
    "suppbook": DocumentType.CHAPTER,
    "incollection": DocumentType.CHAPTER,
    "suppcollection": DocumentType.CHAPTER,
    "inreference": DocumentType.CHAPTER,
    "inproceedings": DocumentType.CONFERENCE_PAPER,
    "conference": DocumentType.CONFERENCE_PAPER,
    "thesis": DocumentType.THESIS,
    "phdthesis": DocumentType.THESIS,
    "mastersthesis": DocumentType.THESIS,
    "masterthesis": DocumentType.THESIS,  # a common misspelling, read as biber cannot
    "dataset": DocumentType.DATASET,
    "jurisdiction": DocumentType.LEGAL_CASE,
    "legislation": DocumentType.LEGISLATION,
    "legal": DocumentType.LEGISLATION,
    "patent": DocumentType.PATENT,
}
_SUBTYPES = {"newspaper": DocumentType.NEWS_ARTICLE, "magazine": DocumentType.MAGAZINE_ARTICLE}
#: Types whose `number` is the issue of a periodical; elsewhere it is a report's or bill's number.
_PERIODICALS = {
    DocumentType.JOURNAL_ARTICLE,
    DocumentType.NEWS_ARTICLE,
    DocumentType.MAGAZINE_ARTICLE,
}
#: The declared fields read from their BibTeX or BibLaTeX names.
MAPPED = [spec for spec in DOCUMENT.bibliographic if spec.bibtex or spec.biblatex]
#: Values of `type` (biblatex) that name a factdb type more precisely than the entry type.
GENRES = {names.genre.casefold(): kind for kind, names in DOCUMENT_TYPES.items() if names.genre}
#: Where the container's title is, in order (`howpublished` may hold only a `\url`).
_CONTAINERS = ("journaltitle", "journal", "booktitle", "howpublished")
#: Who published it, in order; an entry's organization comes last.
_PUBLISHERS = ("publisher", "institution", "school")
_ACCESSED_NOTE = re.compile(
    r"\b(?:last\s+)?(?:accessed|visited|retrieved)(?:\s+on)?\s*:?\s*(.+?)\.?$", re.IGNORECASE
)
_ARCHIVED = re.compile(r"^Archived at\s+\\url\{([^}]*)\}\s*$")
#: Fields read into the document itself; every other field is kept as it was, in `extra`.
READ_FIELDS = {
    "title", "author", "journaltitle", "journal", "booktitle", "howpublished", "publisher",
    "institution", "organization", "date", "year", "month", "day", "url", "doi", "urldate",
    "archiveurl", "archive_url", "langid", "language", "type", "entrysubtype", "school",
    *(name for spec in MAPPED for name in (spec.bibtex, spec.biblatex) if name),
}  # fmt: skip


def resolve(raw: str, strings: dict[str, str], expansion: Expansion | None = None) -> str:
    """A raw BibTeX value: {braced}, "quoted", a number, a macro, or pieces joined by #.

    Each macro's text is counted against `expansion`, the file's limit on what macros add.
    """
    pieces: list[str] = []
    rest = raw.strip()
    while rest:
        if rest[0] == "{":
            end = _closing(rest, 0)
            if end < 0:
                pieces.append(rest[1:])
                break
            pieces.append(rest[1:end])
            rest = rest[end + 1 :]
        elif rest[0] == '"':
            end, depth = 1, 0
            while end < len(rest) and (rest[end] != '"' or depth > 0):
                depth += {"{": 1, "}": -1}.get(rest[end], 0)
                end += 1
            pieces.append(rest[1:end])
            rest = rest[end + 1 :]
        else:
            word, _, rest = rest.partition("#")
            word = word.strip()
            found = strings.get(word.casefold())
            if found is not None and expansion is not None:
                expansion.spend(found)
            pieces.append(word if found is None else found)
            rest = "#" + rest if rest else ""
        rest = rest.strip()
        if rest.startswith("#"):
            rest = rest[1:].strip()
        elif rest:
            # Text after a closed value without `#`: keep it rather than lose it.
            pieces.append(rest)
            break
    return "".join(pieces)


def _entries(text_: str) -> tuple[list[tuple[model.Entry, str]], list[ImportProblem]]:
    # bibtexparser also logs each failed block; the problems below say the same, once.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    numbered = iter(range(1, len(text_)))
    text_ = _KEYLESS.sub(lambda match: f"{match.group(1)}{_NO_KEY}{next(numbered)},", text_)
    library = bibtexparser.parse_string(text_, parse_stack=[])
    problems: list[ImportProblem] = []
    entries: list[tuple[model.Entry, str]] = [(entry, "") for entry in library.entries]
    for block in library.failed_blocks:
        recovered = getattr(block, "ignore_error_block", None)
        if isinstance(block, model.DuplicateBlockKeyBlock) and isinstance(recovered, model.Entry):
            entries.append((recovered, f"the key {recovered.key!r} is used by another entry too"))
        elif isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(recovered, model.Entry):
            entries.append((recovered, ""))
        else:
            problems.append(_problem(block))
    entries.sort(key=lambda pair: pair[0].start_line or 0)
    return entries, problems


def _problem(block: model.Block) -> ImportProblem:
    line = (getattr(block, "start_line", None) or 0) + 1
    raw = (getattr(block, "raw", "") or "").strip()
    match = re.match(r"@\w+\s*[{(]\s*([^,\s]*)", raw)
    key = getattr(block, "key", "") or (match.group(1) if match else "")
    error = getattr(block, "error", None)
    message = getattr(error, "abort_reason", "") or (str(error) if error is not None else "")
    if not message:
        message = "the entry cannot be read (look for a missing comma, brace or quote)"
    return ImportProblem(line, key, " ".join(message.split()))


def parse(source: str) -> tuple[list[Reference], list[ImportProblem]]:
    entries, problems = _entries(source := counted_as_bibtex(source))
    library = bibtexparser.parse_string(source, parse_stack=[])
    strings, expansion = dict(_MONTH_MACROS), Expansion(len(source))
    for string in library.strings:
        strings[string.key.casefold()] = resolve(string.value, strings, expansion)
    commands = defined_commands(" ".join(resolve(p.value, strings) for p in library.preambles))
    read = [_start(entry, strings, warning, expansion, commands) for entry, warning in entries]
    crossref.inherit([item for _, item in read], expansion.spend)
    # An @xdata entry only lends its fields, and an @set only groups entries read on their own.
    references = [_reference(ref, item) for ref, item in read if item.entry_type not in _NOT_WORKS]
    return references, problems


def _published(fields: dict[str, str]) -> dates.ReadDate:
    """Read `date`, or `year`/`month`/`day`; a `date` whose year disagrees with `year` loses.

    Conference files put a day range in `date` ("1-2 April, 2001") beside a plain `year`: when
    the two disagree the `year` field is the one the author meant.
    """
    by_parts = dates.read_bibtex_date(
        text(fields.get("year", "")), text(fields.get("month", "")), text(fields.get("day", ""))
    )
    if not fields.get("date"):
        return by_parts
    read = dates.read_edtf(text(fields["date"]))
    if by_parts.value and read.value[:4] != by_parts.value[:4]:
        left_out = f"date {text(fields['date'])!r} disagrees with the year and was left out"
        return dates.ReadDate(by_parts.value, "; ".join(filter(None, [left_out, by_parts.note])))
    return read


def _start(
    entry: model.Entry,
    strings: dict[str, str],
    warning: str,
    expansion: Expansion,
    commands: dict[str, str],
) -> tuple[Reference, crossref.Entry]:
    """The reference to fill, and the entry's fields as read (before any are inherited)."""
    key = "" if entry.key.startswith(_NO_KEY) else entry.key
    reference = Reference((entry.start_line or 0) + 1, key, DocumentInput(title=""))
    reference.key = key
    reference.note(warning)
    fields = _fields(reference, entry, strings, expansion)
    fields = {
        k: v if k in VERBATIM else expand_commands(v, commands, expansion.spend)
        for k, v in fields.items()
    }
    return reference, crossref.Entry(entry.entry_type.casefold(), entry.key, fields, reference.note)


def _reference(reference: Reference, entry: crossref.Entry) -> Reference:
    fields, entry_type = entry.fields, entry.entry_type
    reference.note("@masterthesis read as @mastersthesis" if entry_type == "masterthesis" else "")
    _note_unknown_commands(reference, fields)
    document = reference.document
    document.title = text(fields.get("title", ""))
    _keep_protected(reference, fields.get("title", ""))
    document.url = clean(reference.first_url(_urls(fields), "url"))
    document.doi = doi(fields.get("doi", ""))
    genre = text(fields.get("type", "")).casefold()
    document.doc_type = _doc_type(entry_type, genre, fields, has_url=bool(document.url))
    _read_mapped(document, fields)
    if genre and genre not in GENRES and genre not in ("report", "techreport"):
        reference.extra["type"] = text(fields["type"])
    _read_container(document, fields, entry_type)
    _read_dates(reference, fields)
    document.archive_url = _take_archive_url(fields)
    document.language = text(fields.get("langid") or fields.get("language", ""))
    raw_names = without_et_al(reference, split_names(fields.get("author", "")))
    names = (bibtex_name(name, text) for name in raw_names)
    reference.authors.extend(author for author in names if author is not None)
    _read_editors(reference, fields.get("editor", ""))
    reference.extra.update(
        {
            key: value.strip() if key in VERBATIM else _kept_text(key, value)
            for key, value in fields.items()
            if key not in READ_FIELDS and value.strip()
        }
    )
    return reference


def _kept_text(key: str, value: str) -> str:
    """A field kept as text; a name list keeps the braces that make an organisation one name."""
    return read_names(value, text) if key in NAME_LISTS else text(value)


def _note_unknown_commands(reference: Reference, fields: dict[str, str]) -> None:
    """Name each LaTeX command read without a text of its own (its arguments' text is kept)."""
    for key, value in fields.items():
        if key in VERBATIM:
            continue
        for command in read_latex(value)[1]:
            reference.note(f"unknown LaTeX command \\{command}: its text was kept")


def _keep_protected(reference: Reference, title: str) -> None:
    """Keep what the file braced in the title, so that the export braces that (and acronyms)
    rather than every capitalised word; kept only where the two would differ."""
    spans = protected_spans(title)
    written = reference.document.title
    if protect_case(written, spans) != protect_case(written):
        reference.kept[TITLE_PROTECTED] = json.dumps(spans, ensure_ascii=False)


def _read_editors(reference: Reference, value: str) -> None:
    """Keep the editors as CSL editors, so that a book with only editors is cited by them
    ("Quill, M. (Ed.)") in every style; the field itself stays in extra for BibTeX."""
    editors = editors_as_csl(bibtex_name(name, text) for name in split_names(value))
    if editors:
        reference.kept["csl.editor"] = editors


def _fields(
    reference: Reference, entry: model.Entry, strings: dict[str, str], expansion: Expansion
) -> dict[str, str]:
    """The entry's fields by lower-case name, values resolved; a second field of a name is noted."""
    fields: dict[str, str] = {}
    for item in entry.fields:
        key = item.key.strip().casefold()
        raw = item.value
        value = resolve(raw, strings, expansion) if isinstance(raw, str) else str(raw)
        if key not in fields:
            fields[key] = value
        elif text(value) != text(fields[key]):
            reference.note(f"a second {key} field was left out")
    return fields


def _urls(fields: dict[str, str]) -> list[str]:
    """The web addresses in `url`, else the one in `howpublished = {\\url{…}}`, else BibDesk's
    first link (`bdsk-url-1`), which is all a BibDesk entry often has (kept in extra as well)."""
    urls = fields.get("url", "").split()
    if urls:
        return [identifiers.unescape_address(url) for url in urls]
    match = re.search(r"\\url\{([^}]*)\}", fields.get("howpublished", ""))
    return [match.group(1)] if match else fields.get("bdsk-url-1", "").split()[:1]


def _doc_type(
    entry_type: str, genre: str, fields: dict[str, str], *, has_url: bool
) -> DocumentType:
    """The entry type, made more precise by `type` (genre), then by a newspaper or magazine subtype."""
    kind = TYPES.get(entry_type, DocumentType.WEB_PAGE if has_url else DocumentType.OTHER)
    kind = GENRES.get(genre, kind)
    subtype = _SUBTYPES.get(fields.get("entrysubtype", "").strip().casefold())
    if subtype and entry_type in ("article", "online", "misc"):
        kind = subtype
    return kind


def _read_mapped(document: DocumentInput, fields: dict[str, str]) -> None:
    """Read the declared fields, BibLaTeX's name first (the type must be known: `number` depends on it)."""
    for spec in MAPPED:
        value = fields.get(spec.biblatex) or fields.get(spec.bibtex) or ""
        value = text(value.replace("--", "-") if spec.name == "pages" else value)
        setattr(document, spec.name, value)
    # `number` is a periodical's issue, or else a report's or bill's own number.
    if document.doc_type in _PERIODICALS:
        document.number = ""
        if not document.issue and fields.get("issue", "").strip():
            # Zotero writes an article's issue as `issue`, which BibTeX styles do not read;
            # taken here (and out of the fields kept as they were) so that styles print 5(1).
            document.issue = text(fields.pop("issue"))
    else:
        document.issue = ""


def _read_container(document: DocumentInput, fields: dict[str, str], entry_type: str) -> None:
    """Read where the document appeared (journal, book, website) and who published it."""
    container = next((fields[key] for key in _CONTAINERS if fields.get(key)), "")
    organization = fields.get("organization", "")
    if not container and entry_type in ("online", "electronic", "www") and organization:
        # An online entry's organization is the website (where Better BibTeX puts it).
        container, organization = organization, ""
    document.container_title = "" if container.lstrip().startswith("\\url") else text(container)
    publisher = next((fields[key] for key in _PUBLISHERS if fields.get(key)), organization)
    document.publisher = text(publisher)


def _read_dates(reference: Reference, fields: dict[str, str]) -> None:
    """Read when the document was published, and `urldate` as a full date only."""
    read = _published(fields)
    reference.document.published = read.value
    reference.note(read.note)
    if fields.get("urldate"):
        accessed = dates.read_edtf(text(fields["urldate"]))
        reference.document.accessed = dates.as_date(accessed.value)
        if reference.document.accessed is None:
            reference.note(f"access date {text(fields['urldate'])!r} was left out")
        return
    # Plain BibTeX has no access date, so people end the note with it ("Last accessed
    # 2019-10-15", "(Archived) Accessed: 3 March 2020"); a note that says only that is taken.
    note = text(fields.get("note", "")).strip()
    said = _ACCESSED_NOTE.search(note)
    accessed_on = dates.as_date(dates.read_edtf(said.group(1)).value) if said else None
    if said and accessed_on is not None:
        reference.document.accessed = accessed_on
        if said.start() == 0:
            fields.pop("note")


def _take_archive_url(fields: dict[str, str]) -> str:
    """The archived copy's address; an `Archived at \\url{…}` addendum is read, so taken out."""
    archived = _ARCHIVED.match(fields.get("addendum", "").strip())
    if archived:
        fields.pop("addendum")
    archive = clean(fields.get("archiveurl") or fields.get("archive_url", "")) or (
        archived.group(1) if archived else ""
    )
    return archive if is_web_url(archive) else ""


def doi(value: str) -> str:
    """A DOI without the resolver or `doi:` prefix that files often carry (see `bare_doi`)."""
    return bare_doi(clean(identifiers.unescape_address(value)))
