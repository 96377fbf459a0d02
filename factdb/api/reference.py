"""The API describes itself: its OpenAPI document and a readable reference page."""

from __future__ import annotations

from typing import Any

from flask import jsonify, render_template

from factdb.api.routing import bp
from factdb.api.spec import openapi


def openapi_document() -> Any:
    """The OpenAPI description, built from the declared endpoints (so it cannot drift from them)."""
    return jsonify(openapi())


def reference_page() -> Any:
    """A readable reference of the API, from the same declarations."""
    spec = openapi()
    return render_template("api/reference.html", spec=spec)


bp.add_url_rule("/openapi.json", "openapi", openapi_document)
bp.add_url_rule("/", "reference", reference_page)
