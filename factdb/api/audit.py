"""The audit through the API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from factdb import claims as claim_service
from factdb.api.bodies import RECORD_ID
from factdb.api.parsing import int_arg
from factdb.api.routing import api_route
from factdb.api.spec import Endpoint, ref
from factdb.audit import RULES
from factdb.claims import ClaimFilters
from factdb.errors import ValidationFailed
from factdb.models import User
from factdb.models.base import MAX_ID
from factdb.web.audit import kept_audit
from factdb.web.database import db


@api_route(Endpoint("/audit", "GET", "audit", "Audit findings for everything, or for claims, a document or a source", "Audit", "read",
                    responses={200: {"type": "object", "required": ["data", "meta"], "properties": {"data": {"type": "array", "items": ref("Finding")}, "meta": {"type": "object"}}}},
                    query=(("rule", {"type": "string", "enum": list(RULES)}, "Only this rule"), ("claim", RECORD_ID, "Only this claim"),
                           ("document", RECORD_ID, "A document and its claims"), ("source", RECORD_ID, "Claims attributed to a source"))))  # fmt: skip
def audit(user: User) -> Any:
    rule = request.args.get("rule", "")
    if rule and rule not in RULES:
        raise ValidationFailed(
            "Unknown rule.", {"rule": "Choose one of: " + ", ".join(RULES) + "."}
        )
    claim_id, document_id, source_id = (
        int_arg(name, maximum=MAX_ID) for name in ("claim", "document", "source")
    )
    scope = None
    if claim_id is not None or document_id is not None or source_id is not None:
        scope = [claim_id] if claim_id is not None else []
        if document_id is not None or source_id is not None:
            scope += claim_service.matching_claim_ids(
                db(), ClaimFilters(document_id=document_id, source_id=source_id)
            )
    report = kept_audit(scope, [document_id] if document_id is not None else []).report
    findings = [f for f in report.findings if not rule or f.rule == rule]
    return jsonify({"data": [f.to_json() for f in findings],
                    "meta": {"claims": report.claims_checked, "documents": report.documents_checked, "quotes": report.quotes_checked}})  # fmt: skip
