"""Read CSL-JSON as Zotero, Mendeley, pandoc and citeproc write it.

Items are read one by one with the JSON decoder's own positions, so that every problem
names its line without searching the text again (linear in the size of the file).
Values of the wrong JSON type (`"author": 5`, `date-parts` holding `null`) are left out
with a note instead of failing.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from factdb.declarations.document import DOCUMENT
from factdb.documents import AuthorSpec, DocumentInput
from factdb.export import crosswalk
from factdb.importer import dates
from factdb.importer.bibtex import doi as read_doi
from factdb.importer.model import ImportProblem, Reference
from factdb.importer.names import clean_csl_names, csl_name, without_et_al
from factdb.importer.values import one_line
from factdb.text import clean, is_web_url
from factdb.vocab import CSL_CLOSEST, DOCUMENT_TYPES, DocumentType

#: CSL type -> document type, as the exporters map them (factdb.vocab.DOCUMENT_TYPES).
TYPES = {names.csl: kind for kind, names in reversed(DOCUMENT_TYPES.items())} | CSL_CLOSEST
GENRES = {names.genre.casefold(): kind for kind, names in DOCUMENT_TYPES.items() if names.genre}
#: The item types CSL 1.0.2 defines; any other is a mistake, read as what factdb can tell.
CSL_ITEM_TYPES = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
        "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
        "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
        "personal_communication", "post", "post-weblog", "regulation", "report", "review",
        "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    }
)  # fmt: skip
#: The declared fields read from their CSL variables.
MAPPED = [spec for spec in DOCUMENT.bibliographic if spec.csl]
#: Variables read into the document; every other variable is kept, as it was, in `extra`.
#: CSL's name variables besides `author`, kept as they were but for stray commas.
NAME_VARIABLES = frozenset(
    {
        "editor", "translator", "container-author", "collection-editor", "composer",
        "director", "editorial-director", "illustrator", "interviewer", "original-author",
        "recipient", "reviewed-author", "chair", "compiler", "contributor", "curator",
        "executive-producer", "guest", "host", "narrator", "organizer", "performer",
        "producer", "script-writer", "series-creator",
    }
)  # fmt: skip
READ_VARIABLES = {
    "id", "type", "title", "author", "container-title", "publisher", "genre", "issued",
    "accessed", "URL", "DOI", "language", "custom", *(spec.csl for spec in MAPPED),
}  # fmt: skip
_DECODER = json.JSONDecoder()
#: Half of a surrogate pair, which JSON can escape (`\ud800`) and no database stores.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def items(text: str) -> tuple[list[tuple[int, object]], list[ImportProblem]]:
    """The top-level items with their line numbers (a single object counts as one item)."""
    start = len(text) - len(text.lstrip())
    line = text.count("\n", 0, start) + 1
    try:
        if text[start : start + 1] != "[":
            value, _ = _DECODER.raw_decode(text, start)
            return [(line, value)], []
        found: list[tuple[int, object]] = []
        position, line, counted = start + 1, 1, 0
        while True:
            while position < len(text) and text[position] in " \t\r\n,":
                position += 1
            if position >= len(text):
                raise json.JSONDecodeError("the list is never closed with ]", text, position)
            if text[position] == "]":
                return found, []
            line += text.count("\n", counted, position)
            counted = position
            value, position = _DECODER.raw_decode(text, position)
            found.append((line, value))
    except json.JSONDecodeError as exc:
        return [], [ImportProblem(exc.lineno, "", f"not valid JSON: {exc.msg}", exc.colno)]
    except ValueError:  # not the JSON but a number longer than Python reads
        limit = sys.get_int_max_str_digits()
        message = f"a number of more than {limit:,} digits, which no reference holds; remove it"
        return [], [ImportProblem(line, "", message)]
    except RecursionError:
        return [], [ImportProblem(None, "", "not valid JSON: nested too deeply")]


HALF_A_PAIR = (
    "a string that is not valid Unicode (half of a surrogate pair, such as \\ud800): "
    "write the whole character, or remove it"
)


def _holds_half_a_pair(item: dict[str, Any]) -> bool:
    """Whether any string of the item, a key or a value at any depth, escapes half a pair."""
    pending: list[Any] = [item]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if not value.isascii() and _LONE_SURROGATE.search(value):
                return True
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


#: What makes a JSON object a reference: one of these variables at least. An object with
#: none of them (a settings file, `{"not": "csl"}`) had become an untitled work named by
#: its stray key; `id` and `note` alone describe nothing.
CSL_ITEM_KEYS = frozenset(
    {"type", "title", "author", "editor", "issued", "container-title", "DOI", "URL", "ISBN",
     "publisher"}
)  # fmt: skip
NOT_AN_ITEM = (
    "not a CSL-JSON item: an item needs at least one of type, title, author, editor, issued, "
    "container-title, DOI, URL, ISBN or publisher"
)


def parse(text: str) -> tuple[list[Reference], list[ImportProblem]]:
    found, problems = items(text)
    references = []
    for index, (line, item) in enumerate(found):
        if not isinstance(item, dict):
            problems.append(ImportProblem(line, f"item {index + 1}", "each item must be a JSON object"))  # fmt: skip
            continue
        if not CSL_ITEM_KEYS & item.keys():
            problems.append(ImportProblem(line, f"item {index + 1}", NOT_AN_ITEM))
            continue
        if _holds_half_a_pair(item):
            problems.append(ImportProblem(line, f"item {index + 1}", HALF_A_PAIR))
            continue
        references.append(_reference(line, index, item))
    return references, problems


def _text(reference: Reference, item: dict[str, Any], key: str, *, address: bool = False) -> str:
    """A variable as one line of text; an address (URL, DOI) keeps its `&…;` as written."""
    value = item.get(key)
    if value is None or value == "":
        return ""
    if isinstance(value, (bool, dict, list)):
        reference.note(f"{key} is not text and was left out")
        return ""
    return " ".join(clean(str(value)).split()) if address else one_line(str(value))


def _reference(line: int, index: int, item: dict[str, Any]) -> Reference:
    reference = Reference(line, _label(item.get("id"), index), DocumentInput(title=""))
    reference.key = item["id"] if isinstance(item.get("id"), str) else ""
    document = reference.document
    # In this order: the notes about values of the wrong kind follow the file's reading.
    document.title = _text(reference, item, "title")
    document.doc_type = _doc_type(reference, item)
    for spec in MAPPED:
        if spec.csl in item:
            setattr(document, spec.name, _text(reference, item, spec.csl))
    document.container_title = _text(reference, item, "container-title")
    document.publisher = _text(reference, item, "publisher")
    _read_dates(reference, item)
    document.url = reference.first_url(_text(reference, item, "URL", address=True).split(), "URL")
    document.doi = read_doi(_text(reference, item, "DOI", address=True))
    document.language = _text(reference, item, "language")
    _read_custom(reference, item.get("custom"))
    reference.authors.extend(_authors(reference, item.get("author", [])))
    reference.extra.update(_unread(item))
    _drop_crossed(reference)
    return reference


def _drop_crossed(reference: Reference) -> None:
    """Leave out the keywords and abstract factdb's export wrote from another format's kept
    field (`crosswalk`), which the item's custom extra carries back already."""
    written = reference.extra.get("keyword")
    if written and crosswalk.keywords(reference.kept, "csl.keyword") == crosswalk.split_keywords(
        written
    ):
        del reference.extra["keyword"]
    summary = reference.extra.get("abstract")
    if isinstance(summary, str) and " ".join(summary.split()) == crosswalk.abstract(
        reference.kept, ("csl.abstract",)
    ):
        del reference.extra["abstract"]


