"""Links built from cached patterns are the links url_for builds, under any script root."""

from __future__ import annotations

import pytest
from flask import url_for

from factdb.web.filters import fixed_url, record_url


@pytest.mark.parametrize("script_root", ["", "/newsroom/factdb"])
@pytest.mark.parametrize(
    ("endpoint", "argument", "value"),
    [
        ("claims.detail", "claim_id", 17),
        ("claims.edit", "claim_id", 2**31 - 1),
        ("sources.detail", "source_id", 4),
        ("documents.detail", "document_id", 9),
        ("audit.quote_in_context", "citation_id", 123),
    ],
)
def test_record_url_matches_url_for(app, script_root, endpoint, argument, value):
    for _ in range(2):  # the second time comes from the cache
        with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
            assert record_url(endpoint, **{argument: value}) == url_for(
                endpoint, **{argument: value}
            )
            assert record_url(endpoint, **{argument: value}).startswith(f"{script_root}/")


def test_fixed_url_follows_the_script_root(app):
    with app.test_request_context("/", base_url="http://localhost/a/"):
        assert fixed_url("claims.index") == "/a/"
        assert fixed_url("static", "factdb.css") == url_for("static", filename="factdb.css")
    with app.test_request_context("/", base_url="http://localhost/"):
        assert fixed_url("claims.index") == "/"


def test_a_record_url_takes_only_whole_numbers(app):
    with app.test_request_context("/"), pytest.raises(ValueError):
        record_url("claims.detail", claim_id="1/../../admin")  # type: ignore[arg-type]
