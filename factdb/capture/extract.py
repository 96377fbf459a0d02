"""Read a fetched page: its metadata (JSON-LD, OpenGraph, meta tags) and its main text.

The page's own structured data comes first (JSON-LD, as publishers fill it for
search engines), then OpenGraph and plain meta tags, then what trafilatura and
htmldate infer from the page itself. PDFs are read with pypdf.

Those readers (about 23 MB) are imported when a page is read, not with the module: the
web pages import it, and a web worker that never captures a page should not carry them.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from factdb.capture.fetch import Fetched
from factdb.vocab import DocumentType

# trafilatura and htmldate log every page they find hard to read; the outcome is what counts.
for _name in ("trafilatura", "htmldate", "extruct"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "blogposting", "report", "scholarlyarticle", "webpage",
                  "backgroundnewsarticle", "liveblogposting", "pressrelease"}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&|,(?=\s*\S+\s+\S+))\s*")
_BYLINE = re.compile(r"^\s*by\s+", re.IGNORECASE)
#: Half of a surrogate pair: JSON-LD may escape one ("\ud800"), and no text can hold it.
_HALF_PAIR = re.compile("[\ud800-\udfff]")
#: The meta tags a page names its authors in.
_AUTHOR_META = ("citation_author", "author", "dc.creator", "dcterms.creator", "parsely-author",
                "sailthru.author")  # fmt: skip


@dataclass
class Extracted:
    """What a page says about itself, and its readable text."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    container_title: str = ""
    publisher: str = ""
    published: str = ""
    language: str = ""
    canonical_url: str = ""
    description: str = ""
    doc_type: DocumentType = DocumentType.WEB_PAGE
    text: str = ""
    #: Where each field came from ("json-ld", "opengraph", "meta", "trafilatura", ...).
    sources: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": self.authors,
            "container_title": self.container_title,
            "publisher": self.publisher,
            "published": self.published,
            "language": self.language,
            "canonical_url": self.canonical_url,
            "description": self.description,
            "doc_type": self.doc_type.value,
            "sources": self.sources,
        }


def extract(page: Fetched) -> Extracted:
    """Metadata and text of a fetched page, by its media type."""
    if page.media_type == "application/pdf" or page.body[:5] == b"%PDF-":
        return extract_pdf(page.body)
    html = decode(page.body, page.charset)
    if page.media_type == "text/plain":
        return Extracted(text=normalise_text(html), sources={"text": "plain text"})
    return extract_html(html, page.final_url)


def decode(body: bytes, declared: str = "") -> str:
    """Bytes to text: a BOM, then strict UTF-8, then the declared charsets, then Windows-1252.

    Servers and pages often declare a charset the bytes are not in; strict UTF-8
    almost never decodes text in another encoding by accident, so it goes first.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(body[:4096])
    candidates = [declared, match.group(1).decode("ascii", "ignore") if match else ""]
    for name in candidates:
        if not name:
            continue
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        if codec in ("latin-1", "iso8859-1", "ascii"):
            codec = "cp1252"  # what browsers do with these labels (WHATWG Encoding)
        try:
            return body.decode(codec)
        except UnicodeDecodeError:
            continue
    return body.decode("cp1252", errors="replace")


def normalise_text(text: str) -> str:
    """Unify line ends, strip trailing space, and keep at most one blank line between paragraphs."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def extract_html(html: str, url: str) -> Extracted:
    import htmldate

    result = Extracted(doc_type=DocumentType.WEB_PAGE)
    if not html.strip():
        return result
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return result
    structured = _structured(tree, url)
    _from_json_ld(result, structured.get("json-ld", []))
    _from_opengraph(result, structured.get("opengraph", []))
    _from_meta(result, tree)
    _from_trafilatura(result, html, url)
    if not result.published:
        found = htmldate.find_date(tree, original_date=True, extensive_search=False, url=url)
        if found:
            _set(result, "published", found, "htmldate")
    titles = [t.text_content() for t in tree.iter("title")]
    if titles:
        _set(result, "title", titles[0], "title tag")
    result.published = partial_date(result.published)
    result.authors = _unique(_clean_author(a) for a in result.authors)
    return result


