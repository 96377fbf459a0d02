"""The audit through the API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from factdb.api.bodies import RECORD_ID, STRING
from factdb.api.parsing import int_arg, keyset_meta
from factdb.api.routing import api_route
from factdb.api.spec import Endpoint, ref
from factdb.audit import RULES, kept
from factdb.audit.scope import audit_scope, missing_records
from factdb.claims import ClaimFilters
from factdb.errors import NotFound, ValidationFailed
from factdb.keyset import MAX_CURSOR, Window
from factdb.models import User
from factdb.models.base import MAX_ID
from factdb.pagination import clamp_page
from factdb.web.database import db

MAX_FINDINGS_PER_PAGE = 1000


@api_route(Endpoint("/audit", "GET", "audit", "Kept audit findings for everything, or for claims, a document or a source, a page at a time", "Audit", "read",
                    responses={200: {"type": "object", "required": ["data", "meta"], "properties": {"data": {"type": "array", "items": ref("Finding")}, "meta": {"type": "object"}}}},
                    query=(("rule", {"type": "string", "enum": list(RULES)}, "Only this rule"), ("claim", RECORD_ID, "Only this claim"),
                           ("document", RECORD_ID, "A document and its claims"), ("source", RECORD_ID, "Claims attributed to a source"),
                           ("page", {"type": "integer", "minimum": 1}, "Page number"),
                           ("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_FINDINGS_PER_PAGE}, "Findings per page (default 100)"),
                           ("after", STRING, "Start after this finding (meta.next_after of the page before)"),
                           ("before", STRING, "End before this finding (meta.previous_before of the page after)"))))  # fmt: skip
def audit(user: User) -> Any:
    rule = request.args.get("rule", "")
    if rule and rule not in RULES:
        raise ValidationFailed(
            "Unknown rule.", {"rule": "Choose one of: " + ", ".join(RULES) + "."}
        )
    claim_id, document_id, source_id = (
        int_arg(name, maximum=MAX_ID) for name in ("claim", "document", "source")
    )
    per_page = int_arg("per_page", 100, maximum=MAX_FINDINGS_PER_PAGE) or 100
    number = int_arg("page", 1, maximum=10**9) or 1
    session = db()
    # A mistyped id must not read as "no findings" to a script that gates on them.
    missing = missing_records(
        session,
        claim_ids=[claim_id] if claim_id is not None else [],
        document_id=document_id,
        source_id=source_id,
    )
    if missing:
        raise NotFound(f"No {', no '.join(missing)}: check the id.")
    scope = audit_scope(
        session,
        claim_ids=[claim_id] if claim_id is not None else [],
        filters=ClaimFilters(document_id=document_id, source_id=source_id),
    )
    rules = [rule] if rule else []
    by_rule = kept.counts_by_rule(session, scope)
    total = by_rule.get(rule, 0) if rule else sum(by_rule.values())
    number = clamp_page(number, per_page, total)
    window = Window(number, max(1, -(-total // per_page)), per_page, total,
                    request.args.get("after", "")[:MAX_CURSOR], request.args.get("before", "")[:MAX_CURSOR])  # fmt: skip
    page = kept.findings_page(session, scope, window, rules=rules)
    return jsonify(
        {
            "data": [f.to_json() for f in page.items],
            "meta": {**keyset_meta(page), "by_rule": kept.every_rule(by_rule)},
        }
    )
