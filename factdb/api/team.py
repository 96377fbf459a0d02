"""Team work through the API: queues, assignment, notes, saved views, bulk actions, notifications.

The same domain functions and role checks as the pages; writes need a token.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import current_app, jsonify, url_for

from factdb.api.bodies import CURSORS, PAGING
from factdb.api.parsing import (
    created,
    get_field,
    int_arg,
    list_page,
    list_window,
    page_meta,
    refuse_unknown,
)
from factdb.api.routing import api_route, json_body
from factdb.api.spec import Endpoint, one, ref
from factdb.claims.similar import similar_claims
from factdb.errors import StaleEdit, ValidationFailed
from factdb.json_schema import INT, NULLABLE_INT, RECORD_ID, STRING, TIMESTAMP, enum_of, json_object
from factdb.models import User
from factdb.models.base import MAX_ID
from factdb.review import ReviewPolicy
from factdb.team import bulk, notes
from factdb.team import views as view_service
from factdb.team.assignment import KEEP, AssignmentView, assign, assignment_of
from factdb.team.notifications import mark_read, notifications_page
from factdb.team.queue import PARTS, QueueRow, queue_for, queue_page
from factdb.vocab import Status
from factdb.web.database import db

NULLABLE_ID = {"type": ["integer", "null"], "minimum": 1, "maximum": MAX_ID}


QUEUE_ROW = json_object({"id": INT, "text": STRING, "status": enum_of(Status),
                     "updated_at": TIMESTAMP, "editor_name": STRING, "reviewer_name": STRING, "last_note": STRING})  # fmt: skip
QUEUE = json_object({
    "counts": json_object({"research": INT, "returned": INT, "review": INT, "coming": INT, "total": INT}),
    "returned": {"type": "array", "items": QUEUE_ROW},
    "research": {"type": "array", "items": QUEUE_ROW},
    "review": {"type": "array", "items": QUEUE_ROW},
    "coming": {"type": "array", "items": QUEUE_ROW},
    "unassigned_review": {"type": "array", "items": QUEUE_ROW},
})  # fmt: skip
ASSIGNMENT = json_object({"claim_id": INT, "editor_id": NULLABLE_INT, "editor_name": STRING,
                      "reviewer_id": NULLABLE_INT, "reviewer_name": STRING, "returned": {"type": "boolean"}})  # fmt: skip
NOTE = json_object({"id": INT, "version": INT, "claim_id": INT, "text": STRING, "author_id": NULLABLE_INT,
                "author_name": STRING, "created_at": TIMESTAMP, "updated_at": TIMESTAMP, "edited": {"type": "boolean"}})  # fmt: skip
VIEW = json_object({"id": INT, "name": STRING, "query": STRING, "shared": {"type": "boolean"}, "owner_id": INT,
                "owner_name": STRING, "feed_url": STRING})  # fmt: skip
NOTIFICATION = json_object({"id": INT, "kind": STRING, "claim_id": NULLABLE_INT, "claim_text": STRING,
                        "actor_name": STRING, "message": STRING, "created_at": TIMESTAMP, "read": {"type": "boolean"}})  # fmt: skip
NOTIFICATION_PAGE = json_object(
    {"data": {"type": "array", "items": NOTIFICATION}, "meta": ref("PageMeta")}
)
BULK_RESULT = json_object({"done": {"type": "array", "items": INT},
                       "skipped": {"type": "object", "additionalProperties": STRING}, "message": STRING})  # fmt: skip

ASSIGNMENT_BODY = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "editor": {**NULLABLE_ID, "description": "User id of the editor; null for nobody; leave out to keep"},
        "reviewer": {**NULLABLE_ID, "description": "User id of the reviewer; null for nobody; leave out to keep"},
        "expected": {"type": "array", "items": NULLABLE_ID, "minItems": 2, "maxItems": 2,
                     "description": "The [editor, reviewer] you read; a different current assignment answers 409"},
    },
}  # fmt: skip
NOTE_BODY = {"type": "object", "required": ["text"], "additionalProperties": False,
             "properties": {"text": {"type": "string", "minLength": 1}}}  # fmt: skip
NOTE_PATCH = {"type": "object", "required": ["text", "version"], "additionalProperties": False,
              "properties": {"text": {"type": "string", "minLength": 1}, "version": INT}}  # fmt: skip
VIEW_BODY = {"type": "object", "required": ["name"], "additionalProperties": False,
             "properties": {"name": {"type": "string", "minLength": 1}, "shared": {"type": "boolean"},
                            "query": {"type": "string", "description": "The claims list's query string, e.g. status=in_review&tag=budget"}}}  # fmt: skip
BULK_BODY = {
    "type": "object", "required": ["claims", "action"], "additionalProperties": False,
    "properties": {
        "claims": {"type": "array", "items": RECORD_ID, "minItems": 1, "maxItems": bulk.MAX_BULK},
        "action": {"type": "string", "enum": ["assign", "tag", "in_review", "unverified"]},
        "editor": NULLABLE_ID, "reviewer": NULLABLE_ID, "tag": STRING,
    },
}  # fmt: skip
READ_BODY = {"type": "object", "additionalProperties": False,
             "properties": {"ids": {"type": "array", "items": RECORD_ID, "description": "Leave out to mark all read"}}}  # fmt: skip


def _row(row: QueueRow) -> dict[str, Any]:
    data = asdict(row)
    data["status"] = row.status.value
    data["updated_at"] = row.updated_at.isoformat() + "Z"
    return data


def _assignment(view: AssignmentView) -> dict[str, Any]:
    return asdict(view)


def _note(note: notes.NoteView) -> dict[str, Any]:
    data = asdict(note)
    data["created_at"] = note.created_at.isoformat() + "Z"
    data["updated_at"] = note.updated_at.isoformat() + "Z"
    return data


def _view(view: view_service.ViewRow, reader_id: int) -> dict[str, Any]:
    data = asdict(view)
    key = view_service.reader_key(data.pop("feed_key"), reader_id)
    data["feed_url"] = url_for("views.feed_atom", view_id=view.id, key=key, _external=True)
    return data


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def _ids(body: dict[str, Any], name: str) -> list[int]:
    values = get_field(body, name, list, [])
    if not all(_is_id(value) for value in values):
        raise ValidationFailed(
            "Expected a list of ids.", {name: f"Expected record ids from 1 to {MAX_ID}."}
        )
    return values


def _user_id(body: dict[str, Any], name: str) -> Any:
    if name not in body:
        return KEEP
    value = body[name]
    if value is not None and not _is_id(value):
        raise ValidationFailed("Expected a user id.", {name: "Expected a user id or null."})
    return value


SIMILAR = {"type": "array", "items": json_object({"id": INT, "text": STRING, "status": enum_of(Status),
                                              "score": {"type": "number"}})}  # fmt: skip


@api_route(Endpoint("/claims/similar", "GET", "similar_claims", "Claims like a text, most alike first (before recording it again)",
                    "Claims", "read", responses={200: one(SIMILAR)},
                    query=(("text", {"type": "string", "maxLength": 5000}, "The claim as typed so far"),)))  # fmt: skip
def similar(user: User) -> Any:
    from flask import request

    found = similar_claims(db(), request.args.get("text", "")[:5000])
    return jsonify(
        {
            "data": [
                {"id": c.id, "text": c.text, "status": c.status.value, "score": c.score}
                for c in found
            ]
        }
    )


@api_route(Endpoint("/queue", "GET", "my_queue", "What waits for you: claims to research, to review (and coming to review), and returned to you",
                    "Team", "read", responses={200: one(QUEUE)}))  # fmt: skip
def my_queue(user: User) -> Any:
    queue = queue_for(db(), user)
    return jsonify({"data": {
        "counts": queue.counts,
        **{part: [_row(row) for row in getattr(queue, part)]
           for part in PARTS},
    }})  # fmt: skip


@api_route(Endpoint("/queue/<part>", "GET", "my_queue_part", "One part of your queue (returned, research, review, coming, unassigned_review), oldest first, a page at a time",
                    "Team", "read", query=(*PAGING, *CURSORS), responses={200: {
                        "type": "object", "required": ["data", "meta"],
                        "properties": {"data": {"type": "array", "items": QUEUE_ROW}, "meta": ref("PageMeta")}}}))  # fmt: skip
def my_queue_part(user: User, part: str) -> Any:
    return list_page(queue_page(db(), user, part, **list_window()), _row)


@api_route(Endpoint("/claims/<int:claim_id>/assignment", "GET", "get_assignment", "Who a claim is assigned to",
                    "Team", "read", responses={200: one(ASSIGNMENT)}))  # fmt: skip
def get_assignment(user: User, claim_id: int) -> Any:
    from factdb.api.parsing import load_claim

    load_claim(claim_id)
    return jsonify({"data": _assignment(assignment_of(db(), claim_id))})


@api_route(Endpoint("/claims/<int:claim_id>/assignment", "PUT", "assign_claim", "Assign a claim's editor and reviewer",
                    "Team", "write", "editor", request=ASSIGNMENT_BODY, responses={200: one(ASSIGNMENT)}))  # fmt: skip
def assign_claim(user: User, claim_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, ASSIGNMENT_BODY)
    expected = get_field(body, "expected", list, None)
    if expected is not None and (
        len(expected) != 2 or not all(v is None or _is_id(v) for v in expected)
    ):
        raise ValidationFailed(
            "Expected [editor, reviewer].", {"expected": "Give two user ids or nulls."}
        )
    try:
        view = assign(
            db(), user, claim_id, editor_id=_user_id(body, "editor"), reviewer_id=_user_id(body, "reviewer"),
            expected=tuple(expected) if expected is not None else None,  # type: ignore[arg-type]
            allow_self_review=current_app.config["ALLOW_SELF_REVIEW"],
        )  # fmt: skip
    except StaleEdit as error:
        error.api_current = _assignment(error.current)  # type: ignore[attr-defined]
        raise
    return jsonify({"data": _assignment(view)})


@api_route(Endpoint("/claims/<int:claim_id>/notes", "GET", "list_notes", "A claim's notes, oldest first",
                    "Team", "read", responses={200: one({"type": "array", "items": NOTE})}))  # fmt: skip
def list_notes(user: User, claim_id: int) -> Any:
    from factdb.api.parsing import load_claim

    load_claim(claim_id)
    return jsonify({"data": [_note(note) for note in notes.notes_for(db(), claim_id)]})


@api_route(Endpoint("/claims/<int:claim_id>/notes", "POST", "add_note", "Add a note to a claim (@handle notifies a colleague)",
                    "Team", "write", "editor", request=NOTE_BODY, responses={201: one(NOTE)}))  # fmt: skip
def add_note(user: User, claim_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, NOTE_BODY)
    note = notes.add_note(db(), user, claim_id, get_field(body, "text", str, required=True))
    return created(
        _note(notes.note_view(db(), note.id)), url_for("api.list_notes", claim_id=claim_id)
    )


@api_route(Endpoint("/notes/<int:note_id>", "PATCH", "edit_note", "Change a note's text (its author); the old text stays in the history",
                    "Team", "write", "editor", request=NOTE_PATCH, responses={200: one(NOTE)}))  # fmt: skip
def edit_note(user: User, note_id: int) -> Any:
    body = json_body()
    refuse_unknown(body, NOTE_PATCH)
    try:
        notes.edit_note(db(), user, note_id, get_field(body, "text", str, required=True),
                        expected_version=get_field(body, "version", int, required=True))  # fmt: skip
    except StaleEdit as error:
        error.api_current = _note(notes.note_view(db(), note_id))  # type: ignore[attr-defined]
        raise
    return jsonify({"data": _note(notes.note_view(db(), note_id))})


@api_route(Endpoint("/views", "GET", "list_views", "Your saved views and those shared with the team",
                    "Team", "read", responses={200: one({"type": "array", "items": VIEW})}))  # fmt: skip
def list_views(user: User) -> Any:
    return jsonify(
        {"data": [_view(view, user.id) for view in view_service.views_for(db(), user.id)]}
    )


@api_route(Endpoint("/views", "POST", "create_view", "Save a claims list's filters under a name",
                    "Team", "write", "viewer", request=VIEW_BODY, responses={201: one(VIEW)}))  # fmt: skip
def create_view(user: User) -> Any:
    body = json_body()
    refuse_unknown(body, VIEW_BODY)
    view = view_service.save_view(db(), user, get_field(body, "name", str, required=True),
                                  get_field(body, "query", str, ""), shared=get_field(body, "shared", bool, False))  # fmt: skip
    return created(
        _view(view_service.visible_view(db(), user.id, view.id), user.id), url_for("api.list_views")
    )


@api_route(Endpoint("/views/<int:view_id>", "DELETE", "delete_view", "Delete one of your saved views",
                    "Team", "write", "viewer", responses={200: one(json_object({"deleted": INT}))}))  # fmt: skip
def delete_view(user: User, view_id: int) -> Any:
    view_service.delete_view(db(), user, view_id)
    return jsonify({"data": {"deleted": view_id}})


@api_route(Endpoint("/claims/bulk", "POST", "bulk_action", "Assign, tag, or move many claims between unverified and in review",
                    "Team", "write", "editor", request=BULK_BODY, responses={200: one(BULK_RESULT)}))  # fmt: skip
def bulk_action(user: User) -> Any:
    body = json_body()
    refuse_unknown(body, BULK_BODY)
    ids = _ids(body, "claims")
    action = get_field(body, "action", str, required=True)
    policy = ReviewPolicy(allow_self_review=current_app.config["ALLOW_SELF_REVIEW"])
    if action == "assign":
        result = bulk.bulk_assign(db(), user, ids, editor_id=_user_id(body, "editor"),
                                  reviewer_id=_user_id(body, "reviewer"), allow_self_review=policy.allow_self_review)  # fmt: skip
    elif action == "tag":
        result = bulk.bulk_tag(db(), user, ids, get_field(body, "tag", str, ""))
    elif action in ("in_review", "unverified"):
        result = bulk.bulk_status(db(), user, ids, Status(action), policy)
    else:
        raise ValidationFailed(
            "Unknown action.", {"action": "Choose assign, tag, in_review or unverified."}
        )
    return jsonify({"data": {"done": result.done, "skipped": {str(k): v for k, v in result.skipped.items()},
                             "message": result.summary("changed")}})  # fmt: skip


@api_route(Endpoint("/notifications", "GET", "list_notifications", "Your notifications, newest first",
                    "Team", "read", responses={200: NOTIFICATION_PAGE},
                    query=(("unread", {"type": "string", "enum": ["1"]}, "Only unread ones"),
                           ("page", {"type": "integer", "minimum": 1, "maximum": 10**9}, "Page number"))))  # fmt: skip
def list_notifications(user: User) -> Any:
    from flask import request

    page = notifications_page(db(), user.id, page=int_arg("page", 1, maximum=10**9) or 1,
                              unread_only=request.args.get("unread") == "1")  # fmt: skip
    data = []
    for item in page.items:
        row = asdict(item)
        row["kind"] = item.kind.value
        row["created_at"] = item.created_at.isoformat() + "Z"
        data.append(row)
    return jsonify({"data": data, "meta": page_meta(page)})


@api_route(Endpoint("/notifications/read", "POST", "read_notifications", "Mark your notifications read (those named, or all)",
                    "Team", "write", "viewer", request=READ_BODY, responses={200: one(json_object({"marked": INT}))}))  # fmt: skip
def read_notifications(user: User) -> Any:
    body = json_body()
    refuse_unknown(body, READ_BODY)
    ids = _ids(body, "ids") if "ids" in body else None
    return jsonify({"data": {"marked": mark_read(db(), user.id, ids)}})
