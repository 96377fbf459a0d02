"""Every route, every form field and query parameter, hostile values: never a 5xx.

The test walks the app's URL map, so a route added tomorrow is covered without
being listed here. Query parameters are every name the views read; form fields
are the ones the pages' own forms post to that address (read from the HTML), so
the values reach the validators and the domain, past the CSRF check. API writes
carry a token and a JSON body built from the endpoint's declared fields.

Run it with more examples with FACTDB_HOSTILE_EXAMPLES=2000 (and on PostgreSQL with
FACTDB_TEST_DATABASE_URL); CI runs a small number on both.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdb.access import create_token
from factdb.api.spec import ENDPOINTS
from factdb.vocab import Role
from tests.factories import Factory

EXAMPLES = int(os.environ.get("FACTDB_HOSTILE_EXAMPLES", "150"))

#: Raw, already percent-encoded values: a lone surrogate can only travel as bytes.
LONE_SURROGATE = "%ED%A0%80"
HOSTILE: list[str] = [
    "²",  # isdigit() is true, int() fails
    "١٢",  # Arabic-Indic digits: int() takes them, a database id they are not
    "9" * 40,
    str(2**63),
    str(2**63 - 1),
    "-1",
    "0",
    " 7 ",
    "1e9",
    "abc",
    "NaN",
    "",
    "\x00",
    "x" * 70_000,  # over every column and form limit
    "<script>alert(1)</script>",
    "'; DROP TABLE claims; --",
    "2024-13-45",
    "\u202e\u0301",
    "[" * 2000,
    "true",
    "POST",
]
#: Names of every query parameter a view reads (read from the source, kept up to date
#: by test_every_query_parameter_a_view_reads_is_walked).
QUERY_NAMES = sorted(
    [
        "q",
        "into_id",
        "after",
        "before",
        "page",
        "per_page",
        "kind",
        "quote",
        "claim",
        "next",
        "format",
        "as",
        "different",
        "url",
        "unread",
        "cited",
        "type",
        "text",
        "tag",
        "status",
        "shared",
        "rule",
        "mine",
        "style",
        "start",
        "sort",
        "severity",
        "reviewer",
        "reliability",
        "query",
        "notification",
        "name",
        "key",
        "follow",
        "exclude",
        "editor",
        "document",
        "document_only",
        "back",
        "action",
        "source",
        "speaker",
        "order",
        "view",
        "limit",
    ]
)
SKIPPED_ENDPOINTS = {
    "static",
    "auth.logout",  # would end the walk's own session
}


class _Forms(HTMLParser):
    """The forms of a page: where each posts, and the names of its fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.forms.append(
                (found.get("action") or "", (found.get("method") or "get").lower(), set())
            )
        elif tag in ("input", "textarea", "select", "button") and self.forms and found.get("name"):
            self.forms[-1][2].add(found["name"] or "")


def _path_value(converter: str, value: Any) -> str:
    return quote(str(value), safe="")


def _routes(app: Flask) -> list[tuple[str, str, dict[str, str]]]:
    """(endpoint, rule, converters) for every route but static files."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        converters = {name: type(conv).__name__ for name, conv in rule._converters.items()}
        found.append(
            (rule.endpoint, rule.rule, converters, sorted(rule.methods - {"HEAD", "OPTIONS"}))
        )
    return sorted(found)


def _build(rule: str, ids: dict[str, str]) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: ids.get(m.group(1), "1"), rule)


@pytest.fixture
def walk(app: Flask, make: Factory, session, client, auth):
    """An admin logged in, a token, a few records of each kind, and each page's forms."""
    admin = make.user(Role.ADMIN, email="walker@example.org")
    speaker = make.source("Hostile Speaker")
    document = make.document(
        "Hostile document", url="https://hostile.example/a", full_text="Seed words here."
    )
    make.claim(admin, "Seed claim", document=document, speaker=speaker, quote="Seed words")
    token = create_token(session, admin, "walker").secret
    session.commit()
    auth.login("walker@example.org")
    csrf = auth.csrf_token()
    fields: dict[str, set[str]] = {}
    routes = _routes(app)
    for _endpoint, rule, _conv, methods in routes:
        if "GET" not in methods or rule.startswith("/api/"):
            continue
        page = client.get(_build(rule, {}))
        if page.status_code != 200 or not page.mimetype.startswith("text/html"):
            continue
        parser = _Forms()
        parser.feed(page.get_data(as_text=True))
        for action, method, names in parser.forms:
            if method == "post":
                target = urlsplit(action).path or _build(rule, {})
                fields.setdefault(target, set()).update(names - {"csrf_token"})
    return {"routes": routes, "fields": fields, "csrf": csrf, "token": token}


def _api_fields(rule: str, method: str) -> list[str]:
    for endpoint in ENDPOINTS:
        if "/api/v1" + endpoint.rule == rule and endpoint.method == method and endpoint.request:
            return sorted((endpoint.request.get("properties") or {}).keys())
    return []