def _label(raw_id: object, index: int) -> str:
    """The item's id as people see it, or its place in the file when it has none."""
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        return str(raw_id)
    return f"item {index + 1}"


def _doc_type(reference: Reference, item: dict[str, Any]) -> DocumentType:
    """The type, made more precise by the genre (a report whose genre is "Press release"); a
    type CSL does not define is named in a note with what it was read as."""
    csl_type = _text(reference, item, "type")
    kind = GENRES.get(
        _text(reference, item, "genre").casefold(), TYPES.get(csl_type, DocumentType.OTHER)
    )
    if not csl_type:
        reference.note(f"no type; read as {kind.label.lower()}")
    elif csl_type not in CSL_ITEM_TYPES:
        reference.note(f"type {csl_type!r} is not a CSL type; read as {kind.label.lower()}")
    elif kind.csl_type != csl_type and TYPES.get(csl_type, DocumentType.OTHER) is kind:
        # Kept so that the CSL-JSON export gives the item its own type back.
        reference.extra["type"] = csl_type
    return kind


def _read_dates(reference: Reference, item: dict[str, Any]) -> None:
    """Read when the document was published and, as a full date only, when it was accessed."""
    document = reference.document
    if "issued" in item:
        read = dates.read_csl_date(item["issued"], "issued")
        document.published = read.value
        reference.note(read.note)
    if "accessed" in item:
        read = dates.read_csl_date(item["accessed"], "accessed")
        document.accessed = dates.as_date(read.value)
        if read.value and document.accessed is None:
            reference.note(f"access date {read.value} is not a full date and was left out")
        else:
            reference.note(read.note)


def _read_custom(reference: Reference, custom: object) -> None:
    """Read what factdb's own export puts under `custom`: undated, archive address, kept fields."""
    if not isinstance(custom, dict):
        return
    reference.document.undated = custom.get("undated") is True
    kept = custom.get("extra")
    if isinstance(kept, dict):
        # Fields of other formats that an earlier import kept, exported by factdb.
        reference.kept.update({k: v for k, v in kept.items() if isinstance(v, str)})
    archive = custom.get("archive-url")
    if isinstance(archive, str) and is_web_url(archive.strip()):
        reference.document.archive_url = archive.strip()


def _authors(reference: Reference, authors: object) -> list[AuthorSpec]:
    """The authors that have a name, with a note for each left out."""
    if not isinstance(authors, list):
        reference.note("author is not a list of names and was left out")
        return []
    named = []
    last = authors[-1] if authors else None
    if isinstance(last, dict) and isinstance(last.get("literal"), str):
        # A literal name may end in "et al.": the name, and "and others".
        literal = without_et_al(reference, [last["literal"]])
        authors = authors[:-1] + ([{**last, "literal": literal[0]}] if literal else [])
    for value in authors:
        author = csl_name(value)
        if author is None:
            reference.note("an author without a name was left out")
        else:
            named.append(author)
    return named


def _unread(item: dict[str, Any]) -> dict[str, str]:
    """The variables factdb does not read, kept as they were (JSON for anything but text)."""
    return {
        key: value
        if isinstance(value, str)
        else json.dumps(
            clean_csl_names(value) if key in NAME_VARIABLES else value, ensure_ascii=False
        )
        for key, value in item.items()
        if key not in READ_VARIABLES and value not in (None, "", [], {})
    }
