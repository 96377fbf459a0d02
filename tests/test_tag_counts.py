"""Claims by tag and status (tag_status_count) stay equal to a recount after any write.

The counters are kept by triggers (migration 0031), so every path that writes keeps them:
the domain functions the form, the API and the command line share, the bulk actions, a
loaded dump, and SQL written by hand (a claim or a tag deleted, a tag moved).
"""

from __future__ import annotations

import io
import random

import pytest
from sqlalchemy import delete, func, select, text, update

from factdb import transfer
from factdb.claims import ClaimFilters, ClaimInput, list_claims, save_claim, status_counts
from factdb.db import make_engine, make_session_factory
from factdb.models import Claim, Tag, TagStatusCount, claim_tag
from factdb.review import ReviewPolicy
from factdb.team.bulk import bulk_status, bulk_tag
from factdb.vocab import Role, Status
from tests.test_api import tokens  # noqa: F401 (a fixture)

TAGS = ["harbour", "levy", "quarry", "tolls", "ferry"]


def recount(session) -> dict[tuple[int, str], int]:
    """Claims by tag and status, counted from the claims."""
    rows = session.execute(
        select(claim_tag.c.tag_id, Claim.status, func.count())
        .join(Claim, Claim.id == claim_tag.c.claim_id)
        .group_by(claim_tag.c.tag_id, Claim.status)
    )
    return {(tag_id, Status(status).value): count for tag_id, status, count in rows}


def kept(session) -> dict[tuple[int, str], int]:
    """The counters, leaving out the zeros a tag keeps after its last claim at a status."""
    rows = session.execute(
        select(TagStatusCount.tag_id, TagStatusCount.status, TagStatusCount.count)
    ).all()
    assert all(count >= 0 for *_key, count in rows)
    return {(tag_id, status): count for tag_id, status, count in rows if count}


def _tags(rng: random.Random) -> list[str]:
    return rng.sample(TAGS, rng.randint(0, 3))


def _write(session, make, rng: random.Random, editor, reviewer) -> None:
    """One random write through a domain function or by hand."""
    ids = list(session.scalars(select(Claim.id)))
    action = rng.choice(["new", "new", "retag", "status", "bulk_tag", "bulk_status",
                         "delete_claim", "delete_tag", "move_tag"])  # fmt: skip
    if action == "new" or not ids:
        make.claim(editor, f"Claim {rng.random():.6f} on the levy", tags=_tags(rng))
        return
    claim = session.get(Claim, rng.choice(ids))
    if action == "retag":
        data = ClaimInput(text=claim.text, context=claim.context, tags=_tags(rng))
        save_claim(session, editor, data, claim_id=claim.id, expected_version=claim.version)
    elif action == "status":
        moved = Status.IN_REVIEW if claim.status == Status.UNVERIFIED else Status.UNVERIFIED
        make.set_status(claim, reviewer, moved)
    elif action == "bulk_tag":
        bulk_tag(session, editor, rng.sample(ids, min(3, len(ids))), rng.choice(TAGS))
    elif action == "bulk_status":
        chosen = rng.sample(ids, min(3, len(ids)))
        bulk_status(session, editor, chosen, rng.choice([Status.IN_REVIEW, Status.UNVERIFIED]),
                    ReviewPolicy())  # fmt: skip
    elif action == "delete_claim":
        session.execute(delete(Claim).where(Claim.id == claim.id))
    elif action == "delete_tag":
        session.execute(delete(Tag).where(Tag.name == rng.choice(TAGS)))
    else:
        tag_ids = list(session.scalars(select(Tag.id)))
        session.execute(
            text(
                "UPDATE claim_tag SET tag_id = :to WHERE claim_id = :claim AND tag_id = "
                "(SELECT min(tag_id) FROM claim_tag WHERE claim_id = :claim) AND NOT EXISTS "
                "(SELECT 1 FROM claim_tag WHERE claim_id = :claim AND tag_id = :to)"
            ),
            {"to": rng.choice(tag_ids), "claim": claim.id},
        )
    session.commit()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_counters_equal_a_recount_after_random_writes(session, make, seed):
    rng = random.Random(seed)
    editor = make.user(Role.EDITOR)
    reviewer = make.user(Role.REVIEWER)
    for _ in range(30):
        _write(session, make, rng, editor, reviewer)
        assert kept(session) == recount(session)
    assert recount(session), "the writes left some tagged claims"


def test_a_status_change_of_a_tagged_claim_moves_its_count(session, make):
    editor, reviewer = make.user(Role.EDITOR), make.user(Role.REVIEWER)
    claim = make.claim(editor, "The ferry runs at a loss.", tags=["ferry", "levy"])
    make.set_status(claim, reviewer, Status.IN_REVIEW)
    counts = status_counts(session, ClaimFilters(tag="ferry"))
    assert counts[Status.IN_REVIEW] == 1 and counts[Status.UNVERIFIED] == 0
    assert not counts.bounded
    page = list_claims(session, ClaimFilters(tag="ferry", status="in_review"))
    assert page.total == 1 and [row.claim.id for row in page.items] == [claim.id]


def test_the_form_and_the_api_keep_the_counters(client, auth, session, make, tokens):  # noqa: F811
    make.user(Role.EDITOR, email="form-editor@example.org")
    auth.login("form-editor@example.org")
    response = auth.post("/claims/new", {"text": "The quarry closed in May.",
                                         "tags": "quarry, tolls", "save": "Save claim"})  # fmt: skip
    assert response.status_code in (302, 303)
    created = client.post("/api/v1/claims", headers=tokens["editor"],
                          json={"text": "Tolls doubled.", "tags": ["tolls"]})  # fmt: skip
    assert created.status_code == 201
    body = created.get_json()["data"]
    moved = client.post(f"/api/v1/claims/{body['id']}/status", headers=tokens["editor"],
                        json={"version": body["version"], "status": "in_review"})  # fmt: skip
    assert moved.status_code == 201
    session.expire_all()
    assert kept(session) == recount(session)
    counts = status_counts(session, ClaimFilters(tag="tolls"))
    assert counts[Status.UNVERIFIED] == 1 and counts[Status.IN_REVIEW] == 1


def test_a_loaded_dump_brings_its_counters(session, make, database_url, empty_database_url):
    editor = make.user(Role.EDITOR)
    make.claim(editor, "The harbour levy rose.", tags=["harbour", "levy"])
    make.claim(editor, "The levy fell.", tags=["levy"])
    out = io.StringIO()
    transfer.dump(session, out)
    engine = make_engine(empty_database_url)
    try:
        from factdb import migrate

        migrate.upgrade(engine)
        with make_session_factory(engine, write=True)() as other, other.begin():
            transfer.load(other, io.StringIO(out.getvalue()))
        with make_session_factory(engine)() as other:
            assert kept(other) == recount(other) and recount(other)
            assert status_counts(other, ClaimFilters(tag="levy"))[Status.UNVERIFIED] == 2
    finally:
        engine.dispose()


def test_claims_updated_by_hand_keep_the_counters(session, make):
    editor = make.user(Role.EDITOR)
    ids = [make.claim(editor, f"Claim {n}", tags=["harbour"]).id for n in range(4)]
    session.execute(update(Claim).where(Claim.id.in_(ids[:3])).values(status=Status.TRUE))
    session.execute(delete(Claim).where(Claim.id == ids[0]))
    session.commit()
    assert kept(session) == recount(session)
    counts = status_counts(session, ClaimFilters(tag="harbour"))
    assert counts[Status.TRUE] == 2 and counts[Status.UNVERIFIED] == 1
