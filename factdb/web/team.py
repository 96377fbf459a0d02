"""Team pages: my queue, notifications, a claim's assignment and notes, bulk actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import Blueprint, Flask, current_app, flash, g, redirect, request, url_for
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from factdb.errors import NotAllowed, StaleEdit, ValidationFailed
from factdb.review import ReviewPolicy
from factdb.team import bulk, notes, queue
from factdb.team.assignment import (
    KEEP,
    Assignable,
    AssignmentView,
    assign,
    assignment_and_assignable,
    assignment_of,
)
from factdb.team.notifications import handle_of, mark_read, notifications_page
from factdb.team.views import nav_for
from factdb.vocab import Role, Status
from factdb.web.auth import current_user, role_required, safe_next
from factdb.web.database import db
from factdb.web.forms import apply_errors, save_form
from factdb.web.once import once_token_field, repeated_answer
from factdb.web.params import list_window, page_number, record_id, record_ids
from factdb.web.stale_token import keeps_typed_text
from factdb.wording import counted

bp = Blueprint("team", __name__)


class NoteForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST before the view; the template writes the token

    version = HiddenField()
    #: A new note's form sent twice (a double click) adds the note once.
    once_token = once_token_field()
    text = TextAreaField(
        "Add to the discussion",
        id="note-text",
        validators=[Length(max=notes.MAX_NOTE_LENGTH)],
        description="Mention a colleague with @ and their handle (the part of their e-mail before the @) to notify them.",
    )


class AssignForm(FlaskForm):
    class Meta:
        csrf = False

    editor = SelectField("Editor", choices=[], validate_choice=False)
    reviewer = SelectField("Reviewer", choices=[], validate_choice=False)
    was_editor = HiddenField()
    was_reviewer = HiddenField()


@dataclass
class ClaimTeam:
    """What a claim page shows of the team's work on the claim."""

    assignment: AssignmentView
    notes: list[notes.NoteView]
    note_form: NoteForm
    assign_form: AssignForm | None
    #: Note id -> the edit form that failed, to show again with its error.
    edit_forms: dict[int, NoteForm] = field(default_factory=dict)


def _assign_form(
    assignment: AssignmentView, people: list[Assignable], form: AssignForm | None = None
) -> AssignForm:
    form = form or AssignForm(
        formdata=None,
        editor=str(assignment.editor_id or ""),
        reviewer=str(assignment.reviewer_id or ""),
        was_editor=str(assignment.editor_id or ""),
        was_reviewer=str(assignment.reviewer_id or ""),
    )
    nobody = SelectChoice("", "Nobody")
    form.editor.choices = [nobody, *(SelectChoice(str(u.id), u.name) for u in people)]
    form.reviewer.choices = [
        nobody,
        *(SelectChoice(str(u.id), u.name) for u in people if u.can(Role.REVIEWER)),
    ]
    return form


def claim_team(
    claim_id: int,
    *,
    note_form: NoteForm | None = None,
    assign_form: AssignForm | None = None,
    edit_forms: dict[int, NoteForm] | None = None,
    read: tuple[AssignmentView, list[notes.NoteView], list[Assignable]] | None = None,
) -> ClaimTeam:
    """The claim's team box; `read` when the page has read its rows (factdb.team.on_claim)."""
    session = db()
    user = current_user()
    can_edit = user is not None and user.can(Role.EDITOR)
    if read is not None:
        assignment, claim_notes, people = read
    else:
        if can_edit:  # the assignment form offers the people the claim can go to
            assignment, people = assignment_and_assignable(session, claim_id)
        else:
            assignment, people = assignment_of(session, claim_id), []
        claim_notes = notes.notes_for(session, claim_id)
    return ClaimTeam(
        assignment=assignment,
        notes=claim_notes,
        note_form=note_form or NoteForm(formdata=None),
        assign_form=_assign_form(assignment, people, assign_form) if can_edit else None,
        edit_forms=edit_forms or {},
    )


def _rerender(claim_id: int, code: int, **team: Any) -> Any:
    from factdb.web.claim_page import render_claim_page

    return render_claim_page(claim_id, code, team=claim_team(claim_id, **team))


def _optional_id(value: str | None) -> int | None:
    return record_id(value)


