"""The controlled vocabularies of factdb, with the labels people read.

Values are stored in the database as the enum's `value`; labels are what pages
and exports show.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple, Self


class Labelled(StrEnum):
    """A vocabulary whose members carry the words people read: `MEMBER = "value", "Label"`.

    The value is what is stored; a member written without a label reads as its value
    with a capital letter.
    """

    label: str

    def __new__(cls, value: str, label: str | None = None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = value.capitalize() if label is None else label
        return member


class Role(Labelled):
    VIEWER = "viewer"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _ROLE_RANKS[self]

    def at_least(self, other: Role) -> bool:
        """Roles are cumulative: an admin may do what a reviewer may, and so on."""
        return self.rank >= other.rank


#: Asked on every page (which links and forms to show), so looked up rather than searched.
_ROLE_RANKS = {role: rank for rank, role in enumerate(Role)}


class Status(Labelled):
    UNVERIFIED = "unverified"
    IN_REVIEW = "in_review", "In review"
    TRUE = "true"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false"
    UNPROVEN = "unproven"
    RETRACTED = "retracted"

    @property
    def is_verdict(self) -> bool:
        return self in VERDICT_RATINGS

    @property
    def rating(self) -> int | None:
        """The 1-5 rating used by ClaimReview (5 = true), or None for non-verdicts."""
        return VERDICT_RATINGS.get(self)


VERDICT_RATINGS: dict[Status, int] = {
    Status.TRUE: 5,
    Status.MOSTLY_TRUE: 4,
    Status.MIXED: 3,
    Status.UNPROVEN: 3,
    Status.MOSTLY_FALSE: 2,
    Status.FALSE: 1,
}


class SourceKind(Labelled):
    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government", "Government body"
    MEDIA = "media", "Media outlet"
    THINK_TANK = "think_tank", "Think tank"
    OTHER = "other"

    @property
    def is_person(self) -> bool:
        return self is SourceKind.PERSON


class Reliability(Labelled):
    """The Admiralty (NATO) scale for the reliability of a source."""

    A = "A", "A — completely reliable"
    B = "B", "B — usually reliable"
    C = "C", "C — fairly reliable"
    D = "D", "D — not usually reliable"
    E = "E", "E — unreliable"
    F = "F", "F — cannot be judged"
    #: Nobody has judged the source yet (new sources start here, not at F).
    UNGRADED = "U", "Not graded yet"

    @property
    def meaning(self) -> str:
        """The label without its letter: "usually reliable"."""
        return self.label.split(" — ", 1)[-1]

    @property
    def letter(self) -> str:
        """What the grade badge shows: the letter, or a dash when not graded."""
        return "–" if self is Reliability.UNGRADED else self.value


class DocumentType(StrEnum):
    NEWS_ARTICLE = "news_article"
    MAGAZINE_ARTICLE = "magazine_article"
    JOURNAL_ARTICLE = "journal_article"
    WEB_PAGE = "web_page"
    REPORT = "report"
    PRESS_RELEASE = "press_release"
    INTERVIEW = "interview"
    SPEECH = "speech"
    SOCIAL_POST = "social_post"
    BROADCAST = "broadcast"
    BOOK = "book"
    CHAPTER = "chapter"
    THESIS = "thesis"
    CONFERENCE_PAPER = "conference_paper"
    DATASET = "dataset"
    LEGAL_CASE = "legal_case"
    LEGISLATION = "legislation"
    PATENT = "patent"
    OTHER = "other"

    @property
    def label(self) -> str:
        return DOCUMENT_TYPES[self].label

    @property
    def csl_type(self) -> str:
        """The CSL item type this document type is exported as."""
        return DOCUMENT_TYPES[self].csl

    @property
    def formats(self) -> TypeNames:
        return DOCUMENT_TYPES[self]


class TypeNames(NamedTuple):
    """A document type's label and its names in CSL-JSON, BibLaTeX, BibTeX and RIS.

    The entry types are the ones Zotero (and Better BibTeX) write for the same kind of
    item and read back as it; an exporter falls back to @misc where an entry would miss
    a field its type requires.
    """

    label: str
    csl: str
    biblatex: str
    bibtex: str
    ris: str
    #: The type of work (CSL genre, BibLaTeX type, RIS M3) that names it where the type cannot.
    genre: str = ""


DOCUMENT_TYPES: dict[DocumentType, TypeNames] = {
    DocumentType.NEWS_ARTICLE: TypeNames("News article", "article-newspaper", "article", "article", "NEWS"),
    DocumentType.MAGAZINE_ARTICLE: TypeNames("Magazine article", "article-magazine", "article", "article", "MGZN"),
    DocumentType.JOURNAL_ARTICLE: TypeNames("Journal article", "article-journal", "article", "article", "JOUR"),
    DocumentType.WEB_PAGE: TypeNames("Web page", "webpage", "online", "misc", "ELEC"),
    DocumentType.REPORT: TypeNames("Report", "report", "report", "techreport", "RPRT"),
    DocumentType.PRESS_RELEASE: TypeNames("Press release or official statement", "report", "report", "techreport", "RPRT", "Press release"),
    DocumentType.INTERVIEW: TypeNames("Interview", "interview", "misc", "misc", "ELEC", "Interview"),
    DocumentType.SPEECH: TypeNames("Speech", "speech", "misc", "misc", "SLIDE", "Speech"),
    DocumentType.SOCIAL_POST: TypeNames("Social media post", "post", "online", "misc", "ELEC", "Social media post"),
    DocumentType.BROADCAST: TypeNames("Broadcast (television or radio)", "broadcast", "misc", "misc", "MPCT", "Broadcast"),
    DocumentType.BOOK: TypeNames("Book", "book", "book", "book", "BOOK"),
    DocumentType.CHAPTER: TypeNames("Book chapter", "chapter", "incollection", "incollection", "CHAP"),
    DocumentType.THESIS: TypeNames("Thesis", "thesis", "thesis", "phdthesis", "THES"),
    DocumentType.CONFERENCE_PAPER: TypeNames("Conference paper", "paper-conference", "inproceedings", "inproceedings", "CONF"),
    DocumentType.DATASET: TypeNames("Dataset", "dataset", "dataset", "misc", "DATA", "Dataset"),
    DocumentType.LEGAL_CASE: TypeNames("Legal case", "legal_case", "jurisdiction", "misc", "CASE", "Legal case"),
    DocumentType.LEGISLATION: TypeNames("Legislation", "legislation", "legislation", "misc", "STAT", "Legislation"),
    DocumentType.PATENT: TypeNames("Patent", "patent", "patent", "patent", "PAT"),
    DocumentType.OTHER: TypeNames("Other", "document", "misc", "misc", "GEN"),
}  # fmt: skip
DOCUMENT_TYPE_LABELS: dict[DocumentType, str] = {
    kind: names.label for kind, names in DOCUMENT_TYPES.items()
}
CSL_TYPES: dict[DocumentType, str] = {kind: names.csl for kind, names in DOCUMENT_TYPES.items()}
#: CSL types factdb has no type of its own for, read as the closest (a blog post is a web
#: page, a hearing is legislative material, a preprint or manuscript another document).
CSL_CLOSEST: dict[str, DocumentType] = {
    "post-weblog": DocumentType.WEB_PAGE,
    "bill": DocumentType.LEGISLATION,
    "regulation": DocumentType.LEGISLATION,
    "treaty": DocumentType.LEGISLATION,
    "hearing": DocumentType.LEGISLATION,
    "motion_picture": DocumentType.BROADCAST,
    "manuscript": DocumentType.OTHER,
    "article": DocumentType.OTHER,
}


def csl_type_read_as(csl_type: str) -> DocumentType:
    """The document type a CSL item type is read as (Other for one factdb cannot tell)."""
    own = {names.csl: kind for kind, names in reversed(DOCUMENT_TYPES.items())}
    return own.get(csl_type) or CSL_CLOSEST.get(csl_type, DocumentType.OTHER)


class Relation(Labelled):
    """How a citation bears on its claim."""

    ASSERTS = "asserts"
    SUPPORTS = "supports"
    DISPUTES = "disputes"
    REPORTS = "reports", "Reports second-hand"

    @property
    def is_evidence(self) -> bool:
        """Only supporting or disputing citations can back a verdict."""
        return self in (Relation.SUPPORTS, Relation.DISPUTES)


class QuoteType(Labelled):
    DIRECT = "direct"
    PARAPHRASE = "paraphrase"
