"""Wire the browser interface into the app: blueprints, guards, errors, headers."""

from __future__ import annotations

from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    has_request_context,
    jsonify,
    render_template,
    request,
)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import (
    Forbidden,
    HTTPException,
    InternalServerError,
    UnprocessableEntity,
)
from werkzeug.exceptions import NotFound as HTTPNotFound

from factdb.errors import NotAllowed, NotFound, ValidationFailed
from factdb.models.base import MAX_ID
from factdb.web import database as database_module
from factdb.web.database import SAFE_METHODS
from factdb.web.filters import query_args, register_filters
from factdb.web.json_input import StrictJSONProvider

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
    422: "Some values were not accepted",
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


class _SessionInterface(SecureCookieSessionInterface):
    """Signed-cookie sessions whose cookie is Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or (
            has_request_context() and request.is_secure
        )


def _refuse_impossible_ids(_endpoint: str | None, values: dict | None) -> None:
    """Ids beyond what a database integer holds are simply not found (not a 500)."""
    if values and any(isinstance(v, int) and v > MAX_ID for v in values.values()):
        abort(404, description="There is no such record.")


def init_app(app: Flask) -> None:
    # The pages are imported here, not with this package: a command that needs only the
    # database (an export) imports factdb.web.database without every page, the article
    # reader (spaCy) and the page capture among them.
    from factdb.web import (
        audit,
        auth,
        capture,
        claims,
        documents,
        entry,
        exports,
        imports,
        intake,
        jobs,
        profile,
        saved_views,
        search,
        sources,
        team,
        users,
    )

    app.json = StrictJSONProvider(app)
    app.session_interface = _SessionInterface()
    app.url_value_preprocessor(_refuse_impossible_ids)
    database_module.init_app(app)
    register_filters(app)
    # Who is asking is known before the CSRF check: a logged-in user's form with an
    # outdated token is shown again with what they typed (factdb.web.stale_token).
    app.before_request(auth.load_user)
    csrf.init_app(app)
    app.before_request(auth.require_login)
    for blueprint in (
        auth.bp,
        claims.bp,
        sources.bp,
        documents.bp,
        audit.bp,
        search.bp,
        exports.bp,
        imports.bp,
        users.bp,
        profile.bp,
        intake.bp,
        jobs.bp,
        capture.bp,
        saved_views.bp,
        entry.bp,
    ):
        app.register_blueprint(blueprint)
    team.init_app(app)
    from factdb import api

    api.init_app(app)
    # The API authenticates writes with tokens, never with the session cookie, so a
    # forged cross-site request has nothing to ride on; the CSRF token is for forms.
    csrf.exempt(api.bp)
    app.after_request(_json_twin_link)
    app.add_url_rule("/health", "health", lambda: {"status": "ok"})
    app.after_request(_security_headers)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.context_processor(
        lambda: {"current_user": auth.current_user(), "json_twin_url": json_twin_url}
    )


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    accept = request.accept_mimetypes
    return accept["application/json"] > accept["text/html"]


#: Browser pages and the API endpoints that give the same data as JSON.
JSON_TWINS = {
    "claims.index": "api.list_claims",
    "claims.detail": "api.get_claim",
    "sources.index": "api.list_sources",
    "sources.detail": "api.get_source",
    "documents.index": "api.list_documents",
    "documents.detail": "api.get_document",
    "audit.index": "api.audit",
    "jobs.index": "api.list_jobs",
    "jobs.detail": "api.get_job",
    "team.my_queue": "api.my_queue",
    "team.notifications": "api.list_notifications",
    "views.index": "api.list_views",
}


def json_twin_url() -> str | None:
    """The JSON version of this page, with the same filters, or None."""
    from flask import g, url_for

    if "json_twin" not in g:  # asked twice a page: by the footer and by the Link header
        target = JSON_TWINS.get(request.endpoint or "")
        args = {**(request.view_args or {}), **query_args()}
        g.json_twin = url_for(target, **args) if target else None
    return g.json_twin


def _json_twin_link(response: Response) -> Response:
    if response.status_code == 200 and response.mimetype == "text/html":
        twin = json_twin_url()
        if twin:
            response.headers.add("Link", f'<{twin}>; rel="alternate"; type="application/json"')
    return response


def _csrf_error(error: CSRFError) -> Any:
    """Show a logged-in user's form again when its token is outdated; else refuse it (400)."""
    from factdb.web import stale_token

    shown = stale_token.show_again()
    if shown is not None:
        return shown
    return _http_error(error)


def _http_error(error: HTTPException) -> Any:
    code = error.code or 500
    message = error.description
    logged_out = False
    if isinstance(error, CSRFError):
        from factdb.web import auth, stale_token

        logged_out = auth.current_user() is None and request.method not in SAFE_METHODS
        message = (
            stale_token.LOGGED_OUT
            if logged_out
            else "The form was missing its security token or it had expired. "
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
            log_in_elsewhere=logged_out,
        ),
        code,
    )


def _unexpected_error(error: Exception) -> Any:
    if isinstance(error, HTTPException):
        return _http_error(error)
    if isinstance(error, (NotFound, NotAllowed)):
        # A record that is not there, or not this user's to change: whichever view asked.
        database_module.db().rollback()
        return _http_error(
            (Forbidden if isinstance(error, NotAllowed) else HTTPNotFound)(error.message)
        )
    if isinstance(error, ValidationFailed):
        # A rule that a view did not expect to be broken (a value longer than its
        # column, found at the write): still the user's input, so a 422 that names it.
        database_module.db().rollback()
        fields = "; ".join(error.fields.values())
        return _http_error(UnprocessableEntity(f"{error.message} {fields}".strip()))
    current_app.logger.exception("Unhandled error", exc_info=error)
    return _http_error(InternalServerError())
