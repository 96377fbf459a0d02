"""An article's authors: the ones given, else those its HTML meta tags or its byline name.

They are proposed on the review page, where the reader may change them, and recorded by
`factdb ingest` when no --author is given. Only a clear byline counts: a line of its own
near the top ("By Jane Roe and Tom Reyes", "By JANE ROE | Harbour Desk"), of names alone,
each a person's (factdb.intake.byline_names), the outlet after them left out.
A recorded article keeps the authors it has: the intake never replaces them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factdb.article_text import html_to_text, looks_like_html
from factdb.capture.extract import page_authors
from factdb.documents import DocumentInput
from factdb.importer.matching import find_same_document
from factdb.intake.byline_names import is_agency, is_person_name
from factdb.models import Document, DocumentAuthor
from factdb.text import clean_line

#: How many of the article's first lines a byline may stand on (headline, standfirst, date first).
BYLINE_LINES = 6
#: A name in a byline: one to five words, each capitalised but for particles ("van", "de").
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|den|da|del|di|du|la|le|bin|al)){0,4}"
_AND = r"(?i:\band\b)|&"
_BYLINE = re.compile(rf"^(?:By|BY)\s+(?P<names>{_NAME}(?:\s*(?:,|{_AND})\s*{_NAME})*)$")
#: Where a byline's names end: a bar, a dash, or a comma before a date ("By Jane Roe, 3 May").
_TAIL = re.compile(r"\s*(?:\||\s[–—-]\s|[–—]|,(?=[^,]*\d)).*$")
_SEPARATOR = re.compile(rf"\s*(,|{_AND})\s*")
#: What follows a comma in a byline that is the writer's post, not another writer.
_POSTS = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|staff|journalist|columnist|contributor|"
    r"desk|bureau|team)s?$",
    re.IGNORECASE,
)
#: "By Monday", "By March": a byline's first word is no day or month.
_WHEN = {name.casefold() for name in (*calendar.day_name, *calendar.month_name) if name}


def byline_authors(raw: str) -> list[str]:
    """The authors an article names for itself: its author meta tags, else its byline line."""
    if looks_like_html(raw):
        named = _one_each(name for name in page_authors(raw) if not is_agency(name))
        if named:
            return named
        raw = html_to_text(raw)
    lines = [line.strip() for line in raw[:5000].splitlines() if line.strip()]
    for line in lines[:BYLINE_LINES]:
        names = _names(line)
        if names:
            return names
    return []


def _names(line: str) -> list[str]:
    """The writers a byline line names, or none when the line is no byline."""
    match = _BYLINE.match(_TAIL.sub("", " ".join(line.split())).rstrip(" ,;"))
    if match is None:
        return []
    parts = _SEPARATOR.split(match.group("names"))
    if parts[0].split()[0].casefold() in _WHEN:
        return []
    names = []
    for piece in _writers(parts):
        if _POSTS.search(piece) or is_agency(piece):
            continue  # "Staff Writer", or a wire service ("By Jane Roe and AP")
        if not is_person_name(piece):
            return []  # "By Popular Demand", "By Air and Sea": a phrase, not a byline
        names.append(piece.title() if piece.isupper() else piece)
    return names


def _writers(parts: list[str]) -> list[str]:
    """A byline's pieces that may be writers: after a comma that ends them, the outlet or the
    post ("By Jane Roe, Harwick Gazette"; "By Jane Roe and Tom Reyes, Harwick Gazette")."""
    separators = parts[1::2]
    listed = any(separator != "," for separator in separators)  # "A, B and C" lists writers
    pieces, joined = [parts[0]], False
    for separator, piece in zip(separators, parts[2::2], strict=True):
        if separator == "," and (joined or not listed):
            break
        joined = joined or separator != ","
        pieces.append(piece)
    return pieces


def _one_each(names: Iterable[str]) -> list[str]:
    """Names once each, "Roe, Jane" being "Jane Roe" (author and citation_author meta tags)."""
    seen: dict[str, str] = {}
    for name in names:
        family, _, given = name.partition(",")
        key = " ".join(f"{given} {family}" if given.strip() else name).split()
        seen.setdefault(" ".join(key).casefold(), name)
    return list(seen.values())


def proposed_authors(raw: str, given: Iterable[str]) -> list[str]:
    """The authors to propose for an article: those given, else the ones it names itself."""
    typed = [clean_line(name) for name in given if clean_line(name)]
    return typed or byline_authors(raw)


def recorded_authors(session: Session, document_id: int) -> list[str]:
    """A recorded document's authors, in order, as it writes them."""
    return [
        author.written_name
        for author in session.scalars(
            select(DocumentAuthor)
            .where(DocumentAuthor.document_id == document_id)
            .order_by(DocumentAuthor.position)
            .options(selectinload(DocumentAuthor.source))
        )
    ]


def authors_left_out(recorded: list[str], given: Iterable[object]) -> list[str]:
    """The authors given for a recorded article that differ from the ones it keeps (none when
    none were given or they are the same): the caller says they were not recorded."""
    typed = [clean_line(name) for name in given if isinstance(name, str) and clean_line(name)]
    same = [_author_key(name) for name in typed] == [_author_key(name) for name in recorded]
    return [] if same or not typed else typed


def _author_key(name: str) -> str:
    """A name folded for comparing authors: "Quill, Mara" is Mara Quill and "Staff, Harwick
    Wire" is Harwick Wire Staff, whatever the case, spacing or punctuation."""
    family, comma, given = name.partition(",")
    words = f"{given} {family}" if comma and given.strip() else name
    return " ".join(re.sub(r"[^\w\s]", " ", words).casefold().split())


def same_article(session: Session, document: DocumentInput) -> tuple[Document | None, str]:
    """The recorded document this article is (same DOI, URL, or title and year), and why.

    Its authors are left out of the comparison: an import tells two documents apart by their
    authors, but a byline read from the text is a proposal, and the same article pasted
    again with other authors is still the same article (it keeps the authors it has).
    """
    return find_same_document(session, replace(document, authors=[]))
