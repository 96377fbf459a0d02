"""The typed SQLAlchemy models; import them from here."""

from factdb.models.access import ApiToken, LoginAttempt
from factdb.models.audit import (
    AuditClaimKey,
    AuditFinding,
    AuditPending,
    AuditRuleCount,
    QuoteCheckResult,
)
from factdb.models.base import Base, utcnow
from factdb.models.capture import Capture, CheckOutcome, QuoteAnchor, SourceCheck
from factdb.models.claim import Citation, Claim, Tag, claim_tag
from factdb.models.document import Document, DocumentAuthor
from factdb.models.formatted import FormattedReference, ReferencePending
from factdb.models.history import Change, StatusChange, status_change_evidence
from factdb.models.job import Job, JobState
from factdb.models.receipt import FormReceipt
from factdb.models.source import Source, SourceAlias, SourceRedirect
from factdb.models.stats import ClaimStatusCount, TagStatusCount
from factdb.models.team import Assignment, ClaimNote, Notification, SavedView
from factdb.models.user import User

__all__ = [
    "ApiToken",
    "Assignment",
    "AuditClaimKey",
    "AuditFinding",
    "AuditPending",
    "AuditRuleCount",
    "Base",
    "Capture",
    "Change",
    "CheckOutcome",
    "Citation",
    "Claim",
    "ClaimNote",
    "ClaimStatusCount",
    "Document",
    "DocumentAuthor",
    "FormReceipt",
    "FormattedReference",
    "Job",
    "JobState",
    "LoginAttempt",
    "Notification",
    "QuoteAnchor",
    "QuoteCheckResult",
    "ReferencePending",
    "SavedView",
    "Source",
    "SourceAlias",
    "SourceCheck",
    "SourceRedirect",
    "StatusChange",
    "Tag",
    "TagStatusCount",
    "User",
    "claim_tag",
    "status_change_evidence",
    "utcnow",
]
