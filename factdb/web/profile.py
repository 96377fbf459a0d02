"""A user's own page: who they are, and their personal API tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from factdb.access import create_token, revoke_token, token_access, tokens_of
from factdb.errors import NotFound, ValidationFailed
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.forms import apply_errors

bp = Blueprint("profile", __name__, url_prefix="/profile")


class TokenForm(FlaskForm):
    name = StringField(
        "Token name",
        validators=[DataRequired("Name the token."), Length(max=100)],
        description="Where it is used, e.g. \u201cnewsroom CMS\u201d.",
    )
    read_only = BooleanField("Read only (cannot change anything)")
    submit = SubmitField("Create token")


class RevokeForm(FlaskForm):
    submit = SubmitField("Revoke")


@bp.after_request
def _never_stored(response: Response) -> Response:
    """A new token is shown once: no browser cache or proxy may keep a copy of the page."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/")
def index(new_secret: str | None = None, form: TokenForm | None = None) -> Any:
    """Show the user's tokens and the form for a new one."""
    user = current_user()
    return render_template(
        "profile.html",
        user=user,
        tokens=[(token, token_access(token, user)) for token in tokens_of(db(), user)],  # type: ignore[arg-type]
        writes=user.role.at_least(Role.EDITOR),  # type: ignore[union-attr]
        form=form or TokenForm(formdata=None),
        revoke=RevokeForm(formdata=None),
        new_secret=new_secret,
    )


@bp.route("/tokens", methods=["POST"])
@role_required(Role.VIEWER)
def create() -> Any:
    """Create a token; its secret is shown this once and never again."""
    form = TokenForm()
    if form.validate_on_submit():
        try:
            new = create_token(
                db(), current_user(), form.name.data or "", read_only=bool(form.read_only.data)
            )  # type: ignore[arg-type]
        except ValidationFailed as error:
            db().rollback()
            apply_errors(form, error)
        else:
            db().commit()
            return index(new_secret=new.secret), 201
    return index(form=form), 422


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@role_required(Role.VIEWER)
def revoke(token_id: int) -> Any:
    """Revoke one of your tokens; programs using it stop working at once."""
    if not RevokeForm().validate_on_submit():
        abort(400)
    try:
        token = revoke_token(db(), current_user(), token_id)  # type: ignore[arg-type]
    except NotFound:
        abort(404, description="There is no such token among yours.")
    db().commit()
    flash(f"Token \u201c{token.name}\u201d revoked.", "success")
    return redirect(url_for("profile.index"))
