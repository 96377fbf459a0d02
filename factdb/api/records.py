"""Add and change a record through the API the same way for every kind that has a form body."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import Response, jsonify, url_for
from sqlalchemy.orm import Session

from factdb.api.parsing import created, get_field, with_current
from factdb.api.routing import json_body
from factdb.errors import StaleEdit
from factdb.models import User
from factdb.web.database import db

R = TypeVar("R")


@dataclass(frozen=True)
class RecordWrites(Generic[R]):
    """What the API's add and change endpoints of one kind of record differ in."""

    #: The record's name in endpoints and URLs: "document" (api.get_document, document_id).
    noun: str
    get: Callable[[Session, int], R]
    create: Callable[[Session, User, Any], R]
    update: Callable[[Session, User, int, int, Any], R]
    #: The body over the record's present values (none for a new one), as the domain's input.
    read: Callable[..., Any]
    data: Callable[[R], dict[str, Any]]

    def add(self, user: User) -> Response:
        """Add the record the body describes; answer 201 with it and where it now lives."""
        record: Any = self.create(db(), user, self.read(json_body()))
        db().flush()
        record = self.get(db(), record.id)
        location = url_for(f"api.get_{self.noun}", **{f"{self.noun}_id": record.id})
        return created(self.data(record), location)

    def change(self, user: User, record_id: int) -> Response:
        """Save the body over the record at the version it names; a newer save answers 409."""
        body = json_body()
        record = self.get(db(), record_id)
        version = get_field(body, "version", int, required=True)
        current = self.data(record)
        try:
            self.update(db(), user, record_id, version, self.read(body, record))
        except StaleEdit as error:
            raise with_current(error, current) from error
        db().flush()
        return jsonify({"data": self.data(self.get(db(), record_id))})
