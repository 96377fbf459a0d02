"""What tells two documents apart when their URL or their title and year agree.

Their DOIs and ISBNs first (two different ones are two works); then their type, outlet,
authors, pages and addresses, as `Traits.differ` says.
"""

from __future__ import annotations

from dataclasses import dataclass

from factdb.importer.identifiers import isbns_of
from factdb.importer.model import Reference
from factdb.text import doi_key, title_key, titles_differ, url_key
from factdb.vocab import DocumentType

#: Types a document is never the same as another type of: a chapter is not its book, a paper
#: not its proceedings. The rest (news, magazine and journal articles, web pages, …) are
#: typed differently by different formats for one and the same piece, so they stay matchable.
_DISTINCT_TYPES = frozenset({
    DocumentType.BOOK, DocumentType.CHAPTER, DocumentType.THESIS, DocumentType.CONFERENCE_PAPER,
    DocumentType.REPORT, DocumentType.DATASET, DocumentType.LEGAL_CASE, DocumentType.LEGISLATION,
    DocumentType.PATENT,
})  # fmt: skip
#: Parts of a whole, whose URL is often the whole's: they match by URL only with their title.
_PARTS = frozenset(
    {DocumentType.CHAPTER, DocumentType.CONFERENCE_PAPER, DocumentType.JOURNAL_ARTICLE}
)


def family_key(name: str, family: str = "") -> str:
    """The folded family name of an author ("Ward, Ann" and "Ann Ward" give "ward")."""
    name = family or (name.split(",", 1)[0] if "," in name else (name.split() or [""])[-1])
    return title_key(name)


def _apart(mine: Traits, theirs: Traits) -> bool:  # no author in common, or other pages
    if mine.families and theirs.families and not mine.families & theirs.families:
        return True
    return any(a and b and a != b for a, b in zip(mine.place, theirs.place, strict=True))


def _other_identifiers(mine: Traits, theirs: Traits) -> bool:
    """Two DOIs, or ISBNs with none in common: two works, whatever else they share."""
    if mine.doi and theirs.doi and mine.doi != theirs.doi:
        return True
    return bool(mine.isbns and theirs.isbns and not mine.isbns & theirs.isbns)


@dataclass(frozen=True)
class Traits:
    """What tells two documents apart when their URL or title and year agree."""

    doc_type: DocumentType | None
    container: str
    title: str
    families: frozenset[str]
    #: The URL key ("" when none): two different ones are two documents.
    url: str = ""
    #: Volume, issue and pages ("" where not given): two different ones are two documents.
    place: tuple[str, str, str] = ("", "", "")
    #: The DOI, bare and folded (`doi_key`; "" when none): two different ones are two works (a preprint and
    #: its published version, an article and its erratum), whatever else they share.
    doi: str = ""
    #: The ISBNs as 13 digits: two books with none in common are two editions or works.
    isbns: frozenset[str] = frozenset()

    @classmethod
    def of(cls, reference: Reference) -> Traits:
        document = reference.document
        names = reference.authors or [a for a in document.authors if not isinstance(a, int)]
        families = frozenset(
            family_key(a) if isinstance(a, str) else family_key(a.name, a.family) for a in names
        )
        doc_type = DocumentType(document.doc_type) if document.doc_type else None
        return cls(
            doc_type,
            title_key(document.container_title),
            title_key(document.title),
            families,
            url_key(document.url),
            (document.volume, document.issue, document.pages),
            doi_key(document.doi),
            isbns_of(document.isbn, document.extra),
        )

    def differ(self, other: Traits, reason: str) -> bool:
        """Whether something known on both sides says these are two documents."""
        if _other_identifiers(self, other):
            return True
        types = {self.doc_type, other.doc_type} - {None, DocumentType.OTHER}
        if len(types) == 2 and types & _DISTINCT_TYPES:
            return True
        if (
            self.container
            and other.container
            and self.container not in other.container
            and other.container not in self.container
        ):
            return True
        if _apart(self, other):
            return True  # a journal's column under one title is one per issue
        if self.url and other.url and self.url != other.url and not self.families & other.families:
            return True  # a mirror or a syndicated copy names the same authors
        # Other numbers are two editions at one address; a site's home page stands for any
        # piece on it, where a headline rewritten at its own address is still one article.
        site = bool(self.url) and "/" not in self.url and "?" not in self.url
        if reason == "URL" and titles_differ(self.title, other.title, by_words=site):
            return True
        return reason == "URL" and self.title != other.title and bool(types & _PARTS)
