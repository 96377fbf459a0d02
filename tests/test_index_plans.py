"""Pages that read many claims read them from indexes: in their order, or without their rows."""

from __future__ import annotations

import pytest
from sqlalchemy import Select, func, select

from factdb import migrate
from factdb.db import make_engine
from factdb.involvement import Involvement, _claim_ids
from factdb.models import Claim
from factdb.sqlfunctions import among
from factdb.team.queue import unassigned_ids


def _plan(tmp_path, query: Select) -> list[str]:
    engine = make_engine(f"sqlite:///{tmp_path / 'plans.sqlite'}")
    migrate.upgrade(engine)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    engine.dispose()
    return plan


def test_unassigned_claims_in_review_are_walked_in_the_order_of_an_index(tmp_path):
    plan = _plan(tmp_path, unassigned_ids(25))
    # Sorted after reading, every claim in review was read to keep 25 (16,459 at 100,000).
    assert any("COVERING INDEX ix_claim_status_updated_at_id" in step for step in plan), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan


@pytest.mark.parametrize("involvement", [Involvement.SPEAKER, Involvement.REPORTED])
def test_a_sources_words_and_reported_words_are_told_apart_from_an_index(tmp_path, involvement):
    counted = (
        select(Claim.status, func.count())
        .where(among(Claim.id, _claim_ids(1, involvement)))
        .group_by(Claim.status)
    )
    plan = _plan(tmp_path, counted)
    # Read from the citation rows, the relation cost a row a citation (5,013 for one source).
    assert any(
        "COVERING INDEX ix_citation_speaker_id_claim_id_relation" in step for step in plan
    ), plan


def test_an_analysed_database_keeps_its_plans_after_the_indexes_are_added(tmp_path):
    """SQLite took an index without statistics for a very selective one (95 ms, not 1)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'analysed.sqlite'}")
    migrate.upgrade(engine, "0038")
    statuses = ["unverified", "in_review", "true", "false"]
    with engine.begin() as connection:
        for n in range(1, 401):
            connection.exec_driver_sql(
                "INSERT INTO claim (id, text, context, status, verdict, version, created_at, "
                "updated_at) VALUES (?, ?, '', ?, '', 1, '2026-01-01', ?)",
                (n, f"Claim {n} of the harbour", statuses[n % 4], f"2026-01-{n % 28 + 1:02d}"),
            )
        connection.exec_driver_sql("ANALYZE")
    migrate.upgrade(engine)
    query = select(Claim.id).where(Claim.status == "true").order_by(Claim.id.desc()).limit(25)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = [row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
    engine.dispose()
    assert any("ix_claim_status_id" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
