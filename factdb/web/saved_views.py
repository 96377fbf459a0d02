"""Saved views of the claims list: save, share, open, delete, and follow as an Atom feed."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from factdb import claims as claim_service
from factdb.errors import NotFound, ValidationFailed
from factdb.team import feed
from factdb.team import views as view_service
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.params import filters_from_args

bp = Blueprint("views", __name__, url_prefix="/views")


@bp.route("/")
def index() -> Any:
    """The saved views I can open: mine and the team's."""
    user_id = current_user().id  # type: ignore[union-attr]
    views = view_service.views_for(db(), user_id)
    return render_template(
        "team/views.html",
        views=views,
        feed_keys={view.id: view_service.reader_key(view.feed_key, user_id) for view in views},
    )


@bp.route("/", methods=["POST"])
@role_required(Role.VIEWER)
def create() -> Any:
    """Save the claims list's filters under a name."""
    session = db()
    query = request.form.get("query", "")
    try:
        view = view_service.save_view(
            session, current_user(), request.form.get("name", ""), query,  # type: ignore[arg-type]
            shared=request.form.get("shared") == "1",
        )  # fmt: skip
    except ValidationFailed as error:
        session.rollback()
        flash(f"The view was not saved: {error.message}", "error")
        return redirect(url_for("claims.index") + ("?" + view_service.clean_query(query)))
    session.commit()
    flash(
        f"View “{view.name}” saved{' and shared with the team' if view.shared else ''}.", "success"
    )
    return redirect(url_for("views.open_view", view_id=view.id))


@bp.route("/<int:view_id>")
def open_view(view_id: int) -> Any:
    """Open a saved view: the claims list with its filters."""
    try:
        view = view_service.visible_view(db(), current_user().id, view_id)  # type: ignore[union-attr]
    except NotFound:
        abort(404, description=f"There is no view {view_id} among yours and the team's.")
    return redirect(url_for("claims.index", **dict(parse_qsl(view.query)), view=view.id))


@bp.route("/<int:view_id>/delete", methods=["POST"])
@role_required(Role.VIEWER)
def delete(view_id: int) -> Any:
    """Delete one of my views."""
    _change(lambda: view_service.delete_view(db(), current_user(), view_id))  # type: ignore[arg-type]
    flash("View deleted.", "success")
    return redirect(url_for("views.index"))


@bp.route("/<int:view_id>/share", methods=["POST"])
@role_required(Role.VIEWER)
def share(view_id: int) -> Any:
    """Share one of my views with the team, or stop sharing it."""
    shared = request.form.get("shared") == "1"
    _change(lambda: view_service.share_view(db(), current_user(), view_id, shared))  # type: ignore[arg-type]
    flash(
        "The view is now shared with the team." if shared else "The view is now yours only.",
        "success",
    )
    return redirect(url_for("views.index"))


def _change(action: Any) -> None:
    """Change a view; a missing or someone else's view is a 404 or 403 (web/__init__.py)."""
    action()
    db().commit()


@bp.route("/<int:view_id>/feed.atom")
def feed_atom(view_id: int) -> Any:
    """The view's claims as an Atom feed; the address's key lets a feed reader in without log-in."""
    session = db()
    key = request.args.get("key", "")
    found = view_service.view_by_feed_key(session, view_id, key) if key else None
    if found is not None:
        name, query = found.name, found.query
    elif current_user() is not None:
        try:
            view = view_service.visible_view(session, current_user().id, view_id)  # type: ignore[union-attr]
        except NotFound:
            abort(404, description=f"There is no view {view_id} among yours and the team's.")
        name, query = view.name, view.query
    else:
        return redirect(url_for("auth.login", next=request.path))
    filters = filters_from_args(dict(parse_qsl(query)))
    filters.sort, filters.page = "updated", 1
    page = claim_service.list_claims(session, filters, size=feed.FEED_SIZE)
    body = feed.atom_feed(
        title=name,
        feed_url=url_for("views.feed_atom", view_id=view_id, _external=True),
        page_url=url_for("views.open_view", view_id=view_id, _external=True),
        rows=page.items,
        claim_url=lambda claim_id: url_for("claims.detail", claim_id=claim_id, _external=True),
    )
    return Response(body, mimetype="application/atom+xml")
