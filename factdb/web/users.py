"""User management for admins."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from factdb import users as user_service
from factdb.declarations.user import USER
from factdb.errors import NotFound, ValidationFailed
from factdb.passwords import MIN_PASSWORD_LENGTH, PASSWORD_HELP
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required, start_session
from factdb.web.database import db
from factdb.web.forms import apply_errors, form_page, record_fields

bp = Blueprint("users", __name__, url_prefix="/users")


#: The declared fields (factdb.declarations.user); the domain checks them.
_USER_FIELDS = record_fields(USER)


class NewUserForm(FlaskForm):
    email = _USER_FIELDS["email"]
    name = _USER_FIELDS["name"]
    role = _USER_FIELDS["role"]
    password = PasswordField(
        "Password",
        validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=1000)],
        description=PASSWORD_HELP,
    )
    submit = SubmitField("Add user")


class EditUserForm(FlaskForm):
    name = _USER_FIELDS["name"]
    role = _USER_FIELDS["role"]
    active = BooleanField("Active (may log in)")
    password = PasswordField(
        "New password",
        validators=[Optional(), Length(min=MIN_PASSWORD_LENGTH, max=1000)],
        description="Leave empty to keep it. A new password logs the account out everywhere. "
        + PASSWORD_HELP,
    )
    revoke_tokens = BooleanField(
        "Also revoke the account's API tokens",
        description="Do this when the old password may be known to someone else: "
        "programs using the tokens stop working at once.",
    )
    submit = SubmitField("Save user")


@bp.route("/")
@role_required(Role.ADMIN)
def index() -> Any:
    """List every account with its role."""
    return render_template("users/list.html", users=user_service.list_users(db()))


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create() -> Any:
    """Add an account."""
    form = NewUserForm()
    if form.validate_on_submit():
        session = db()
        try:
            user = user_service.create_user(
                session,
                email=form.email.data or "",
                name=form.name.data or "",
                role=form.role.data,  # type: ignore[arg-type]  # the domain checks the choice
                password=form.password.data or "",
            )
        except ValidationFailed as error:
            session.rollback()
            apply_errors(form, error)
        else:
            session.commit()
            flash(f"Account for {user.email} added as {user.role.label.lower()}.", "success")
            return redirect(url_for("users.index"))
    return form_page("users/new.html", form)


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit(user_id: int) -> Any:
    """Change an account's name, role, password or access."""
    session = db()
    try:
        user = user_service.get_user(session, user_id)
    except NotFound:
        abort(404, description=f"There is no user {user_id}.")
    form = EditUserForm(obj=user if request.method == "GET" else None)
    if request.method == "GET":
        form.role.data = user.role.value
    if form.validate_on_submit():
        try:
            user_service.update_user(
                session,
                user_id,
                name=form.name.data or "",
                role=form.role.data,  # type: ignore[arg-type]  # the domain checks the choice
                active=bool(form.active.data),
                password=form.password.data or "",
                revoke_tokens=bool(form.revoke_tokens.data),
                acting=current_user(),  # type: ignore[arg-type]
            )
        except ValidationFailed as error:
            session.rollback()
            apply_errors(form, error)
        else:
            session.commit()
            if user.id == current_user().id:  # type: ignore[union-attr]
                start_session(user)  # your new password ends your other log-ins, not this one
            flash(f"Account {user.email} saved.", "success")
            return redirect(url_for("users.index"))
    return form_page("users/edit.html", form, user=user)
