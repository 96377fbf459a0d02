"""Name the fields at fault as the JSON body names them, whatever name the domain gave them.

The domain names a claim's citation as its form does (`citations-0-document`); the API
answers with the field's place in the body: `citations[0].document`, the same dotted path
as the top-level names (`text`, `tags`) extended into lists. When the body is a citation
on its own (adding or changing one), its fields are the body's own: `document`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from factdb.errors import ValidationFailed

_CITATION_FIELD = re.compile(r"citations-(\d+)(?:-([\w.]+))?")


def api_field(name: str, *, citation_body: bool = False) -> str:
    """The body's path to a field the domain named `name`."""
    match = _CITATION_FIELD.fullmatch(name)
    if match is None:
        return name
    index, field = match.groups()
    if citation_body and index == "0" and field:
        return field
    return f"citations[{index}]" + (f".{field}" if field else "")


def api_fields(fields: dict[str, str], *, citation_body: bool = False) -> dict[str, str]:
    """Each field at fault under its path in the body, with what is wrong with it."""
    return {api_field(name, citation_body=citation_body): why for name, why in fields.items()}


@contextmanager
def citation_body_errors() -> Iterator[None]:
    """Name a refused citation's fields as the body does: it is the citation (index 0)."""
    try:
        yield
    except ValidationFailed as error:
        raise ValidationFailed(
            error.message, api_fields(error.fields, citation_body=True)
        ) from error
