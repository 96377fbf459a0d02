"""Claims and their review through the API."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request, url_for

from factdb import claims as claim_service
from factdb import review
from factdb.api.bodies import CLAIM_BODY, CLAIM_FILTERS, CLAIM_PATCH, MAX_PER_PAGE, STATUS_BODY
from factdb.api.parsing import (
    choice,
    citation_inputs,
    created,
    get_field,
    int_arg,
    list_page,
    load_claim,
    refuse_unknown,
    with_current,
)
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, page_of, ref
from factdb.claims import ClaimFilters, ClaimInput
from factdb.claims.params import filters_from_args
from factdb.errors import StaleEdit, ValidationFailed
from factdb.history import changes_for_claim
from factdb.models import User
from factdb.serializers import (
    change_data,
    claim_data,
    status_change_data,
)
from factdb.vocab import Status
from factdb.web.database import db


def _filters() -> ClaimFilters:
    return filters_from_args(request.args, strict=True)


@api_route(Endpoint("/claims", "GET", "list_claims", "List claims, with the same filters as the claims page", "Claims", "read",
                    responses={200: page_of("ClaimSummary")}, query=CLAIM_FILTERS))  # fmt: skip
def list_claims(user: User) -> Any:
    page = claim_service.list_claims(
        db(), _filters(), size=int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25
    )
    return list_page(page, lambda row: claim_data(row.claim, citations=False, tags=row.tags))


@api_route(Endpoint("/claims", "POST", "create_claim", "Record a claim with its citations", "Claims", "write", "editor",
                    request=CLAIM_BODY, responses={201: one(ref("Claim"))},
                    query=(("different", {"type": "string", "enum": ["true"]}, "Save it even if you saved the same words within the last 10 minutes (409 already_recorded names that claim): you mean a second claim"),)))  # fmt: skip
def create_claim(user: User) -> Any:
    body = json_body()
    refuse_unknown(body, CLAIM_BODY)
    citations, problems = citation_inputs(body)
    # The domain checks the declared fields (factdb.declarations.claim), naming each one at fault.
    data = ClaimInput(text=body.get("text", ""), context=body.get("context") or "",
                      tags=body.get("tags") or [], citations=citations)  # fmt: skip
    if problems:
        fields = claim_service.claim_problems(data) | problems
        raise ValidationFailed("Please correct the marked fields.", fields)
    again = request.args.get("different") == "true"
    result = claim_service.add_claim(db(), user, data, again=again)
    db().flush()
    claim = claim_service.get_claim(db(), result.claim.id)
    return created(claim_data(claim), url_for("api.get_claim", claim_id=claim.id))


@api_route(Endpoint("/claims/<int:claim_id>", "GET", "get_claim", "One claim with its citations", "Claims", "read",
                    responses={200: one(ref("Claim"))}))  # fmt: skip
def get_claim(user: User, claim_id: int) -> Any:
    return jsonify({"data": claim_data(load_claim(claim_id))})


@api_route(Endpoint("/claims/<int:claim_id>", "PATCH", "update_claim", "Change a claim's text, context or tags", "Claims", "write", "editor",
                    request=CLAIM_PATCH, responses={200: one(ref("Claim"))}))  # fmt: skip
def update_claim(user: User, claim_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, CLAIM_PATCH)
    claim = load_claim(claim_id)
    version = get_field(body, "version", int, required=True)
    keep = claim_service.unchanged_citations(claim)
    data = ClaimInput(
        text=claim.text if body.get("text") is None else body["text"],
        context=claim.context if body.get("context") is None else body["context"],
        tags=[tag.name for tag in claim.tags] if body.get("tags") is None else body["tags"],
        citations=keep,
    )
    current = claim_data(claim)
    try:
        claim_service.save_claim(db(), user, data, claim_id=claim_id, expected_version=version)
    except StaleEdit as error:
        raise with_current(error, current) from error
    db().flush()
    return jsonify({"data": claim_data(claim_service.get_claim(db(), claim_id))})


@api_route(Endpoint("/claims/<int:claim_id>/status", "POST", "change_status", "Move a claim through review (same rules as the browser)",
                    "Review", "write", "editor", request=STATUS_BODY, responses={201: one(ref("StatusChange"))}))  # fmt: skip
def change_status(user: User, claim_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, STATUS_BODY)
    evidence = get_field(body, "evidence", list, [])
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in evidence):
        raise ValidationFailed(
            "Evidence lists citation ids.", {"evidence": "Expected a list of citation ids."}
        )
    claim = load_claim(claim_id)
    current = claim_data(claim)
    try:
        change = review.change_status(
            db(), user, claim_id,
            to_status=choice(body, "status", Status, None),
            note=get_field(body, "note", str, ""),
            evidence_ids=evidence,
            expected_version=get_field(body, "version", int, required=True),
            policy=review.ReviewPolicy(allow_self_review=current_app.config["ALLOW_SELF_REVIEW"]),
        )  # fmt: skip
    except StaleEdit as error:
        raise with_current(error, current) from error
    db().flush()
    return created(status_change_data(change), url_for("api.claim_history", claim_id=claim_id))


@api_route(Endpoint("/claims/<int:claim_id>/history", "GET", "claim_history", "Status changes and edits of a claim, oldest first",
                    "Review", "read", responses={200: one({"type": "object", "required": ["status_changes", "changes"], "properties": {
                        "status_changes": {"type": "array", "items": ref("StatusChange")},
                        "changes": {"type": "array", "items": ref("Change")}}})}))  # fmt: skip
def claim_history(user: User, claim_id: int) -> Any:
    load_claim(claim_id)
    return jsonify({"data": {
        "status_changes": [status_change_data(c) for c in claim_service.status_history(db(), claim_id)],
        "changes": [change_data(c) for c in changes_for_claim(db(), claim_id)],
    }})  # fmt: skip