HOSTILE_VALUE = st.sampled_from(HOSTILE) | st.text(max_size=20)


@st.composite
def hostile_requests(draw, walk: dict[str, Any]) -> dict[str, Any]:
    endpoint, rule, converters, methods = draw(st.sampled_from(walk["routes"]))
    method = draw(st.sampled_from(methods))
    ids = {}
    for name, converter in converters.items():
        if converter == "IntegerConverter":
            ids[name] = str(draw(st.sampled_from([1, 2, 2**31, 2**63 - 1, 2**63 + 5, 10**30])))
        else:
            ids[name] = quote(draw(HOSTILE_VALUE)[:200] or "x", safe="")
    path = _build(rule, ids)
    query_names = draw(st.lists(st.sampled_from(QUERY_NAMES), max_size=4, unique=True))
    query = [(name, draw(HOSTILE_VALUE)) for name in query_names]
    if draw(st.booleans()):
        query.append(("_method", draw(st.sampled_from(["POST", "DELETE", "PATCH", "²"]))))
    raw_query = "&".join(
        f"{quote(n)}={LONE_SURROGATE if draw(st.integers(0, 9)) == 0 else quote(v, safe='')}"
        for n, v in query
    )
    request: dict[str, Any] = {
        "method": method,
        "path": path,
        "query": raw_query,
        "endpoint": endpoint,
    }
    if method == "GET":
        return request
    if rule.startswith("/api/"):
        names = _api_fields(rule, method)
        kind = draw(st.sampled_from(["object", "object", "object", "deep", "surrogate", "list"]))
        if kind == "deep":
            request["body"] = "[" * 10_000 + "]" * 10_000
        elif kind == "list":
            request["body"] = json.dumps([draw(HOSTILE_VALUE)])
        else:
            chosen = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
            values = {
                name: draw(
                    HOSTILE_VALUE
                    | st.integers(min_value=-(2**70), max_value=2**70)
                    | st.lists(HOSTILE_VALUE, max_size=70)
                    | st.just(None)
                    | st.booleans()
                )
                for name in chosen
            }
            request["body"] = json.dumps(values)
            if kind == "surrogate":
                request["body"] = (
                    request["body"][:-1] + (", " if values else "") + '"x": "\\ud800"}'
                )
        return request
    names = sorted(walk["fields"].get(path, set()) | {"version", "id", "page"})
    chosen = draw(st.lists(st.sampled_from(names), max_size=8, unique=True))
    form = [(name, draw(HOSTILE_VALUE)) for name in chosen]
    pieces = [f"csrf_token={quote(walk['csrf'])}"] + [
        f"{quote(n)}={LONE_SURROGATE if draw(st.integers(0, 9)) == 0 else quote(v, safe='')}"
        for n, v in form
    ]
    request["form"] = "&".join(pieces)
    return request


def _send(client, walk: dict[str, Any], request: dict[str, Any]):
    url = request["path"] + ("?" + request["query"] if request["query"] else "")
    if "body" in request:
        return client.open(
            url,
            method=request["method"],
            data=request["body"].encode("utf-8", "surrogatepass"),
            headers={
                "Authorization": f"Bearer {walk['token']}",
                "Content-Type": "application/json",
            },
        )
    if "form" in request:
        return client.open(
            url,
            method=request["method"],
            data=request["form"].encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    headers = (
        {"Authorization": f"Bearer {walk['token']}"} if request["path"].startswith("/api/") else {}
    )
    return client.open(url, method=request["method"], headers=headers)


def test_hostile_values_on_every_route_never_give_a_5xx(walk, client, app):
    assert len(walk["routes"]) > 80
    assert len(walk["fields"]) > 15, sorted(walk["fields"])

    @given(request=hostile_requests(walk))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(request: dict[str, Any]) -> None:
        response = _send(client, walk, request)
        assert response.status_code < 500, (request, response.get_data(as_text=True)[:500])

    check()


def test_every_query_parameter_a_view_reads_is_walked():
    """A view that starts reading a new parameter is walked with hostile values too."""
    from pathlib import Path

    import factdb

    package = Path(factdb.__file__).parent
    read = set()
    for path in package.rglob("*.py"):
        read |= set(
            re.findall(
                r"request\.(?:args|values)\.(?:get|getlist)\(\s*\"([a-z_]+)\"", path.read_text()
            )
        )
        read |= set(re.findall(r"\bint_arg\(\s*\"([a-z_]+)\"", path.read_text()))
    assert read - set(QUERY_NAMES) == set()


def test_a_document_posted_without_a_title_is_refused_by_name(client, make, session):
    """Found by the walk: a body without `title` was a TypeError (500)."""
    user = make.user(Role.EDITOR)
    headers = {"Authorization": f"Bearer {create_token(session, user, 'walk').secret}"}
    session.commit()
    for body in ({}, {"title": None}, {"publisher": "Someone"}):
        response = client.post("/api/v1/documents", headers=headers, json=body)
        assert response.status_code == 422, response.get_data(as_text=True)
        assert response.get_json()["fields"]["title"]
