"""Migrations: an empty database goes to head and back, and the models match them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from factdb import migrate
from factdb.db import make_engine
from factdb.models import Base


def test_upgrade_to_head_and_back_to_base(empty_database_url):
    engine = make_engine(empty_database_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.is_up_to_date(engine)
        tables = set(inspect(engine).get_table_names())
        assert {
            "claim",
            "citation",
            "source",
            "document",
            "status_change",
            "change",
            "user",
        } <= tables
        migrate.downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        assert migrate.is_up_to_date(engine)
    finally:
        engine.dispose()


def test_notes_of_stale_references_are_merged_to_one_a_document(empty_database_url):
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, "0035")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO reference_pending (document_id) VALUES (7), (7), (9), (7)")
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT document_id, noted FROM reference_pending ORDER BY document_id")
            ).all()
        assert [tuple(row) for row in rows] == [(7, 0), (9, 0)]
    finally:
        engine.dispose()


def test_saved_views_kept_before_take_their_creation_as_last_update(empty_database_url):
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, "0036")
        with engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO "user" (id, email, name, role, password_hash, active, '
                    "created_at) VALUES (1, 'ida@example.org', 'Ida', 'viewer', 'x', true, "
                    "'2026-01-01 00:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO saved_view (name, owner_id, query, shared, feed_key, created_at)"
                    " VALUES ('Budget', 1, '', true, 'k1', '2026-02-03 04:05:06')"
                )
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            updated = connection.execute(text("SELECT updated_at FROM saved_view")).scalar_one()
        assert str(updated).startswith("2026-02-03 04:05:06")
        migrate.downgrade(engine, "0036")
    finally:
        engine.dispose()


def test_second_hand_findings_of_claims_nobody_weighs_are_deleted_and_uncounted(
    empty_database_url,
):
    engine = make_engine(empty_database_url)
    statuses = {1: "unverified", 2: "retracted", 3: "in_review", 4: "false"}
    try:
        migrate.upgrade(engine, "0042")
        with engine.begin() as connection:
            for claim_id, status in statuses.items():
                connection.execute(
                    text(
                        "INSERT INTO claim (id, text, context, status, verdict, version, "
                        "created_at, updated_at, text_changed_at) VALUES (:id, 'Tides rose', "
                        "'', :status, '', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
                        "'2026-01-01 00:00:00')"
                    ),
                    {"id": claim_id, "status": status},
                )
                for rule in ("SECOND_HAND_ONLY", "NO_CITATION"):
                    connection.execute(
                        text(
                            "INSERT INTO audit_finding (rule, severity_order, subject_id, "
                            "claim_id, message, details) VALUES (:rule, 2, :id, :id, 'm', '{}')"
                        ),
                        {"rule": rule, "id": claim_id},
                    )
            connection.execute(
                text(
                    "INSERT INTO audit_rule_count (rule, count) "
                    "VALUES ('SECOND_HAND_ONLY', 4), ('NO_CITATION', 4)"
                )
            )
        migrate.upgrade(engine)
        with engine.connect() as connection:
            kept = connection.execute(
                text("SELECT rule, claim_id FROM audit_finding ORDER BY rule, claim_id")
            ).all()
            counts = dict(
                connection.execute(text("SELECT rule, count FROM audit_rule_count")).all()
            )
        assert [tuple(row) for row in kept] == [
            ("NO_CITATION", 1), ("NO_CITATION", 2), ("NO_CITATION", 3), ("NO_CITATION", 4),
            ("SECOND_HAND_ONLY", 3), ("SECOND_HAND_ONLY", 4),
        ]  # fmt: skip
        assert counts == {"SECOND_HAND_ONLY": 2, "NO_CITATION": 4}
        migrate.downgrade(engine, "0042")
    finally:
        engine.dispose()


def _document_row(table, doc_id: int, doi: str) -> dict:
    """A document row as the schema of the time wants it: every required column filled."""
    from datetime import UTC, datetime

    from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric

    row: dict = {"id": doc_id, "title": f"Tide tables {doc_id}", "doi": doi}
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        kind = column.type
        if isinstance(kind, Boolean):
            row[column.name] = False
        elif isinstance(kind, (Integer, Numeric)):
            row[column.name] = 1
        elif isinstance(kind, (DateTime, Date)):
            row[column.name] = datetime(2026, 1, 1, tzinfo=UTC)
        elif column.name == "doc_type":
            row[column.name] = "journal_article"
        else:
            row[column.name] = ""
    return row


def test_dois_recorded_with_a_prefix_are_made_bare_and_nothing_else_changes(empty_database_url):
    from sqlalchemy import MetaData, Table

    from factdb.text import bare_doi

    written = {
        1: "https://doi.org/10.5555/Tide.1",
        2: "doi:10.5555/abc-2",
        3: "http://dx.doi.org/10.5555/ABC.3",
        4: "DOI 10.5555/x4",
        5: "10.5555%2Fencoded.5",
        6: "10.5555/already.bare",
        7: "",
        8: "  https://www.doi.org/10.5555/spaced  ",
        9: "https://doi.org/",  # no DOI after the prefix: kept as written, never emptied
        10: "not a doi at all",
    }
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, "0043")
        document = Table("document", MetaData(), autoload_with=engine)
        with engine.begin() as connection:
            for doc_id, doi in written.items():
                connection.execute(document.insert().values(**_document_row(document, doc_id, doi)))
            connection.execute(text("DELETE FROM reference_pending"))
        migrate.upgrade(engine)
        with engine.connect() as connection:
            stored = dict(connection.execute(text("SELECT id, doi FROM document")).all())
            titles = dict(connection.execute(text("SELECT id, title FROM document")).all())
            pending = {
                r[0] for r in connection.execute(text("SELECT document_id FROM reference_pending"))
            }
        assert stored == {
            1: "10.5555/Tide.1", 2: "10.5555/abc-2", 3: "10.5555/ABC.3", 4: "10.5555/x4",
            5: "10.5555/encoded.5", 6: "10.5555/already.bare", 7: "", 8: "10.5555/spaced",
            9: "https://doi.org/", 10: "not a doi at all",
        }  # fmt: skip
        assert all(stored[i] == bare_doi(written[i]) for i in (1, 2, 3, 4, 5, 6, 7, 8))
        assert titles == {i: f"Tide tables {i}" for i in written}
        # the changed documents' kept references are formatted again
        assert pending == {1, 2, 3, 4, 5, 8}
        migrate.downgrade(engine, "0043")
    finally:
        engine.dispose()


def test_models_and_migrations_do_not_drift(database_url):
    """The equivalent of `alembic check`: autogenerate finds nothing to add."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            # The same filter the migrations use, without running env.py.
            include_name = _env_include_name()
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": include_name}
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(database_url):
    if not database_url.startswith("sqlite"):
        return
    engine = make_engine(database_url, busy_timeout_ms=1234)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    finally:
        engine.dispose()


def _env_include_name():
    import ast

    from factdb.paths import migrations_dir

    source = (migrations_dir() / "env.py").read_text()
    tree = ast.parse(source)
    function = next(
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "include_name"
    )
    namespace: dict = {}
    exec(compile(ast.Module(body=[function], type_ignores=[]), "env.py", "exec"), namespace)  # noqa: S102
    return namespace["include_name"]
