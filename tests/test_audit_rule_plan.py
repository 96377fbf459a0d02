"""A filter by rule seeks the audit's order index, whatever the planner's statistics say."""

from __future__ import annotations

from sqlalchemy import select

from factdb import migrate
from factdb.audit import kept
from factdb.audit.scope import Scope
from factdb.db import make_engine
from factdb.models import AuditFinding

#: sqlite_stat1 as ANALYZE wrote it on the 100,000-claim bench database (287,598 findings):
#: with these, SQLite scanned every finding in order for one rule (82 ms of SQL).
BENCH_STATISTICS = [
    ("ix_audit_finding_other_claim_id", "287598 287598"),
    ("ix_audit_finding_source_id_rule", "287598 15 13"),
    ("ix_audit_finding_document_id", "287598 23"),
    ("ix_audit_finding_claim_id", "287598 3"),
    ("ix_audit_finding_rule", "287598 41086 2 1"),
    ("ix_audit_finding_order", "287598 95866 41086 2 1"),
]


def test_one_rule_seeks_the_order_index_with_the_statistics_of_a_large_audit(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'audit.sqlite'}")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'audit_finding'")
        for index, stat in BENCH_STATISTICS:
            connection.exec_driver_sql(
                "INSERT INTO sqlite_stat1 VALUES ('audit_finding', ?, ?)", (index, stat)
            )
        connection.exec_driver_sql("ANALYZE sqlite_schema")  # read the statistics again
    query = kept._filtered(select(AuditFinding), Scope(), ["second_hand_only"])
    query = query.order_by(*(key.ordered() for key in kept.ORDER)).limit(50)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    engine.dispose()
    assert any("ix_audit_finding_order" in step and "rule=" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
