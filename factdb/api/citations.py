"""Citations through the API: add one to a claim, read one, change one."""

from __future__ import annotations

from typing import Any

from flask import jsonify, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from factdb import claims as claim_service
from factdb.api.bodies import CITATION_BODY
from factdb.api.fields import citation_body_errors
from factdb.api.parsing import (
    citation_input,
    created,
    get_field,
    load_claim,
    with_current,
)
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, ref
from factdb.claims import ClaimInput
from factdb.errors import NotFound, StaleEdit
from factdb.models import Citation, User
from factdb.serializers import (
    citation_data,
)
from factdb.web.database import db


@api_route(Endpoint("/claims/<int:claim_id>/citations", "POST", "add_citation", "Add a citation to a claim", "Citations", "write", "editor",
                    request=CITATION_BODY, responses={201: one(ref("Citation"))}))  # fmt: skip
@citation_body_errors()
def add_citation(user: User, claim_id: int) -> Any:
    body = json_body()
    claim = load_claim(claim_id)
    entry = citation_input(body, 0)
    keep = claim_service.unchanged_citations(claim)
    before = {c.id for c in claim.citations}
    claim_service.save_claim(db(), user, ClaimInput(text=claim.text, context=claim.context, tags=[t.name for t in claim.tags],
                                                    citations=[entry, *keep]), claim_id=claim_id)  # fmt: skip
    db().flush()
    added = next(c for c in claim_service.get_claim(db(), claim_id).citations if c.id not in before)
    return created(citation_data(added), url_for("api.get_claim", claim_id=claim_id))


def _load_citation(citation_id: int) -> Citation:
    citation = db().scalar(
        select(Citation)
        .where(Citation.id == citation_id)
        .options(selectinload(Citation.document), selectinload(Citation.speaker))
    )
    if citation is None:
        raise NotFound(f"There is no citation {citation_id}.")
    return citation


@api_route(Endpoint("/citations/<int:citation_id>", "GET", "get_citation", "One citation", "Citations", "read",
                    responses={200: one(ref("Citation"))}))  # fmt: skip
def get_citation(user: User, citation_id: int) -> Any:
    return jsonify({"data": citation_data(_load_citation(citation_id))})


@api_route(Endpoint("/citations/<int:citation_id>", "PATCH", "update_citation", "Change a citation: the fields sent, the rest as they are", "Citations", "write", "editor",
                    request=CITATION_BODY | {"required": ["version"]}, responses={200: one(ref("Citation"))}))  # fmt: skip
@citation_body_errors()
def update_citation(user: User, citation_id: int) -> Any:
    body = json_body()
    citation = _load_citation(citation_id)
    version = get_field(body, "version", int, required=True)
    entry = citation_input(body, 0, current=claim_service.kept_citation(citation))
    entry.version = version
    claim = load_claim(citation.claim_id)
    others = claim_service.unchanged_citations(claim, leave_out=citation_id)
    current = citation_data(citation)
    try:
        claim_service.save_claim(db(), user, ClaimInput(text=claim.text, context=claim.context, tags=[t.name for t in claim.tags],
                                                        citations=[entry, *others]), claim_id=claim.id)  # fmt: skip
    except StaleEdit as error:
        raise with_current(error, current) from error
    db().flush()
    return jsonify({"data": citation_data(_load_citation(citation_id))})
