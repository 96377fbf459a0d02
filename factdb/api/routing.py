"""How every API endpoint is registered: authentication, roles, errors and JSON in one place.

Reading works with a personal token or the browser's session; writing needs a
token (so that no other site can write with a visitor's cookie), one that is not
read-only, held by a user whose role allows the action.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, after_this_request, g, jsonify, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from factdb.access import record_token_use, token_use_is_news, user_for_token
from factdb.api.fields import api_fields
from factdb.api.spec import Endpoint, declare
from factdb.errors import (
    AlreadyRecorded,
    Conflict,
    NotAllowed,
    NotFound,
    SavedMomentAgo,
    StaleEdit,
    ValidationFailed,
)
from factdb.models import ApiToken, User, utcnow
from factdb.vocab import Role
from factdb.web.database import database, db

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, str] | None = None,
        current: Any = None,
    ):
        super().__init__(message)
        self.status, self.code, self.message, self.fields, self.current = (
            status,
            code,
            message,
            fields or {},
            current,
        )


def error_response(error: ApiError) -> Response:
    body: dict[str, Any] = {
        "status": error.status,
        "code": error.code,
        "message": error.message,
        "fields": error.fields,
    }
    if error.current is not None:
        body["current"] = error.current
    response = jsonify(body)
    response.status_code = error.status
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="factdb"'
    return response


def _already_recorded(error: AlreadyRecorded) -> ApiError:
    """A 409 naming the recorded document, so that a script can cite it instead."""
    recorded = {
        "id": error.document_id,
        "title": error.title,
        "url": url_for("api.get_document", document_id=error.document_id),
    }
    fields = api_fields(error.fields)
    return ApiError(409, "already_recorded", error.message, fields, current=recorded)


def _saved_moment_ago(error: SavedMomentAgo) -> ApiError:
    """A 409 naming the claim its author saved a moment ago with the same words."""
    recorded = {
        "id": error.claim_id,
        "text": error.text,
        "url": url_for("api.get_claim", claim_id=error.claim_id),
    }
    message = (
        f"You saved this claim a moment ago as #{error.claim_id}: "
        "send it with `?different=true` to save a second one."
    )
    return ApiError(409, "already_recorded", message, api_fields(error.fields), current=recorded)


def _authenticate(write: bool) -> User:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        found = user_for_token(db(), header.removeprefix("Bearer ").strip())
        if found is None:
            raise ApiError(
                401,
                "invalid_token",
                "That API token is unknown or revoked. Create a new one on your profile page.",
            )
        user, token = found
        if write and token.read_only:
            raise ApiError(
                403, "read_only_token", "This token may only read. Create a token that may write."
            )
        _note_use(token, write)
        g.api_token = token
        return user
    if write:
        raise ApiError(
            401,
            "token_required",
            "Writing through the API needs a token: `Authorization: Bearer fdb_…`.",
        )
    user = g.get("user")  # the browser's log-in, as the web layer checked it
    if user is None:
        raise ApiError(
            401,
            "login_required",
            "Send a personal API token (`Authorization: Bearer fdb_…`) or log in.",
        )
    return user


def _note_use(token: ApiToken, write: bool) -> None:
    """Record when a token was used: in a write's own transaction, or after a read has answered."""
    now = utcnow()
    if not token_use_is_news(token, now):
        return
    if write:
        token.last_used_at = now
        return
    engine, token_id = database().engine, token.id

    @after_this_request
    def _after_the_answer(response: Response) -> Response:
        response.call_on_close(lambda: record_token_use(engine, token_id, now))
        return response


def api_route(endpoint: Endpoint) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a view under the API: authentication, roles, errors and JSON, in one place."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        declare(endpoint)(view)
        write = endpoint.access == "write"

        @wraps(view)
        def wrapped(**kwargs: Any) -> Any:
            try:
                user = _authenticate(write)
                if not user.can(Role(endpoint.role)):
                    raise ApiError(403, "forbidden", f"This needs the {endpoint.role} role.")
                g.user = user
                result = view(user, **kwargs)
                if endpoint.method == "GET":
                    db().rollback()  # a read commits nothing, so it can change nothing
                else:
                    db().commit()
                return result
            except ApiError as error:
                db().rollback()
                return error_response(error)
            except AlreadyRecorded as error:
                db().rollback()
                return error_response(_already_recorded(error))
            except SavedMomentAgo as error:
                db().rollback()
                return error_response(_saved_moment_ago(error))
            except ValidationFailed as error:
                db().rollback()
                return error_response(
                    ApiError(422, "invalid", error.message, api_fields(error.fields))
                )
            except StaleEdit as error:
                db().rollback()
                current = getattr(error, "api_current", None)
                return error_response(ApiError(409, "conflict", error.message, current=current))
            except StaleDataError:
                db().rollback()
                return error_response(
                    ApiError(
                        409,
                        "conflict",
                        "Someone changed this record at the same moment; reload it and try again.",
                    )
                )
            except NotFound as error:
                db().rollback()
                return error_response(ApiError(404, "not_found", error.message))
            except NotAllowed as error:
                db().rollback()
                return error_response(ApiError(403, "forbidden", error.message))
            except Conflict as error:
                db().rollback()
                return error_response(ApiError(409, "conflict", error.message))

        wrapped.required_role = Role(endpoint.role) if write else None  # type: ignore[attr-defined]
        wrapped.api_access = endpoint.access  # type: ignore[attr-defined]
        bp.add_url_rule(endpoint.rule, endpoint.name, wrapped, methods=[endpoint.method])
        return wrapped

    return decorator


def json_body() -> dict[str, Any]:
    if not request.is_json:
        raise ApiError(400, "not_json", "Send a JSON object with `Content-Type: application/json`.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "not_json", "The body must be a JSON object.")
    return _integral(body)


def _integral(value: Any) -> Any:
    """JSON does not tell 50 from 50.0; ids and versions arrive as whole numbers either way."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value
