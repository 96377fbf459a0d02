"""An address the HTTP client cannot parse is "could not check", never an unexpected error.

`http://0177.0.0.1/` (an octal host) and `http://[::1/` pass as web addresses on every
path that records a document, but httpx refuses them before connecting: the error was no
fetch error, so `factdb recheck` of the whole library stopped on such a document with a
traceback, and a capture or recheck job failed "on an unexpected error" (a page redirecting
there was already refused as a fetch error, by httpx itself).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb.capture.fetch import FetchError, FetchPolicy, fetch
from factdb.cli import main
from factdb.models import CheckOutcome, SourceCheck
from tests.capture_site import start_site

ODD = ["http://0177.0.0.1/levy.html", "http://[::1/levy.html"]


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


@pytest.mark.parametrize("url", ODD)
def test_an_address_the_client_refuses_is_a_fetch_error(url):
    with pytest.raises(FetchError, match="cannot be fetched"):
        fetch(url, FetchPolicy(allow_private=True, timeout=2))


def test_factdb_recheck_checks_the_rest_of_the_library(
    site, make, session, database_url, monkeypatch
):
    for name, value in {"DATABASE_URL": database_url, "SECRET_KEY": "x",
                        "CAPTURE_ALLOW_PRIVATE": "true", "CAPTURE_TIMEOUT": "2"}.items():  # fmt: skip
        monkeypatch.setenv(f"FACTDB_{name}", value)
    odd = make.document("Harbour levy notice", url=ODD[0])
    fine = make.document("Harbour levy, the minutes", url=site.url("/page/1.html"))
    result = CliRunner().invoke(main, ["recheck", "--document", str(odd.id), "--document", str(fine.id)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 could not be checked" in result.output
    session.rollback()
    checks = {c.document_id: c for c in session.scalars(select(SourceCheck))}
    assert checks[odd.id].outcome is CheckOutcome.UNREACHABLE
    assert "cannot be fetched" in checks[odd.id].message
    assert checks[fine.id].outcome is not CheckOutcome.UNREACHABLE
