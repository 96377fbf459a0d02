"""Two requests merging sources at the same moment, each on its own connection.

On PostgreSQL the second merge waits for the first's row lock and then finds the merged
source gone or changed; SQLite's writers take turns, so the second starts after the first
committed. Either way the second is refused with a message, not a server error, and the
data is what one merge made.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from factdb.errors import FactdbError
from factdb.models import Citation, Source, SourceRedirect, User
from factdb.source_merge import merge_source
from factdb.vocab import Role
from factdb.web.database import database


def _merge_twice(
    app, editor_id: int, first: tuple[int, int], second: tuple[int, int], version: int
) -> dict[str, object]:
    """Merge `first` and hold it uncommitted while `second` starts; return each outcome."""
    writer = database(app).writer
    outcomes: dict[str, object] = {}
    flushed = threading.Event()

    def run(name: str, pair: tuple[int, int]) -> None:
        try:
            if name == "second":
                flushed.wait(timeout=30)
            with writer() as own:
                merge_source(own, own.get(User, editor_id), pair[0], pair[1], version)
                own.flush()
                if name == "first":
                    flushed.set()
                    time.sleep(0.5)  # the second is now waiting on, or for, this one
                own.commit()
            outcomes[name] = "merged"
        except FactdbError as refused:
            outcomes[name] = refused
        except BaseException as error:  # reported by the test
            outcomes[name] = error
        finally:
            flushed.set()

    threads = [
        threading.Thread(target=run, args=("first", first)),
        threading.Thread(target=run, args=("second", second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_the_same_merge_from_two_requests_merges_once(app, session, make):
    editor = make.user(Role.EDITOR)
    kept = make.source("Ilse Varnholt")
    twin = make.source("I. Varnholt")
    make.claim(
        editor, "The ferry runs twice a day.", document=make.document("Ferry notice"), speaker=twin
    )
    ids, version = (twin.id, kept.id), twin.version
    session.commit()
    outcomes = _merge_twice(app, editor.id, ids, ids, version)
    assert outcomes["first"] == "merged"
    assert isinstance(outcomes["second"], FactdbError), outcomes["second"]
    session.rollback()
    assert session.scalar(select(Source.id).where(Source.id == twin.id)) is None
    assert session.scalars(select(SourceRedirect.into_id)).all() == [kept.id]
    assert session.scalars(select(Citation.speaker_id)).all() == [kept.id]


def test_a_merge_into_a_source_merged_away_meanwhile_is_refused(app, session, make):
    editor = make.user(Role.EDITOR)
    first, second, third = (make.source(n) for n in ("Oda Brenmark", "O. Brenmark", "Oda B."))
    make.claim(
        editor, "The mill closed in spring.", document=make.document("Mill notice"), speaker=third
    )
    session.commit()
    # second into first, while third goes into second (which is being merged away).
    outcomes = _merge_twice(
        app, editor.id, (second.id, first.id), (third.id, second.id), third.version
    )
    assert outcomes["first"] == "merged", outcomes
    assert isinstance(outcomes["second"], FactdbError), outcomes["second"]
    session.rollback()
    assert session.scalar(select(Source.id).where(Source.id == third.id)) == third.id
    assert session.scalars(select(Citation.speaker_id)).all() == [third.id]


def test_two_sources_merged_into_each_other_at_once_merge_one_way(app, session, make):
    editor = make.user(Role.EDITOR)
    one, other = make.source("Per Lindqvar"), make.source("P. Lindqvar")
    assert one.version == other.version
    session.commit()
    outcomes = _merge_twice(app, editor.id, (one.id, other.id), (other.id, one.id), one.version)
    assert outcomes["first"] == "merged", outcomes
    assert isinstance(outcomes["second"], FactdbError), outcomes["second"]
    session.rollback()
    assert session.scalars(select(Source.id)).all() == [other.id]


def test_the_same_merge_confirmed_from_two_tabs_at_once_leads_both_to_the_source_kept(
    app, session, make
):
    """Both confirmations pass the page's checks while another writer holds the sources'
    rows; when it lets go, one merges and the other finds the merge made (it answered 404)."""
    from tests.conftest import Auth

    make.user(Role.EDITOR, email="ed@example.org")
    kept, twin = make.source("Ilse Varnholt"), make.source("I. Varnholt")
    ids, version = (twin.id, kept.id), twin.version
    session.commit()
    tabs = [app.test_client() for _ in range(2)]
    tokens = []
    for tab in tabs:
        auth = Auth(tab)
        auth.login("ed@example.org")
        tokens.append(auth.csrf_token())
    answers: dict[int, object] = {}

    def confirm(index: int) -> None:
        form = {"into_id": ids[1], "version": version, "csrf_token": tokens[index]}
        answers[index] = tabs[index].post(f"/sources/{ids[0]}/merge", data=form)

    with database(app).writer() as holder:  # holds both rows (PostgreSQL), or the write lock
        holder.execute(select(Source).where(Source.id.in_(ids)).with_for_update()).all()
        threads = [threading.Thread(target=confirm, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # both requests are now past the page's checks, waiting on the rows
        holder.rollback()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(a.status_code for a in answers.values()) == [302, 302], answers
    assert all(a.headers["Location"].endswith(f"/sources/{kept.id}") for a in answers.values())
    session.rollback()
    assert session.scalars(select(SourceRedirect.into_id)).all() == [kept.id]
