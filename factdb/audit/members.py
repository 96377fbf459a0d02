"""`column IN (values)` written so that PostgreSQL receives one statement whatever the values.

An IN list of 900 ids is 900 bound parameters: SQLAlchemy renders each (with its cast on
PostgreSQL), psycopg parses the resulting statement anew because its text changes with
the list's length, and the server plans it afresh. A rebuild sends thousands of them.
On PostgreSQL the values go as one array, `column = ANY(:values)`, so the statement's
text never changes: compiled once, parsed once, prepared by the server once.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def one_of(session: Session, column: Any, values: Collection[Any]) -> ColumnElement[bool]:
    """Match rows whose `column` is among `values`, as one array on PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)