def _write(
    form: FlaskForm, write: Callable[[], Any], stale: Callable[[], None] | None = None
) -> tuple[Any, int]:
    """Run one write in this request's transaction: what it returned and 200, or why not.

    A broken rule puts its message beside the field (422); a save over a newer one (409)
    moves the form to what is there now, through `stale`, so that sending it again means
    "I have seen theirs".
    """
    session = db()
    try:
        result = write()
    except ValidationFailed as error:
        session.rollback()
        apply_errors(form, error)
        return None, 422
    except StaleEdit as error:
        if stale is None:
            raise
        session.rollback()
        form.form_errors.append(error.message)
        stale()
        return None, 409
    session.commit()
    return result, 200


@bp.route("/claims/<int:claim_id>/assign", methods=["POST"])
@role_required(Role.EDITOR)
def assign_claim(claim_id: int) -> Any:
    """Assign the claim's editor and reviewer."""
    form = AssignForm()

    def theirs() -> None:
        current = assignment_of(db(), claim_id)
        form.was_editor.data = str(current.editor_id or "")
        form.was_reviewer.data = str(current.reviewer_id or "")

    _, status = _write(form, lambda: assign(
        db(), current_user(), claim_id,  # type: ignore[arg-type]
        editor_id=_optional_id(form.editor.data),
        reviewer_id=_optional_id(form.reviewer.data),
        expected=(_optional_id(form.was_editor.data), _optional_id(form.was_reviewer.data)),
        allow_self_review=current_app.config["ALLOW_SELF_REVIEW"],
    ), theirs)  # fmt: skip
    if status != 200:
        return _rerender(claim_id, status, assign_form=form)
    flash(f"Claim #{claim_id}: assignment saved.", "success")
    return redirect(url_for("claims.detail", claim_id=claim_id) + "#team")


@bp.route("/claims/<int:claim_id>/notes", methods=["POST"])
@keeps_typed_text
@role_required(Role.EDITOR)
def add_note(claim_id: int) -> Any:
    """Add a note to the claim's discussion; the same form sent twice adds it once."""
    form = NoteForm()
    outcome = save_form(
        form,
        lambda: notes.add_note(db(), current_user(), claim_id, form.text.data or ""),  # type: ignore[arg-type]
        created=lambda note: ("note", note.id),
    )
    if outcome.repeated is not None:
        earlier = notes.note_view(db(), outcome.repeated.record_id)
        return repeated_answer(outcome.repeated, _note_url(earlier.claim_id, earlier.id))
    if outcome.saved is None:
        return _rerender(claim_id, outcome.status, note_form=form)
    return redirect(_note_url(claim_id, outcome.saved.id))


def _note_url(claim_id: int, note_id: int) -> str:
    return url_for("claims.detail", claim_id=claim_id) + f"#note-{note_id}"


@bp.route("/notes/<int:note_id>/edit", methods=["POST"])
@role_required(Role.EDITOR)
def edit_note(note_id: int) -> Any:
    """Change a note's text; the earlier text stays in the claim's history."""
    form = NoteForm()
    current = notes.note_view(db(), note_id)

    def theirs() -> None:
        form.version.data = str(notes.note_view(db(), note_id).version)

    _, status = _write(form, lambda: notes.edit_note(
        db(), current_user(), note_id, form.text.data or "",  # type: ignore[arg-type]
        expected_version=_optional_id(form.version.data) or 0,
    ), theirs)  # fmt: skip
    if status != 200:
        return _rerender(current.claim_id, status, edit_forms={note_id: form})
    return redirect(url_for("claims.detail", claim_id=current.claim_id) + f"#note-{note_id}")


@bp.route("/queue")
def my_queue() -> Any:
    """What waits for me: claims to research, to review, and those returned to me."""
    from flask import render_template

    user = current_user()
    found = queue.queue_for(db(), user, limit=current_app.config["PAGE_SIZE"])  # type: ignore[arg-type]
    return render_template("team/queue.html", queue=found, parts=queue.PARTS)


@bp.route("/queue/<part>")
def queue_part(part: str) -> Any:
    """One part of my queue, a page at a time, oldest first."""
    from flask import render_template

    page = queue.queue_page(db(), current_user(), part, **list_window())  # type: ignore[arg-type]
    return render_template("team/queue_part.html", page=page, part=queue.PARTS[part], key=part)


