"""The controlled vocabularies of factdb, with the labels people read.

Values are stored in the database as the enum's `value`; labels are what pages
and exports show.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
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

    @property
    def label(self) -> str:
        return self.value.capitalize()


#: Asked on every page (which links and forms to show), so looked up rather than searched.
_ROLE_RANKS = {role: rank for rank, role in enumerate(Role)}


class Status(StrEnum):
    UNVERIFIED = "unverified"
    IN_REVIEW = "in_review"
    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MIXED = "mixed"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"
    UNPROVEN = "unproven"
    RETRACTED = "retracted"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_verdict(self) -> bool:
        return self in VERDICT_RATINGS

    @property
    def rating(self) -> int | None:
        """The 1-5 rating used by ClaimReview (5 = true), or None for non-verdicts."""
        return VERDICT_RATINGS.get(self)


STATUS_LABELS: dict[Status, str] = {
    Status.UNVERIFIED: "Unverified",
    Status.IN_REVIEW: "In review",
    Status.TRUE: "True",
    Status.MOSTLY_TRUE: "Mostly true",
    Status.MIXED: "Mixed",
    Status.MOSTLY_FALSE: "Mostly false",
    Status.FALSE: "False",
    Status.UNPROVEN: "Unproven",
    Status.RETRACTED: "Retracted",
}

VERDICT_RATINGS: dict[Status, int] = {
    Status.TRUE: 5,
    Status.MOSTLY_TRUE: 4,
    Status.MIXED: 3,
    Status.UNPROVEN: 3,
    Status.MOSTLY_FALSE: 2,
    Status.FALSE: 1,
}


class SourceKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    MEDIA = "media"
    THINK_TANK = "think_tank"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "person": "Person",
            "organisation": "Organisation",
            "government": "Government body",
            "media": "Media outlet",
            "think_tank": "Think tank",
            "other": "Other",
        }[self.value]

    @property
    def is_person(self) -> bool:
        return self is SourceKind.PERSON


class Reliability(StrEnum):
    """The Admiralty (NATO) scale for the reliability of a source."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    #: Nobody has judged the source yet (new sources start here, not at F).
    UNGRADED = "U"

    @property
    def label(self) -> str:
        return {
            "A": "A — completely reliable",
            "B": "B — usually reliable",
            "C": "C — fairly reliable",
            "D": "D — not usually reliable",
            "E": "E — unreliable",
            "F": "F — cannot be judged",
            "U": "Not graded yet",
        }[self.value]

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
    WEB_PAGE = "web_page"
    REPORT = "report"
    PRESS_RELEASE = "press_release"
    INTERVIEW = "interview"
    SPEECH = "speech"
    SOCIAL_POST = "social_post"
    BOOK = "book"
    OTHER = "other"

    @property
    def label(self) -> str:
        return DOCUMENT_TYPE_LABELS[self]

    @property
    def csl_type(self) -> str:
        """The CSL item type this document type is exported as."""
        return CSL_TYPES[self]


DOCUMENT_TYPE_LABELS: dict[DocumentType, str] = {
    DocumentType.NEWS_ARTICLE: "News article",
    DocumentType.WEB_PAGE: "Web page",
    DocumentType.REPORT: "Report",
    DocumentType.PRESS_RELEASE: "Press release or official statement",
    DocumentType.INTERVIEW: "Interview",
    DocumentType.SPEECH: "Speech",
    DocumentType.SOCIAL_POST: "Social media post",
    DocumentType.BOOK: "Book",
    DocumentType.OTHER: "Other",
}

CSL_TYPES: dict[DocumentType, str] = {
    DocumentType.NEWS_ARTICLE: "article-newspaper",
    DocumentType.WEB_PAGE: "webpage",
    DocumentType.REPORT: "report",
    DocumentType.PRESS_RELEASE: "report",
    DocumentType.INTERVIEW: "interview",
    DocumentType.SPEECH: "speech",
    DocumentType.SOCIAL_POST: "post",
    DocumentType.BOOK: "book",
    DocumentType.OTHER: "document",
}


class Relation(StrEnum):
    """How a citation bears on its claim."""

    ASSERTS = "asserts"
    SUPPORTS = "supports"
    DISPUTES = "disputes"
    REPORTS = "reports"

    @property
    def label(self) -> str:
        return {
            "asserts": "Asserts",
            "supports": "Supports",
            "disputes": "Disputes",
            "reports": "Reports second-hand",
        }[self.value]

    @property
    def is_evidence(self) -> bool:
        """Only supporting or disputing citations can back a verdict."""
        return self in (Relation.SUPPORTS, Relation.DISPUTES)


class QuoteType(StrEnum):
    DIRECT = "direct"
    PARAPHRASE = "paraphrase"

    @property
    def label(self) -> str:
        return self.value.capitalize()
