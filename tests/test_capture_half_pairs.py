"""A page whose JSON-LD escapes half a surrogate pair is captured, without it.

JSON may write `\\ud800`, half of a pair that is no character: a page's JSON-LD with one
in its headline or an author's name gave those fields a string that nothing can encode,
and `factdb capture` stopped with a traceback (a capture job "on an unexpected error").
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from factdb.capture.service import capture_url
from factdb.cli import main
from factdb.models import Document, DocumentAuthor, Source
from tests.capture_site import start_site

LOOPBACK = {"CAPTURE_ALLOW_PRIVATE": True, "CAPTURE_TIMEOUT": 2}


@pytest.fixture
def site():
    running = start_site()
    yield running
    running.stop()


def test_the_page_is_read_without_the_half_pairs(site):
    extracted = capture_url(site.url("/half-pair.html"), LOOPBACK).extracted
    assert extracted.title == "Minister on the levy"
    assert extracted.authors == ["Amira Haddad"]


def test_factdb_capture_records_it(site, session, database_url, monkeypatch):
    for name, value in {"DATABASE_URL": database_url, "SECRET_KEY": "x",
                        "CAPTURE_ALLOW_PRIVATE": "true", "CAPTURE_TIMEOUT": "2"}.items():  # fmt: skip
        monkeypatch.setenv(f"FACTDB_{name}", value)
    result = CliRunner().invoke(main, ["capture", site.url("/half-pair.html")])
    assert result.exit_code == 0, result.output
    session.rollback()
    document = session.scalars(select(Document)).one()
    assert document.title == "Minister on the levy"
    author = session.scalar(
        select(Source.name).join(DocumentAuthor).where(DocumentAuthor.document_id == document.id)
    )
    assert author == "Amira Haddad"
