"""CSL-JSON: the one serializer of a document, shared by every citation format.

CSL-JSON is what Zotero, Mendeley and pandoc exchange; BibTeX, RIS, Wikipedia and the
formatted styles are all derived from the items built here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from factdb.declarations.document import DOCUMENT
from factdb.export import crosswalk
from factdb.export.selection import DocumentView, SourceView
from factdb.sources import is_name_suffix, split_person_name
from factdb.text import date_parts
from factdb.vocab import csl_type_read_as

#: The declared fields CSL-JSON has a variable for, beyond those written by hand below.
MAPPED = [spec for spec in DOCUMENT.bibliographic if spec.csl]
_SUFFIX = re.compile(r",?\s+(Jr\.?|Sr\.?|II|III|IV|V|Junior|Senior)$")
PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
    "le", "ter", "ten", "zu", "af", "av", "des", "d'", "vom", "zum", "zur", "op", "het", "'t",
}  # fmt: skip


def person_name(source: SourceView) -> dict[str, str]:
    """A person as CSL parts: family, given, non-dropping-particle ("van"), suffix ("Jr.")."""
    return dict(_person_name(source.name, source.family_name, source.given_name))


@lru_cache(maxsize=65536)
def _person_name(name: str, family: str, given: str) -> tuple[tuple[str, str], ...]:
    """Cached: an export names the same few thousand people many times."""
    name, family, given = name.strip(), family.strip(), given.strip()
    if is_name_suffix(family) and given and " " not in given:
        # "Senior, Carla": a family name that is a suffix word, with one given name beside it.
        return (("family", family), ("given", given))
    suffix = ""
    found = _SUFFIX.search(name)
    if found:
        suffix, name = found.group(1), name[: found.start()].strip()
    if not family or is_name_suffix(family) or is_name_suffix(given):
        # Recorded before suffixes were recognised: "Jr." stored as a family or given name.
        family, given = split_person_name(name)
    for part in ("family", "given"):
        value = family if part == "family" else given
        extra = _SUFFIX.search(value)
        if extra:
            suffix = suffix or extra.group(1)
            value = value[: extra.start()].strip()
            family, given = (value, given) if part == "family" else (family, value)
    words = family.split()
    particle: list[str] = []
    while len(words) > 1 and words[0].casefold() in PARTICLES:
        particle.append(words.pop(0))
    parts = {"family": " ".join(words)}
    if given:
        parts["given"] = given
    if particle:
        parts["non-dropping-particle"] = " ".join(particle)
    if suffix:
        parts["suffix"] = suffix
    return tuple(parts.items())


def csl_parts(name: str, family: str, given: str, *, is_person: bool) -> dict[str, str]:
    """CSL name parts for a name read with its parts but recorded as no source (an editor)."""
    return dict(_person_name(name, family, given)) if is_person else {"literal": name}


def name_parts(name: object) -> dict[str, str] | None:
    """A CSL name's text parts without stray commas at their ends, or None for no name.

    A comma left in a family name ("Marrow,") would make "Marrow,, Ewan", which biber
    cannot read, and drop the whole entry.
    """
    if not isinstance(name, dict):
        return None  # an imported CSL name list may hold anything
    parts = {k: v.strip(" ,;") for k, v in name.items() if isinstance(v, str) and v.strip(" ,;")}
    return parts if parts.get("family") or parts.get("literal") else None


def csl_name(source: SourceView) -> dict[str, str]:
    """A person as CSL name parts; an organisation as {literal}, so styles never split it."""
    if source.kind.is_person:
        return person_name(source)
    return {"literal": source.name}


def _crossed(item: dict[str, Any], extra: dict[str, Any]) -> None:
    """What another format gave for variables CSL has too: keywords, an abstract, volumes
    (`crosswalk`)."""
    if "keyword" not in item and (words := crosswalk.keywords(extra, "csl.keyword")):
        item["keyword"] = ", ".join(words)
    if "abstract" not in item and (summary := crosswalk.abstract(extra, ("csl.abstract",))):
        item["abstract"] = summary
    if volumes := crosswalk.same(extra, crosswalk.VOLUMES, "csl.number-of-volumes"):
        item.setdefault("number-of-volumes", _csl_value(volumes))


def _csl_value(value: str) -> Any:
    """An imported CSL value as it was: kept as text, or as the JSON it was written as."""
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def csl_item(document: DocumentView) -> dict[str, Any]:
    """One document as a CSL-JSON item, its citation key as the id."""
    item: dict[str, Any] = {
        "id": document.key,
        "type": document.doc_type.csl_type,
        "title": document.title,
    }
    authors = [csl_name(author.source) for author in document.authors]
    if authors:
        item["author"] = authors
    if document.container_title:
        item["container-title"] = document.container_title
    if document.publisher:
        item["publisher"] = document.publisher
    if document.doc_type.formats.genre:
        item["genre"] = document.doc_type.formats.genre
    for spec in MAPPED:
        if spec.name in document.details:
            item[spec.csl] = document.details[spec.name]
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
    item["custom"] = _custom(document, item)
    # CSL has no subtitle: the title carries it, and the .bib exports part them again.
    item["title"] = crosswalk.with_subtitle(item["title"], document.details.get("extra") or {})
    return item


def _custom(document: DocumentView, item: dict[str, Any]) -> dict[str, Any]:
    """factdb's own fields, and what a reference manager gave that factdb has no field for.

    A CSL variable among those goes back into `item`, where it came from; the rest is kept
    under `extra`.
    """
    custom: dict[str, Any] = {"factdb-document-id": document.id}
    if document.archive_url:
        custom["archive-url"] = document.archive_url
    if document.undated:
        custom["undated"] = True
    extra = document.details.get("extra") or {}
    for key, value in extra.items():
        name = key.removeprefix("csl.")
        if key.startswith("csl.") and name not in item and name not in ("id", "custom"):
            item[name] = _csl_value(value)
    if extra.get("csl.type") and csl_type_read_as(str(extra["csl.type"])) is document.doc_type:
        item["type"] = extra["csl.type"]  # the type it was imported with, still the same kind
    for name in ("ISBN", "ISSN"):
        if isinstance(extra.get(f"csl.{name}"), str) and item.get(name):
            item[name] = f"{item[name]} {extra[f'csl.{name}']}"  # the others of several
    _crossed(item, extra)
    others = {key: value for key, value in extra.items() if not key.startswith("csl.")}
    if others:
        custom["extra"] = others
    return custom
