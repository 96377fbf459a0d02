"""CSL-JSON: the one serializer of a document, shared by every citation format.

CSL-JSON is what Zotero, Mendeley and pandoc exchange; BibTeX, RIS and the
formatted styles are all derived from the items built here.
"""

from __future__ import annotations

import re
from typing import Any

from anyascii import anyascii

from factdb.models import Document, Source
from factdb.sources import split_person_name
from factdb.text import date_parts
from factdb.vocab import DocumentType

GENRES = {
    DocumentType.PRESS_RELEASE: "Press release",
    DocumentType.SPEECH: "Speech",
    DocumentType.INTERVIEW: "Interview",
    DocumentType.SOCIAL_POST: "Social media post",
}
_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "and", "to", "at", "by", "with", "from", "le", "la", "les", "der", "die", "das"}  # fmt: skip


def csl_name(source: Source) -> dict[str, str]:
    """A person as {family, given}; an organisation as {literal}, so styles never split it."""
    if source.kind.is_person:
        family, given = source.family_name, source.given_name
        if not family:
            family, given = split_person_name(source.name)
        name = {"family": family}
        if given:
            name["given"] = given
        return name
    return {"literal": source.name}


def _key_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def _author_word(source: Source) -> str:
    name = csl_name(source)
    if "family" in name:
        return _key_word(name["family"])
    words = [_key_word(word) for word in name["literal"].split()]
    return next((word for word in words if word and word not in _STOPWORDS), "")


def base_key(document: Document) -> str:
    """author + year + first significant title word, in ASCII: "solberg2026behind"."""
    author = _author_word(document.authors[0].source) if document.authors else ""
    if not author:
        author = _key_word((document.container_title or document.publisher or "anon").split()[0])
    year = document.published[:4] if document.published else "nd"
    words = [_key_word(word) for word in document.title.split()]
    word = next((w for w in words if w and w not in _STOPWORDS), "")
    return f"{author or 'anon'}{year}{word}"


def citation_keys(documents: list[Document]) -> dict[int, str]:
    """Stable, unique keys: documents sharing a key get a, b, c… in the order of their ids."""
    by_base: dict[str, list[Document]] = {}
    for document in sorted(documents, key=lambda d: d.id):
        by_base.setdefault(base_key(document), []).append(document)
    keys: dict[int, str] = {}
    for base, group in by_base.items():
        if len(group) == 1:
            keys[group[0].id] = base
            continue
        for index, document in enumerate(group):
            keys[document.id] = f"{base}{_suffix(index)}"
    return keys


def _suffix(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def csl_item(document: Document, key: str) -> dict[str, Any]:
    """One document as a CSL-JSON item."""
    item: dict[str, Any] = {"id": key, "type": document.doc_type.csl_type, "title": document.title}
    authors = [csl_name(author.source) for author in document.authors]
    if authors:
        item["author"] = authors
    if document.container_title:
        item["container-title"] = document.container_title
    if document.publisher:
        item["publisher"] = document.publisher
    if document.doc_type in GENRES:
        item["genre"] = GENRES[document.doc_type]
    if document.published:
        item["issued"] = {"date-parts": [date_parts(document.published)]}
    if document.accessed:
        item["accessed"] = {
            "date-parts": [[document.accessed.year, document.accessed.month, document.accessed.day]]
        }
    if document.url:
        item["URL"] = document.url
    if document.doi:
        item["DOI"] = document.doi
    if document.language:
        item["language"] = document.language
    custom: dict[str, Any] = {"factdb-document-id": document.id}
    if document.archive_url:
        custom["archive-url"] = document.archive_url
    if document.undated:
        custom["undated"] = True
    item["custom"] = custom
    return item