@bp.route("/notifications")
def notifications() -> Any:
    """My notifications, newest first."""
    from flask import render_template

    page_arg = request.args.get("page", "")
    page = notifications_page(
        db(),
        current_user().id,  # type: ignore[union-attr]
        page=page_number(page_arg),
        unread_only=request.args.get("unread") == "1",
    )
    return render_template("team/notifications.html", page=page)


@bp.route("/notifications/read", methods=["POST"])
@role_required(Role.VIEWER)
def read_notifications() -> Any:
    """Mark my notifications read: the ones named, or all."""
    ids = record_ids(request.form.getlist("notification"))
    count = mark_read(db(), current_user().id, ids or None)  # type: ignore[union-attr]
    db().commit()
    flash(f"{counted(count, 'notification')} marked read.", "success")
    target = request.form.get("next", "")
    if target.startswith("/claims/"):
        return redirect(target)
    return redirect(url_for("team.notifications"))


#: Bulk actions: form value -> what it does, in words for the result message.
BULK_ACTIONS = {
    "assign": "assigned",
    "tag": "tagged",
    "in_review": "moved to in review",
    "unverified": "moved to unverified",
    "export": "exported",
}


def _list_filters(back: str) -> list[tuple[str, str]]:
    """The filters of the claims list the form was sent from (all of them: no page), so that
    Export with nothing ticked exports what the list shows, the whole library unfiltered; the
    export page says which before anything is downloaded."""
    return [(k, v) for k, v in parse_qsl(urlsplit(back).query) if k not in _NOT_FILTERS]


_NOT_FILTERS = frozenset({"page", "format", "as", "style", "claim", "document_only"})


@bp.route("/claims/bulk", methods=["POST"])
@role_required(Role.EDITOR)
def bulk_action() -> Any:
    """Act on the ticked claims: assign, tag, move between unverified and in review, export."""
    session = db()
    user = current_user()
    ids = record_ids(request.form.getlist("claim"))
    action = request.form.get("action", "")
    back = safe_next(request.form.get("back", ""))
    if action not in BULK_ACTIONS:
        flash("Choose what to do with the ticked claims.", "error")
        return redirect(back)
    if action == "export":  # the ticked claims; none ticked, what the list shows
        chosen = [("claim", str(i)) for i in ids] or _list_filters(back)
        query = urlencode([("format", request.form.get("format", "apa")), *chosen])
        return redirect(url_for("exports.preview") + "?" + query, code=303)
    policy = ReviewPolicy(allow_self_review=current_app.config["ALLOW_SELF_REVIEW"])
    try:
        if action == "assign":
            editor, reviewer = (
                request.form.get("editor", "keep"),
                request.form.get("reviewer", "keep"),
            )
            result = bulk.bulk_assign(
                session, user, ids,  # type: ignore[arg-type]
                editor_id=KEEP if editor == "keep" else _optional_id(editor),
                reviewer_id=KEEP if reviewer == "keep" else _optional_id(reviewer),
                allow_self_review=policy.allow_self_review,
            )  # fmt: skip
        elif action == "tag":
            result = bulk.bulk_tag(session, user, ids, request.form.get("tag", ""))  # type: ignore[arg-type]
        else:
            result = bulk.bulk_status(session, user, ids, Status(action), policy)  # type: ignore[arg-type]
    except (ValidationFailed, NotAllowed) as error:
        session.rollback()
        flash(error.message, "error")
        return redirect(back)
    session.commit()
    flash(result.summary(BULK_ACTIONS[action]), "success" if result.done else "error")
    return redirect(back)


@dataclass(frozen=True)
class Nav:
    queue: int
    unread: int
    views: list
    #: How many views the user may open in all (the navigation lists some: factdb.team.views).
    all_views: int


def nav() -> Nav | None:
    """The navigation's counts and saved views, read once a page."""
    user = current_user()
    if user is None:
        return None
    if "team_nav" not in g:
        # Read with the user (factdb.web.auth) when the request is a page; else now.
        counts, views = g.pop("nav_read_with_user", None) or nav_for(db(), user.id)
        g.team_nav = Nav(counts.queue, counts.unread, views.views, views.total)
    return g.team_nav


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(team_nav=nav, handle_of=handle_of, bulk_actions=BULK_ACTIONS)
