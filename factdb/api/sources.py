"""Sources through the API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, url_for

from factdb import sources as source_service
from factdb.api.bodies import CURSORS, MERGE_BODY, PAGING, SOURCE_BODY, STRING
from factdb.api.parsing import (
    body_values,
    choice_arg,
    get_field,
    list_page,
    list_window,
    with_current,
)
from factdb.api.records import RecordWrites
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, page_of, ref
from factdb.declarations.source import SOURCE
from factdb.errors import NotFound, StaleEdit
from factdb.json_schema import enum_of
from factdb.models import Source, User
from factdb.serializers import source_data
from factdb.source_merge import find_merged, merge_source
from factdb.sources import SourceInput
from factdb.vocab import SourceKind
from factdb.web.database import db
from factdb.web.params import search_text


def _source_input(body: dict[str, Any], current: Source | None = None) -> SourceInput:
    """The body over the source's present values; the domain validates the result."""
    values: dict[str, Any] = SOURCE.values(current) if current else {"name": ""}
    values["aliases"] = [alias.name for alias in current.aliases] if current else []
    return SourceInput(**body_values(SOURCE, body, values))


_WRITES = RecordWrites(
    noun="source",
    get=source_service.get_source,
    create=source_service.create_source,
    update=source_service.update_source,
    read=_source_input,
    data=source_data,
)


@api_route(Endpoint("/sources", "GET", "list_sources", "List sources", "Sources", "read", responses={200: page_of("Source")},
                    query=(("q", STRING, "Name or alias contains"), ("kind", enum_of(SourceKind), "Kind"), *PAGING, *CURSORS)))  # fmt: skip
def list_sources(user: User) -> Any:
    page = source_service.list_sources(
        db(), q=search_text(), kind=choice_arg("kind", SourceKind), **list_window()
    )
    return list_page(page, lambda row: source_data(row.source))


@api_route(Endpoint("/sources", "POST", "create_source", "Add a source", "Sources", "write", "editor", request=SOURCE_BODY,
                    responses={201: one(ref("Source"))}))  # fmt: skip
def create_source(user: User) -> Any:
    return _WRITES.add(user)


@api_route(Endpoint("/sources/<int:source_id>", "GET", "get_source", "One source", "Sources", "read", responses={200: one(ref("Source"))}))  # fmt: skip
def get_source(user: User, source_id: int) -> Any:
    try:
        source = source_service.get_source(db(), source_id)
    except NotFound:  # a merged source's address leads to the one it became
        return redirect(url_for("api.get_source", source_id=find_merged(db(), source_id)), 301)
    return jsonify({"data": source_data(source)})


@api_route(Endpoint("/sources/<int:source_id>", "PATCH", "update_source", "Change a source", "Sources", "write", "editor",
                    request=SOURCE_BODY | {"required": ["version"]}, responses={200: one(ref("Source"))}))  # fmt: skip
def update_source(user: User, source_id: int) -> Any:
    return _WRITES.change(user, source_id)


@api_route(Endpoint("/sources/<int:source_id>/merge", "POST", "merge_source", "Merge this source into another", "Sources", "write", "editor",
                    request=MERGE_BODY, responses={200: one(ref("Source"))}))  # fmt: skip
def merge_source_into(user: User, source_id: int) -> Any:
    """Merge the source into `into`; answer with the source kept, as it now is."""
    body = json_body()
    into = get_field(body, "into", int, required=True)
    source = source_service.get_source(db(), source_id)
    version = get_field(body, "version", int, default=source.version)
    current = source_data(source)
    try:
        done = merge_source(db(), user, source_id, into, version)
    except StaleEdit as error:
        raise with_current(error, current) from error
    db().flush()
    return jsonify({"data": source_data(source_service.get_source(db(), done.kept.id))})
