"""Sources through the API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request, url_for

from factdb import sources as source_service
from factdb.api.bodies import CURSORS, MAX_PER_PAGE, PAGING, SOURCE_BODY, STRING
from factdb.api.parsing import (
    body_values,
    created,
    get_field,
    int_arg,
    page_meta,
    with_current,
)
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, page_of, ref
from factdb.declarations.source import SOURCE
from factdb.errors import StaleEdit, ValidationFailed
from factdb.keyset import MAX_CURSOR
from factdb.models import Source, User
from factdb.serializers import (
    source_data,
)
from factdb.sources import SourceInput
from factdb.text import clean
from factdb.vocab import SourceKind
from factdb.web.database import db


def _source_input(body: dict[str, Any], current: Source | None = None) -> SourceInput:
    """The body over the source's present values; the domain validates the result."""
    values: dict[str, Any] = SOURCE.values(current) if current else {"name": ""}
    values["aliases"] = [alias.name for alias in current.aliases] if current else []
    return SourceInput(**body_values(SOURCE, body, values))


@api_route(Endpoint("/sources", "GET", "list_sources", "List sources", "Sources", "read", responses={200: page_of("Source")},
                    query=(("q", STRING, "Name or alias contains"), ("kind", {"type": "string", "enum": [k.value for k in SourceKind]}, "Kind"), *PAGING, *CURSORS)))  # fmt: skip
def list_sources(user: User) -> Any:
    kind = request.args.get("kind", "")
    if kind and kind not in SourceKind._value2member_map_:
        raise ValidationFailed(
            "Unknown kind.",
            {"kind": "Choose one of: " + ", ".join(k.value for k in SourceKind) + "."},
        )
    page = source_service.list_sources(db(), q=clean(request.args.get("q", ""))[:300], kind=kind,
                                       page=int_arg("page", 1, maximum=10**9) or 1, size=int_arg("per_page", 25, maximum=MAX_PER_PAGE) or 25,
                                           after=request.args.get("after", "")[:MAX_CURSOR], before=request.args.get("before", "")[:MAX_CURSOR])  # fmt: skip
    return jsonify(
        {
            "data": [source_data(row.source) for row in page.items],
            "meta": {
                **page_meta(page),
                "next_after": page.next_cursor,
                "previous_before": page.previous_cursor,
            },
        }
    )


@api_route(Endpoint("/sources", "POST", "create_source", "Add a source", "Sources", "write", "editor", request=SOURCE_BODY,
                    responses={201: one(ref("Source"))}))  # fmt: skip
def create_source(user: User) -> Any:
    source = source_service.create_source(db(), user, _source_input(json_body()))
    db().flush()
    source = source_service.get_source(db(), source.id)
    return created(source_data(source), url_for("api.get_source", source_id=source.id))


@api_route(Endpoint("/sources/<int:source_id>", "GET", "get_source", "One source", "Sources", "read", responses={200: one(ref("Source"))}))  # fmt: skip
def get_source(user: User, source_id: int) -> Any:
    return jsonify({"data": source_data(source_service.get_source(db(), source_id))})


@api_route(Endpoint("/sources/<int:source_id>", "PATCH", "update_source", "Change a source", "Sources", "write", "editor",
                    request=SOURCE_BODY | {"required": ["version"]}, responses={200: one(ref("Source"))}))  # fmt: skip
def update_source(user: User, source_id: int) -> Any:
    body = json_body()
    source = source_service.get_source(db(), source_id)
    version = get_field(body, "version", int, required=True)
    current = source_data(source)
    try:
        source_service.update_source(db(), user, source_id, version, _source_input(body, source))
    except StaleEdit as error:
        raise with_current(error, current) from error
    db().flush()
    return jsonify({"data": source_data(source_service.get_source(db(), source_id))})
