"""Exports through the API: the body is the exported file itself."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request

from factdb.api.bodies import EXPORT_MEDIA_TYPES, RECORD_ID
from factdb.api.routing import api_route
from factdb.api.spec import Endpoint
from factdb.errors import ValidationFailed
from factdb.export import FORMATS, NOTHING_TO_EXPORT, ExportSettings, export
from factdb.export.scope import export_scope
from factdb.models import User
from factdb.web.database import db, streamed
from factdb.web.params import record_ids


@api_route(Endpoint("/export", "GET", "export_citations", "Export citations (the body is the file itself)", "Export", "read",
                    responses={200: {"description": "The exported file: JSON for csl-json and claimreview, text otherwise"}}, media_types=EXPORT_MEDIA_TYPES,
                    query=(("format", {"type": "string", "enum": list(FORMATS)}, "Format"), ("as", {"type": "string", "enum": ["text", "markdown", "html"]}, "For formatted references"),
                           ("claim", RECORD_ID, "A claim (repeatable)"), ("document", RECORD_ID, "A document (repeatable)"))))  # fmt: skip
def export_citations(user: User) -> Any:
    format_name = request.args.get("format", "csl-json")
    scope = export_scope(
        db(),
        claim_ids=record_ids(request.args.getlist("claim")),
        document_ids=record_ids(request.args.getlist("document")),
    )
    config = current_app.config
    result = export(db(), format_name, claim_ids=scope.claim_ids, document_ids=scope.document_ids, citing=scope.citing,
                    output=request.args.get("as", ""), settings=ExportSettings.of(config))  # fmt: skip
    if scope.refuses(result.count):
        # A script that asked for claims no document has must not take an empty file for them.
        raise ValidationFailed(NOTHING_TO_EXPORT)
    headers = {"Content-Disposition": f'inline; filename="{result.filename}"'}
    return Response(streamed(result.chunks), mimetype=result.mimetype, headers=headers)
