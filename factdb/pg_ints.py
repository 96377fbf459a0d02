"""Send Python ints to PostgreSQL as `integer` at the least, never as `smallint`.

psycopg gives each int the smallest type that holds its value: claim 4,242 goes as a
smallint, claim 42,420 as an integer. It keeps a prepared statement for each text and
set of parameter types, so a page's statement was two prepared statements (three with
lists of ids of either size), each reached its fifth use and its five plans made for
its values separately, and took two places of the connection's 500. An int that fits
an integer now always goes as one; larger ones still go as bigint or numeric.
Imported only with psycopg (installed with factdb[postgres]).
"""

from __future__ import annotations

from typing import Any

from psycopg.adapt import AdaptersMap, Dumper, PyFormat
from psycopg.types.numeric import IntBinaryDumper, IntDumper

SMALLEST = -(2**31)
LARGEST = 2**31 - 1


class _IntegerFirst:
    """Choose `integer` for every value psycopg would have sent as `smallint`."""

    _int4_dumper: Dumper

    def upgrade(self, obj: int, format: PyFormat) -> Dumper:
        if SMALLEST <= obj <= LARGEST:
            return self._int4_dumper
        return super().upgrade(obj, format)  # type: ignore[misc]


class IntegerDumper(_IntegerFirst, IntDumper):
    """psycopg's int dumper (text format), never `smallint`."""


class IntegerBinaryDumper(_IntegerFirst, IntBinaryDumper):
    """psycopg's int dumper (binary format), never `smallint`."""


def send_ints_as_integer(adapters: AdaptersMap | Any) -> None:
    """Make the connection owning `adapters` send ints that fit as `integer`."""
    adapters.register_dumper(int, IntegerDumper)
    adapters.register_dumper(int, IntegerBinaryDumper)
