"""Query-count guard: the main pages issue a fixed number of SQL statements, however many rows they show."""

from __future__ import annotations

import pytest

from factdb.devtools.bench import round_trips, sql_clock
from factdb.vocab import Relation, Role, SourceKind
from factdb.web.database import database
from tests.factories import Factory


def _statements(app, client, url: str) -> int:
    engine = database(app).engine
    client.get(url)  # warm up caches and the session
    with sql_clock(engine) as clock:
        response = client.get(url)
    assert response.status_code == 200, url
    return int(clock["statements"])


def _populate(make: Factory, editor, speaker, document, count: int, offset: int) -> None:
    for number in range(count):
        make.claim(
            editor,
            f"Claim {offset + number} about the budget",
            document=document,
            speaker=speaker,
            relation=Relation.SUPPORTS,
            quote=f"quote {offset + number}",
            tags=[f"tag{number % 3}", "shared"],
        )


#: The most statements each page may issue (a page reads its user, the navigation's queue,
#: unread count and saved views in one statement; SQLite counts one BEGIN).
MOST_STATEMENTS = {
    "/": 5,
    "/?tag=shared": 5,
    "/?sort=status": 5,
    "/?q=budget": 5,
    "/claims/{claim}": 4,
    "/sources/{source}": 9,
    "/documents/{document}": 5,
    "/sources/": 7,
    "/documents/": 6,
    "/audit/?source={source}": 4,
    "/audit/?source={source}&cited=1": 4,
    "/search?q=budget": 4,
    "/queue": 6,
    "/notifications": 4,
}


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?tag=shared",
        "/?sort=status",
        "/?q=budget",
        "/claims/{claim}",
        "/sources/{source}",
        "/documents/{document}",
        "/sources/",
        "/documents/",
        "/audit/?source={source}",
        "/audit/?source={source}&cited=1",
        "/search?q=budget",
        "/queue",
        "/notifications",
    ],
)
def test_page_query_count_does_not_grow_with_rows(app, client, auth, make, url):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    ministry = make.source("Ministry", kind=SourceKind.GOVERNMENT)
    speaker = make.source("Anna Berg", parent_id=ministry.id)
    document = make.document("Statement", url="https://x.example", full_text="quote 1 quote 2")
    _populate(make, editor, speaker, document, 3, 0)
    auth.login("ed@example.org")
    target = url.format(claim=1, source=speaker.id, document=document.id)
    few = _statements(app, client, target)
    _populate(make, editor, speaker, document, 12, 100)
    make.source("Another source")
    make.document("Another document")
    many = _statements(app, client, target)
    assert many == few, f"{target}: {few} statements with few rows, {many} with more"
    # Each statement is a round trip to PostgreSQL: lower these as pages combine their queries.
    assert few <= MOST_STATEMENTS[url], (
        f"{target}: {few} statements (at most {MOST_STATEMENTS[url]})"
    )


#: Requests a page gets before its round trips are counted: psycopg prepares a statement
#: at its fifth use (one round trip more, once), so the sixth is the steady state.
WARM_REQUESTS = 6


@pytest.mark.parametrize("url", ["/", "/?tag=shared", "/claims/{claim}", "/sources/{source}",
                                 "/documents/{document}", "/audit/?source={source}", "/search?q=budget"])  # fmt: skip
def test_a_page_that_reads_costs_one_round_trip_a_statement(app, client, auth, make, url):
    """On PostgreSQL a reading page sends no BEGIN, COMMIT or ROLLBACK: only its statements.

    Each round trip to the server waits for its answer; at par with SQLite a page can
    afford its statements, not a transaction around them. (SQLite has no server.)
    """
    editor = make.user(Role.EDITOR, email="ed@example.org")
    ministry = make.source("Ministry", kind=SourceKind.GOVERNMENT)
    speaker = make.source("Anna Berg", parent_id=ministry.id)
    document = make.document("Statement", url="https://x.example", full_text="quote 1 quote 2")
    _populate(make, editor, speaker, document, 3, 0)
    auth.login("ed@example.org")
    target = url.format(claim=1, source=speaker.id, document=document.id)
    engine = database(app).engine
    for _ in range(WARM_REQUESTS):
        assert client.get(target).status_code == 200
    with sql_clock(engine) as clock, round_trips(engine) as counted:
        assert client.get(target).status_code == 200
    if engine.dialect.name == "postgresql":
        assert counted["round_trips"] == clock["statements"], target
    else:
        assert counted["round_trips"] == 0
