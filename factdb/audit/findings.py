"""What an audit finding is, and the catalogue of rules that produce them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factdb.vocab import Labelled


class Severity(Labelled):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: Severity
    title: str
    #: Why the finding matters, in one sentence, shown with every finding.
    why: str
    #: What to do about it.
    fix: str


RULES: dict[str, RuleInfo] = {
    rule.code: rule
    for rule in [
        RuleInfo("UNSOURCED", Severity.ERROR, "Claim has no citation",
                 "Nobody is on record as saying this, so readers cannot check it.",
                 "Add a citation: the document where the claim appears and, if someone said it, the speaker."),
        RuleInfo("VERDICT_WITHOUT_EVIDENCE", Severity.ERROR, "Verdict without evidence",
                 "A verdict that cites no supporting or disputing source, or gives no reasons, cannot be defended.",
                 "Add the evidence as a citation that supports or disputes the claim, and explain the verdict."),
        RuleInfo("VERDICT_OUTDATED", Severity.ERROR, "Verdict given on other words",
                 "The claim's text, or a citation the verdict rests on, changed after the verdict: it judged words that are no longer there.",
                 "Review the claim again and give the verdict on its present words and evidence."),
        RuleInfo("QUOTE_NOT_FOUND", Severity.ERROR, "Quote not in its document",
                 "A quote that its source does not contain puts words in someone's mouth.",
                 "Compare with the closest passage; correct the quote, the document, or mark it a paraphrase."),
        RuleInfo("QUOTE_ALTERED", Severity.WARNING, "Quote differs from its document",
                 "Even one changed word can change what a person is reported to have said.",
                 "Copy the words exactly as the document has them, or mark the citation a paraphrase."),
        RuleInfo("QUOTE_UNCHECKABLE", Severity.INFO, "Quote cannot be checked",
                 "The document's text is not stored, so nobody can confirm the quote here.",
                 "Paste the document's full text into its record."),
        RuleInfo("SECOND_HAND_ONLY", Severity.WARNING, "Only second-hand reports",
                 "The claim is being weighed, and every citation of these words is someone else's report; the speaker's own words are not on record.",
                 "Find the primary source (the speaker's statement, transcript or post) and cite it."),
        RuleInfo("VAGUE_ATTRIBUTION", Severity.WARNING, "Vague attribution",
                 "Words credited to unnamed or generic speakers cannot be weighed or checked.",
                 "Name the speaker if the document allows, or treat the claim as unsourced."),
        RuleInfo("SINGLE_SOURCE", Severity.WARNING, "Verdict rests on one source",
                 "One independent source, however often cited, is a single point of failure.",
                 "Corroborate with a source from another outlet or organisation."),
        RuleInfo("LOW_RELIABILITY", Severity.WARNING, "Verdict rests on low-reliability sources",
                 "A true or mostly true verdict supported only by sources graded D, E or F is weak (an ungraded source, or a document naming nobody, is unknown, not weak).",
                 "Find support from a source graded A to C, or reconsider the verdict."),
        RuleInfo("SOURCE_UNGRADED", Severity.INFO, "Source not graded yet",
                 "A verdict's weight depends on its sources; an ungraded source is of unknown reliability.",
                 "Grade the source on the Admiralty scale (A–F) on its page, once you know its track record."),
        RuleInfo("SELF_REVIEW", Severity.WARNING, "Verdict by the claim's author",
                 "Nobody else checked this verdict (four-eyes principle).",
                 "Ask a colleague to review the claim."),
        RuleInfo("CITATION_INCOMPLETE", Severity.WARNING, "Document lacks citation data",
                 "A reference without a title, date, address or publisher cannot be found again by readers.",
                 "Fill in the missing fields on the document's page."),
        RuleInfo("LIKELY_DUPLICATE", Severity.INFO, "Likely duplicate claim",
                 "The same claim recorded twice splits its evidence and its review.",
                 "Merge the two: move the citations to one claim and retract the other."),
        RuleInfo("SOURCE_GONE", Severity.WARNING, "Source gone, no archive copy",
                 "Readers following the link find nothing, and nothing else shows what the page said.",
                 "Cite the captured copy (download its WARC), request an archive copy, or find where the page moved."),
        RuleInfo("SOURCE_CHANGED", Severity.INFO, "Source changed since capture",
                 "The page now says something else than when it was cited; the citation may no longer hold.",
                 "Read the word diff on the document's page and check the citations still stand."),
        RuleInfo("QUOTE_WITHDRAWN", Severity.WARNING, "Quote withdrawn from the live page",
                 "Words that were on the page when it was cited are gone from it: an edit, a correction or a retraction.",
                 "Cite the captured copy with its date, and consider reporting the change."),
    ]
}  # fmt: skip


#: What every finding says, in the order the command line's CSV and the API's schema give it.
FINDING_FIELDS = (
    "rule",
    "severity",
    "claim_id",
    "citation_id",
    "document_id",
    "source_id",
    "message",
)


@dataclass
class Finding:
    rule: str
    message: str
    claim_id: int | None = None
    citation_id: int | None = None
    document_id: int | None = None
    source_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def info(self) -> RuleInfo:
        return RULES[self.rule]

    @property
    def severity(self) -> Severity:
        return self.info.severity

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "claim_id": self.claim_id,
            "citation_id": self.citation_id,
            "document_id": self.document_id,
            "source_id": self.source_id,
            "message": self.message,
            "why": self.info.why,
            "fix": self.info.fix,
            "details": self.details,
        }
