"""Wire the browser interface into the app: blueprints, guards, errors, headers."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException, InternalServerError

from factdb.web import audit, auth, claims, documents, exports, search, sources, users
from factdb.web import database as database_module
from factdb.web.filters import register_filters

csrf = CSRFProtect()

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

_ERROR_TITLES = {
    400: "That request could not be understood",
    401: "Please log in",
    403: "You do not have permission for that",
    404: "Not found",
    405: "That action is not available here",
    409: "Someone else changed this",
    413: "That is too large",
    500: "Something went wrong on our side",
}
_ERROR_ADVICE = {
    400: "Go back, reload the page and try again.",
    401: "Log in, then try again.",
    403: "Ask an admin for a role that allows it, or go back.",
    404: "Check the address, or start again from the claims list.",
    405: "Go back and use the page's own buttons.",
    413: "Send less at once: uploads and texts are limited to 8 MB.",
    500: "Nothing you typed was saved. Try again in a moment; if it keeps happening, tell an admin.",
}


def init_app(app: Flask) -> None:
    database_module.init_app(app)
    csrf.init_app(app)
    register_filters(app)
    app.before_request(auth.load_user)
    app.before_request(auth.require_login)
    for blueprint in (
        auth.bp,
        claims.bp,
        sources.bp,
        documents.bp,
        audit.bp,
        search.bp,
        exports.bp,
        users.bp,
    ):
        app.register_blueprint(blueprint)
    app.add_url_rule("/health", "health", lambda: {"status": "ok"})
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.context_processor(lambda: {"current_user": auth.current_user()})


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _wants_json() -> bool:
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]


def _http_error(error: HTTPException) -> Any:
    code = error.code or 500
    message = error.description
    if isinstance(error, CSRFError):
        message = (
            "The form was missing its security token or it had expired. "
            "Reload the page and submit again; what you typed may need to be re-entered."
        )
    title = _ERROR_TITLES.get(code, error.name)
    if _wants_json():
        body = {
            "status": code,
            "code": error.name.lower().replace(" ", "_"),
            "message": message or title,
            "fields": {},
        }
        return jsonify(body), code
    return (
        render_template(
            "error.html",
            code=code,
            title=title,
            message=message,
            advice=_ERROR_ADVICE.get(code, ""),
        ),
        code,
    )


def _unexpected_error(error: Exception) -> Any:
    if isinstance(error, HTTPException):
        return _http_error(error)
    current_app.logger.exception("Unhandled error", exc_info=error)
    return _http_error(InternalServerError())
