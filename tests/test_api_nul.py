"""A NUL byte in any query parameter is refused or ignored, never a server error (PostgreSQL refuses NUL in text)."""

from __future__ import annotations

import re

import pytest

from factdb.api.spec import openapi
from factdb.vocab import Role

_SPEC = openapi()
_READS = [
    (path, parameter["name"])
    for path, operations in _SPEC["paths"].items()
    if "get" in operations
    for parameter in operations["get"].get("parameters", [])
    if parameter.get("in") == "query"
]


@pytest.mark.parametrize(("path", "name"), _READS)
def test_a_nul_byte_in_a_query_parameter_is_no_server_error(client, auth, make, path, name):
    make.user(Role.ADMIN, email="admin@example.org")
    make.commit()
    auth.login("admin@example.org")
    url = "/api/v1" + re.sub(r"\{[^}]+\}", "1", path)
    answer = client.get(url, query_string={name: "ab\x00c"})
    assert answer.status_code < 500, (url, name, answer.get_data(as_text=True)[:300])
