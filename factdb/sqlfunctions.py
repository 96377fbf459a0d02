"""SQL constructs that read the same on both databases but are planned apart on each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class among(FunctionElement):
    """`column IN (subquery)`, looked up one id at a time through the column's index.

    PostgreSQL plans an IN-subquery of a few thousand ids (a busy source's claims) as a
    hash join over the whole table: at 100,000 claims it read every claim's status to
    keep 3,744 of them (15-50 ms). Written `= ANY(ARRAY(subquery))` the ids are read
    first and each is found by the index, whatever the estimates or a generic plan say
    (3-5 ms). SQLite already looks each id up; it keeps the plain IN.
    """

    # No Boolean type: SQLite would be given `… IN (…) = 1`, which it cannot look up by index.
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any], ids: Select) -> None:
        super().__init__(column, ids.scalar_subquery())


@compiles(among)
def _among_default(element: among, compiler: Any, **kw: Any) -> str:
    column, ids = element.clauses
    return f"{compiler.process(column, **kw)} IN {compiler.process(ids, **kw)}"


@compiles(among, "postgresql")
def _among_postgresql(element: among, compiler: Any, **kw: Any) -> str:
    column, ids = element.clauses
    return f"{compiler.process(column, **kw)} = ANY(ARRAY{compiler.process(ids, **kw)})"