def _structured(tree: Any, url: str) -> dict[str, list[dict[str, Any]]]:
    import extruct

    try:
        found = extruct.extract(tree, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
    except Exception:  # extruct raises whatever a broken script block makes its parsers raise
        return {}
    try:
        return _without_half_pairs(found)
    except RecursionError:  # nested nearly as deep as the JSON reader goes: no metadata
        return {}


def _without_half_pairs(value: Any) -> Any:
    """The structured data with every half surrogate pair taken out of its strings: kept,
    they failed the capture wherever the text was encoded (its WARC, the database)."""
    if isinstance(value, str):
        return value if value.isascii() else _HALF_PAIR.sub("", value)
    if isinstance(value, dict):
        return {_without_half_pairs(key): _without_half_pairs(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_half_pairs(item) for item in value]
    return value


def _set(result: Extracted, name: str, value: Any, source: str) -> None:
    """Fill a field that is still empty, remembering where its value came from."""
    if isinstance(value, str):
        value = " ".join(value.split())
    if value and not getattr(result, name):
        setattr(result, name, value)
        result.sources[name] = source


def _names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organisation, a list of them, or a plain string."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", [])
    return {str(t).lower() for t in (kind if isinstance(kind, list) else [kind])}


def _from_json_ld(result: Extracted, items: list[dict[str, Any]]) -> None:
    flat: list[dict[str, Any]] = []
    for item in items:
        flat.extend(g for g in item.get("@graph", [item]) if isinstance(g, dict))
    articles = [item for item in flat if _types(item) & _ARTICLE_TYPES]
    articles.sort(key=lambda item: "webpage" in _types(item))  # an article before its page
    for item in articles:
        kinds = _types(item)
        _set(result, "title", item.get("headline") or item.get("name"), "json-ld")
        if not result.authors:
            names = _names(item.get("author"))
            if names:
                result.authors = names
                result.sources["authors"] = "json-ld"
        publisher = _names(item.get("publisher"))
        if publisher:
            _set(result, "publisher", publisher[0], "json-ld")
        _set(result, "published", str(item.get("datePublished") or ""), "json-ld")
        language = item.get("inLanguage")
        _set(result, "language", _names(language)[0] if _names(language) else "", "json-ld")
        _set(result, "description", item.get("description"), "json-ld")
        page = item.get("mainEntityOfPage")
        page_url = page.get("@id") if isinstance(page, dict) else page
        _set(result, "canonical_url", page_url if isinstance(page_url, str) else "", "json-ld")
        if kinds & {"newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                    "opinionnewsarticle", "backgroundnewsarticle", "liveblogposting"}:  # fmt: skip
            result.doc_type = DocumentType.NEWS_ARTICLE
        elif "report" in kinds:
            result.doc_type = DocumentType.REPORT
        elif "pressrelease" in kinds:
            result.doc_type = DocumentType.PRESS_RELEASE
    for item in flat:
        if _types(item) & {"newsmediaorganization", "organization", "website"}:
            _set(result, "container_title", item.get("name"), "json-ld")


def _from_opengraph(result: Extracted, items: list[dict[str, Any]]) -> None:
    for item in items:
        _set(result, "title", item.get("og:title"), "opengraph")
        _set(result, "container_title", item.get("og:site_name"), "opengraph")
        _set(result, "published", item.get("article:published_time"), "opengraph")
        _set(result, "canonical_url", item.get("og:url"), "opengraph")
        _set(result, "description", item.get("og:description"), "opengraph")
        locale = str(item.get("og:locale") or "")
        _set(result, "language", locale.replace("_", "-"), "opengraph")
        author = item.get("article:author")
        if author and not result.authors and not str(author).startswith("http"):
            result.authors = _names(author)
            result.sources["authors"] = "opengraph"
        if str(item.get("og:type", "")).lower() == "article" and (
            result.doc_type is DocumentType.WEB_PAGE
        ):
            result.doc_type = DocumentType.NEWS_ARTICLE


def _meta(tree: Any, *names: str) -> list[str]:
    wanted = {name.lower() for name in names}
    found = []
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        if key in wanted and meta.get("content"):
            found.append(meta.get("content").strip())
    return found


def meta_authors(tree: Any) -> list[str]:
    """The authors a page's meta tags name (<meta name="author">, citation_author, …), one each."""
    found = _meta(tree, *_AUTHOR_META)
    return [name for value in found for name in _split_authors(value)]


def page_authors(html: str) -> list[str]:
    """The authors an HTML page's meta tags name, cleaned and each once; none when unreadable."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    return _unique(_clean_author(name) for name in meta_authors(tree))


def _from_meta(result: Extracted, tree: Any) -> None:
    for value in _meta(tree, "citation_title", "dc.title", "dcterms.title", "twitter:title"):
        _set(result, "title", value, "meta")
    if not result.authors:
        authors = meta_authors(tree)
        if authors:
            result.authors = authors
            result.sources["authors"] = "meta"
    for value in _meta(tree, "citation_publication_date", "citation_date", "dc.date",
                       "dcterms.issued", "date", "pubdate", "publish-date", "article.published",
                       "parsely-pub-date"):  # fmt: skip
        _set(result, "published", value, "meta")
    for value in _meta(tree, "citation_publisher", "dc.publisher", "dcterms.publisher"):
        _set(result, "publisher", value, "meta")
    for value in _meta(tree, "citation_journal_title", "application-name", "twitter:site"):
        _set(result, "container_title", value.lstrip("@"), "meta")
    for value in _meta(tree, "description", "dc.description"):
        _set(result, "description", value, "meta")
    for value in _meta(tree, "citation_language", "dc.language", "content-language", "language"):
        _set(result, "language", value, "meta")
    _set(result, "language", tree.get("lang") or tree.get("xml:lang") or "", "html lang")
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            _set(result, "canonical_url", link.get("href") or "", "link rel=canonical")


def _from_trafilatura(result: Extracted, html: str, url: str) -> None:
    """Main text and inferred metadata in one pass (trafilatura dates pages with htmldate)."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # a page trafilatura cannot read still has its metadata
        found = None
    if found is None:
        return
    if found.text:
        result.text = normalise_text(found.text)
        result.sources["text"] = "trafilatura"
    _set(result, "title", found.title, "trafilatura")
    if not result.authors and found.author:
        result.authors = _split_authors(found.author)
        result.sources["authors"] = "trafilatura"
    _set(result, "container_title", found.sitename, "trafilatura")
    _set(result, "published", found.date, "trafilatura")
    _set(result, "description", found.description, "trafilatura")


def extract_pdf(body: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    result = Extracted(doc_type=DocumentType.REPORT)
    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        result.sources["text"] = f"unreadable PDF: {error}"
        return result
    result.text = normalise_text("\n\n".join(pages))
    result.sources["text"] = "pypdf"
    if info is not None:
        _set(result, "title", info.title or "", "pdf info")
        if info.author:
            result.authors = _split_authors(info.author)
            result.sources["authors"] = "pdf info"
        created = info.creation_date
        if created is not None:
            _set(result, "published", created.strftime("%Y-%m-%d"), "pdf info")
    if not result.title and result.text:
        _set(result, "title", result.text.split("\n", 1)[0][:300], "first line")
    return result


def partial_date(value: str) -> str:
    """An ISO date, as much of it as is known: "2024", "2024-03" or "2024-03-09"."""
    match = _DATE.search(value or "")
    if not match:
        return ""
    return "-".join(part for part in match.groups() if part)


def _split_authors(value: str) -> list[str]:
    return [part for part in _AUTHOR_SPLIT.split(_BYLINE.sub("", value)) if part.strip()]


def _clean_author(name: str) -> str:
    return " ".join(_BYLINE.sub("", name).split()).strip(" ,;")


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        if name and not name.startswith("http") and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())
