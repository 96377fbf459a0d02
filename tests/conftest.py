"""Fixtures: a fresh, migrated database per test (SQLite by default, PostgreSQL on request).

Set FACTDB_TEST_DATABASE_URL=postgresql+psycopg://user@host/dbname to run the
suite on PostgreSQL: each test then gets its own database, copied from a
migrated template.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from factdb import create_app, migrate
from factdb.db import make_engine
from factdb.users import use_password_hasher
from factdb.web.database import database
from tests.factories import PASSWORD, Factory

POSTGRES_URL = os.environ.get("FACTDB_TEST_DATABASE_URL", "")

# Tests keep their files to themselves: never the data folder of the person running them.
os.environ.setdefault("FACTDB_DATA_DIR", str(Path(tempfile.mkdtemp(prefix="factdb-test-data-"))))

# Real Argon2id, with the cost turned down so that hundreds of log-ins stay fast.
use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def _admin_url(url: str) -> str:
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate one database to head, once; every test starts from a copy of it."""
    if POSTGRES_URL:
        name = f"factdb_template_{uuid.uuid4().hex[:8]}"
        admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        engine = make_engine(url)
        migrate.upgrade(engine)
        engine.dispose()
        yield name
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        return
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    yield str(path)


@pytest.fixture
def database_url(template_database: str, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the latest migration, for this test only."""
    if POSTGRES_URL:
        name = f"factdb_test_{uuid.uuid4().hex[:10]}"
        admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"'))
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        return
    path = tmp_path / "factdb.sqlite"
    shutil.copyfile(template_database, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, for migration and CLI tests."""
    if POSTGRES_URL:
        name = f"factdb_empty_{uuid.uuid4().hex[:10]}"
        admin = create_engine(_admin_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        return
    yield f"sqlite:///{tmp_path / 'empty.sqlite'}"


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret-key",
            "ALLOW_SELF_REVIEW": False,
            # Jobs wait in a queue file of this test's own; a test that needs them run
            # starts a consumer (the `consumer` fixture) or asks for immediate mode.
            "QUEUE_URL": f"sqlite:///{tmp_path / 'queue.sqlite'}",
            # Formatting every reference after each write would run pandoc in every test
            # that writes a document: the tests of it turn it on (test_formatted_warming).
            "KEEP_REFERENCES": False,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    yield app
    database(app).engine.dispose()


@pytest.fixture
def consumer(app: Flask) -> Iterator[None]:
    """huey's real consumer, with two threads, running this app's jobs during the test."""
    from factdb.jobs.app import job_queue

    running = job_queue(app).consumer(2, embedded=True)
    running.start()
    yield
    running.stop(graceful=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A session for setting up data and checking results; commits are real.

    It begins DEFERRED transactions, so that holding it open between steps does
    not keep the write lock from the app under test.
    """
    with database(app).reader() as session:
        yield session


@pytest.fixture
def make(session: Session) -> Factory:
    return Factory(session)


class Auth:
    """Log in and out through the real forms, keeping the CSRF token at hand."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def csrf_token(self) -> str:
        page = self.client.get("/login", follow_redirects=True).get_data(as_text=True)
        match = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert match, "every page carries the CSRF token in a meta tag"
        return match.group(1)

    def login(self, email: str, password: str = PASSWORD) -> None:
        response = self.client.post(
            "/login", data={"email": email, "password": password, "csrf_token": self.csrf_token()}
        )
        assert response.status_code == 302, response.get_data(as_text=True)

    def post(self, url: str, data: dict | None = None, **kwargs):
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf_token())
        return self.client.post(url, data=payload, **kwargs)


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


#: The fixtures through which a test reaches the database under test (every other database
#: fixture, `app`, `client`, `session`, `make`, `auth`, stands on `database_url`).
DATABASE_FIXTURES = frozenset({"template_database", "database_url", "empty_database_url"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, run the tests that reach a database and leave out the others.

    A test that touches no database (the intake reading a text, an exporter writing a string)
    gives the same answer on both runs and has run on SQLite; running it again on the
    PostgreSQL run only doubled the suite's time on a slow machine."""
    if not POSTGRES_URL:
        return
    kept, left_out = [], []
    for item in items:
        module = getattr(item, "module", None)
        reaches = bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or (
            "POSTGRES_URL" in vars(module) if module is not None else True
        )
        (kept if reaches else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept
