"""Log in and out, know who is asking, and guard views by role."""

from __future__ import annotations

import functools
import time
from collections import namedtuple
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf import FlaskForm
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import make_transient_to_detached
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Length

from factdb.errors import TooManyAttempts
from factdb.models import User
from factdb.team.views import nav_from_rows, with_nav
from factdb.users import end_sessions, log_in
from factdb.vocab import Role
from factdb.web.database import SAFE_METHODS, database, db

bp = Blueprint("auth", __name__)

F = TypeVar("F", bound=Callable[..., Any])

#: Endpoints anyone may reach without logging in (a feed checks its own key, or the log-in).
PUBLIC_ENDPOINTS = {"auth.login", "static", "health", "views.feed_atom"}


class LoginForm(FlaskForm):
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])
    submit = SubmitField("Log in")


def current_user() -> User | None:
    return g.get("user")


def load_user() -> None:
    """Find the logged-in user for this request.

    A log-in ends when the account is disabled, or when its session generation has
    moved on since (log-out, a new password): a copied cookie is then worth nothing.
    """
    g.user = None
    user_id = session.get("user_id")
    if user_id is None:
        return
    nav = None
    if request.method in SAFE_METHODS and request.blueprint != "api":
        # A page reads its user in its own session, with the navigation beside it (the
        # queue, unread notifications, saved views): on PostgreSQL each statement and
        # each check-out of a second connection is a round trip to the server.
        rows = db().execute(_account_and_nav(), {"user_id": user_id}).all()
        width = len(_ACCOUNT.selected_columns)
        row = _Account(*rows[0][:width]) if rows else None
        nav = nav_from_rows([found[width:] for found in rows]) if rows else None
    elif request.method in SAFE_METHODS:
        row = db().execute(_ACCOUNT, {"user_id": user_id}).first()
    else:
        # Read on a connection of its own: a write request's session then takes SQLite's
        # write lock only when its view first needs it, not for the whole request.
        with database().engine.connect() as connection:
            row = connection.execute(_ACCOUNT, {"user_id": user_id}).first()
    if row is None or not row.active or session.get("generation") != row.session_generation:
        session.clear()
        return
    if _log_in_expired():
        session.clear()
        return
    g.user = _attached(row)
    if nav is not None:
        g.nav_read_with_user = nav


def start_session(user: User) -> None:
    """Log `user` in on this browser, under the account's current session generation."""
    session.clear()
    session["user_id"] = user.id
    session["generation"] = user.session_generation
    session.permanent = True
    session["since"] = int(time.time())


def _log_in_expired() -> bool:
    """Whether the log-in is older than a session lasts, counted from when it was made.

    The cookie's own signature is renewed whenever the session changes (a message shown,
    a form's token), which would start the time again; the log-in's start is kept apart.
    """
    since = session.get("since")
    if not isinstance(since, int):
        session["since"] = int(time.time())  # a log-in made before its start was kept
        return False
    return time.time() - since > current_app.permanent_session_lifetime.total_seconds()


#: Every page asks for its user; a plain statement costs half what the ORM's get() does.
_ACCOUNT = select(*User.__table__.c).where(User.__table__.c.id == bindparam("user_id"))


@functools.cache
def _account_and_nav() -> Select:
    """The account with the navigation beside it, built once: building it cost a millisecond."""
    return with_nav(_ACCOUNT)


#: The account's columns by name, for a row that carries more columns after them.
_Account = namedtuple("_Account", [column.key for column in _ACCOUNT.selected_columns])


def _attached(row: Any) -> User:
    """The user as a persistent ORM object of this request's session, without a second query."""
    user = User(**row._asdict())
    make_transient_to_detached(user)
    db().add(user)
    return user


def require_login() -> Any:
    """Send anonymous visitors to the log-in page; every page but that one needs an account."""
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if request.blueprint == "api":
        return None  # the API answers 401 in JSON itself, and also takes tokens
    if current_user() is None:
        if request.method != "GET":
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def role_required(role: Role) -> Callable[[F], F]:
    """Refuse the view (403) to users below `role`."""

    def decorator(view: F) -> F:
        view.required_role = role  # type: ignore[attr-defined]

        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None:
                abort(401)
            if not user.can(role):
                abort(403, description=f"This needs the {role.label.lower()} role.")
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def safe_next(target: str | None) -> str:
    """Return `target` only if it is a path on this site; guards against open redirects."""
    if not target:
        return url_for("claims.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("claims.index")
    if "\\" in target:
        return url_for("claims.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Log in with e-mail and password."""
    if current_user() is not None and request.method == "GET":
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 401 if request.method == "POST" else 200
    if form.validate_on_submit():
        address = request.remote_addr or "unknown"
        try:
            user = log_in(db(), form.email.data or "", form.password.data or "", address)
        except TooManyAttempts as error:
            form.password.errors.append(error.message)
            return render_template("auth/login.html", form=form), 429
        db().commit()
        if user is not None:
            start_session(user)
            flash(f"Welcome, {user.name}.", "success")
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append("That e-mail and password do not match an active account.")
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    """Log out everywhere (a POST, so that another site cannot log people out with a link).

    The account's session generation moves on, so a copy of the cookie stops working too.
    """
    user = current_user()
    if user is not None:
        end_sessions(user)
        db().commit()
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("auth.login"))
