"""Every text column's length, checked before a write reaches the database.

SQLite stores a 6 MB publisher in a VARCHAR(500) without a word; PostgreSQL refuses
it, so a database that works on one fails to load into the other. Checking the
declared lengths here, for every path that writes (forms, API, import, intake,
jobs), makes both databases take exactly the same values and names the field.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from factdb.errors import ValidationFailed

#: The longest article text the intake reads (its pages check it without importing the reader).
MAX_ARTICLE_CHARACTERS = 2_000_000


def over_long_fields(instance: Any) -> dict[str, str]:
    """The loaded string attributes of `instance` longer than their column allows."""
    state = inspect(instance)
    errors: dict[str, str] = {}
    for attribute in state.mapper.column_attrs:
        value = state.dict.get(attribute.key)  # only what is loaded: never a query mid-flush
        if not isinstance(value, str):
            continue
        length = getattr(attribute.columns[0].type, "length", None)
        if length is not None and len(value) > length:
            label = attribute.key.replace("_", " ")
            errors[attribute.key] = f"Keep the {label} under {length:,} characters."
    return errors


def _check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    errors: dict[str, str] = {}
    for instance in chain(session.new, session.dirty):
        errors.update(over_long_fields(instance))
    if errors:
        raise ValidationFailed("A value is longer than its field allows.", errors)


def guard_lengths(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Make the sessions of `factory` refuse over-long values before they are written."""
    event.listen(factory, "before_flush", _check_lengths)
    return factory
