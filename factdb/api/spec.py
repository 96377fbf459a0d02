"""The API's endpoints are declared once, here; the OpenAPI document is built from them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factdb.models.base import MAX_ID
from factdb.serializers import SCHEMAS


@dataclass(frozen=True)
class Endpoint:
    rule: str
    method: str
    name: str
    summary: str
    tag: str
    #: "read" (any logged-in user or token) or "write" (a token that may write, and the role below).
    access: str
    role: str = "viewer"
    request: dict[str, Any] | None = None
    responses: dict[int, dict[str, Any]] = field(default_factory=dict)
    query: tuple[tuple[str, dict[str, Any], str], ...] = ()
    #: Media types of the success response (the export answers with the file itself).
    media_types: tuple[str, ...] = ("application/json",)


ENDPOINTS: list[Endpoint] = []

ERROR = {"$ref": "#/components/schemas/Error"}
ERROR_RESPONSES = {
    400: "The request body is not valid JSON, or not a JSON object.",
    401: "No valid API token (send `Authorization: Bearer fdb_…`).",
    403: "The token or its user's role does not allow this.",
    404: "No such record.",
    409: "Someone changed the record since the version you sent (`current` holds their version), or its state no longer allows the action (a job that has already ended), or a new document is one already recorded, or a new claim has the words its author saved within the last 10 minutes (`already_recorded`: `current` names it).",
    422: "The values broke a rule; `fields` names each by its path in the body (`text`, `citations[0].document`) and says why.",
}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def page_of(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["data", "meta"],
        "properties": {"data": {"type": "array", "items": ref(name)}, "meta": ref("PageMeta")},
    }


def one(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["data"], "properties": {"data": schema}}


def _path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    names = re.findall(r"<(?:int:)?(\w+)>", rule)
    path = re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule)
    parameters = [
        {
            "name": n,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        }
        for n in names
    ]
    return path, parameters


def openapi(base: str = "/api/v1") -> dict[str, Any]:
    """The OpenAPI 3.1 document for every declared endpoint."""
    paths: dict[str, Any] = {}
    for endpoint in ENDPOINTS:
        path, parameters = _path(endpoint.rule)
        parameters += [
            {
                "name": name,
                "in": "query",
                "required": False,
                "schema": schema,
                "description": description,
            }
            for name, schema, description in endpoint.query
        ]
        responses: dict[str, Any] = {
            str(code): {
                "description": "OK" if code < 300 else "Created",
                "content": {media: {"schema": schema} for media in endpoint.media_types},
            }
            for code, schema in endpoint.responses.items()
        }
        codes = [401, 404, 422] if endpoint.access == "read" else [400, 401, 403, 404, 409, 422]
        for code in codes:
            responses.setdefault(
                str(code),
                {
                    "description": ERROR_RESPONSES[code],
                    "content": {"application/json": {"schema": ERROR}},
                },
            )
        operation: dict[str, Any] = {
            "operationId": endpoint.name,
            "summary": endpoint.summary,
            "tags": [endpoint.tag],
            "parameters": parameters,
            "responses": responses,
        }
        if endpoint.request is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": endpoint.request}},
            }
        if endpoint.access == "write":
            operation["description"] = (
                f"Needs a token that may write, held by a {endpoint.role} or above."
            )
        paths.setdefault(base + path, {})[endpoint.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "factdb API",
            "version": "1",
            "description": "Claims, their sources and documents, citations, review and audit. "
            "Authenticate with a personal token from your profile page: `Authorization: Bearer fdb_…`.",
        },
        "servers": [{"url": "/"}],
        "security": [{"token": []}],
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "token": {"type": "http", "scheme": "bearer", "description": "A personal API token"}
            },
        },
        "paths": paths,
    }


def declare(endpoint: Endpoint) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    ENDPOINTS.append(endpoint)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        view.endpoint_spec = endpoint  # type: ignore[attr-defined]
        return view

    return decorator
