"""The add and edit pages of a kind of record whose form comes from its declaration.

Documents and sources are added and edited the same way: the form is filled from the
record, saved through the domain in this request's transaction, and shown again with
each problem beside its field or with their version after a refused save (what you left
alone taking their value, factdb.web.form_conflicts). What differs
is named here once per kind; the pages are written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session

from factdb.models import User
from factdb.vocab import Role
from factdb.web.auth import current_user, role_required
from factdb.web.database import db
from factdb.web.form_conflicts import open_record_form, stand_record_on_theirs, unseen_field_line
from factdb.web.forms import form_version, save_form
from factdb.web.once import repeated_answer
from factdb.web.stale_token import keeps_typed_text

R = TypeVar("R")


@dataclass(frozen=True)
class RecordPages(Generic[R]):
    """The add and edit pages of one kind of record, registered on its blueprint."""

    #: The record's name in routes, templates and messages: "document" (blueprint "documents").
    noun: str
    form: type[FlaskForm]
    get: Callable[[Session, int], R]
    fill: Callable[[FlaskForm, R], None]
    read: Callable[[FlaskForm], Any]
    create: Callable[[Session, User, Any], R]
    update: Callable[[Session, User, int, int, Any], R]
    #: What the saved message calls the record: its title or name.
    title: Callable[[R], str]

    @property
    def blueprint(self) -> str:
        return f"{self.noun}s"

    def register(self, bp: Blueprint) -> None:
        """Add the pages as `create` (/new) and `edit` (/<id>/edit), for editors."""

        def create() -> Any:
            return self._handle(self.form(), None)

        def edit(**ids: int) -> Any:
            record = self.get(db(), ids[f"{self.noun}_id"])
            form = self.form()
            if request.method == "GET":
                form.version.data = str(record.version)  # type: ignore[attr-defined]
                self.fill(form, record)
                open_record_form(form)
            return self._handle(form, record)

        create.__doc__ = f"Add a {self.noun}."
        edit.__doc__ = f"Edit a {self.noun}; a save over someone else's newer save is refused."
        editors_only = role_required(Role.EDITOR)
        methods = ["GET", "POST"]
        bp.add_url_rule("/new", "create", keeps_typed_text(editors_only(create)), methods=methods)
        bp.add_url_rule(
            f"/<int:{self.noun}_id>/edit",
            "edit",
            keeps_typed_text(editors_only(edit)),
            methods=methods,
        )

    def _save(self, form: FlaskForm, record: R | None) -> R:
        data = self.read(form)
        user = current_user()
        if record is None:
            return self.create(db(), user, data)  # type: ignore[arg-type]
        version = form_version(form.version.data)  # type: ignore[attr-defined]
        return self.update(db(), user, record.id, version, data)  # type: ignore[arg-type, attr-defined]

    def _their_changes(self, form: FlaskForm, theirs: R) -> list[dict[str, Any]]:
        """Move a refused form onto their version; their changes, each in words."""
        their_form = self.form(formdata=None)
        self.fill(their_form, theirs)
        return [
            unseen_field_line(form, change) for change in stand_record_on_theirs(form, their_form)
        ]

    def _handle(self, form: FlaskForm, record: R | None) -> Any:
        """Save the form, or show it again with the user's text kept and each problem named."""
        outcome = save_form(
            form,
            lambda: self._save(form, record),
            current=(lambda: self.get(db(), record.id)) if record else None,  # type: ignore[attr-defined]
            created=None if record else lambda saved: (self.noun, saved.id),
        )
        if outcome.repeated is not None:
            return repeated_answer(outcome.repeated)
        if outcome.saved is not None:
            title = f"{self.noun.capitalize()} “{self.title(outcome.saved)}”"
            # An edit whose version did not move wrote nothing: the form was saved as it was.
            unchanged = record is not None and outcome.saved.version == form_version(
                form.version.data  # type: ignore[attr-defined]
            )
            if unchanged:
                flash(f"Nothing changed: {title[0].lower()}{title[1:]} is as it was.", "info")
            else:
                flash(f"{title} saved.", "success")
            return redirect(
                url_for(f"{self.blueprint}.detail", **{f"{self.noun}_id": outcome.saved.id})
            )
        page = render_template(
            f"{self.blueprint}/form.html",
            form=form,
            stale=outcome.stale,
            unseen=self._their_changes(form, outcome.stale) if outcome.stale is not None else [],
            refused=outcome.refused,
            **{self.noun: record},
        )
        return page, outcome.status


def suggestion(record_id: int, name: str, detail: str, **more: Any) -> dict[str, Any]:
    """One item of a record's suggestions (`/…/suggest.json`), as factdb.js reads it.

    `name` fills a field that keeps the id, `label` one that keeps only text; `detail`
    tells namesakes apart. Documents and sources answer the same fields, so one script
    serves every pick field.
    """
    return {"id": record_id, "name": name, "label": name, "detail": detail, **more}
