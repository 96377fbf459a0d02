"""Audit source attribution: unsourced claims, misquotes, second-hand reports, weak verdicts."""

from factdb.audit.findings import RULES, Finding, RuleInfo, Severity
from factdb.audit.runner import AuditReport, run_audit

__all__ = ["RULES", "AuditReport", "Finding", "RuleInfo", "Severity", "run_audit"]
