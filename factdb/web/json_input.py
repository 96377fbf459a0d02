"""Read JSON request bodies strictly: too deep or not valid Unicode is a 400 that says so."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest

#: No body factdb reads is more than a few levels deep; 10,000 levels broke the parser.
MAX_DEPTH = 32
#: A JSON string may escape half a surrogate pair ("\ud800"), which no database can store.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class StrictJSONProvider(DefaultJSONProvider):
    """The app's JSON: written as Flask does, read with limits on depth and on Unicode."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            value = json.loads(s, **kwargs)
        except RecursionError as error:
            raise BadRequest(
                f"The JSON is nested too deeply (at most {MAX_DEPTH} levels)."
            ) from error
        except ValueError as error:
            if isinstance(error, (json.JSONDecodeError, UnicodeDecodeError)) or (
                "integer string conversion" not in str(error)
            ):
                raise  # the syntax or the encoding: answered as "not JSON"
            # Not the JSON's syntax: a number longer than Python reads.
            raise BadRequest(
                f"The JSON holds a number of more than {sys.get_int_max_str_digits():,} digits; "
                "no field takes one."
            ) from error
        _check(value)
        return value


def _check(value: Any) -> None:
    """Walk the value without recursion; refuse deep nesting and lone surrogates."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if not item.isascii() and _LONE_SURROGATE.search(item):
                raise BadRequest(
                    "The JSON holds a string that is not valid Unicode (half of a surrogate "
                    "pair, such as \\ud800): send the whole character, or drop it."
                )
            continue
        if not isinstance(item, (dict, list)):
            continue
        if depth > MAX_DEPTH:
            raise BadRequest(f"The JSON is nested too deeply (at most {MAX_DEPTH} levels).")
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)
