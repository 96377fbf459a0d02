"""The JSON API under /api/v1: the same domain functions and rules as the browser pages.

One module per resource declares its endpoints on the blueprint in `routing`;
importing this package declares them all, so the OpenAPI document is complete.
"""

from __future__ import annotations

from flask import Flask

from factdb.api import (
    audit,
    capture,
    citations,
    claims,
    documents,
    exports,
    jobs,
    reference,
    sources,
    team,
)
from factdb.api.routing import bp

ENDPOINT_MODULES = (
    claims,
    citations,
    sources,
    documents,
    capture,
    audit,
    exports,
    jobs,
    team,
    reference,
)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


__all__ = ["ENDPOINT_MODULES", "bp", "init_app"]
