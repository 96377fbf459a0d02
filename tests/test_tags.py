"""A tag is one tag however it is typed: full-width, ligatures, any case (NFKC and casefold)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from factdb import migrate
from factdb.claims import ClaimFilters, list_claims
from factdb.db import make_engine
from factdb.models import Tag
from factdb.team import bulk
from factdb.text import split_tags, tag_name
from factdb.vocab import Role
from tests.factories import Factory

SPELLINGS = ["courts", "Courts", "ＣＯＵＲＴＳ", "ｃｏｕｒｔｓ", " COURTS "]


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_of_a_tag_is_one_name(typed):
    assert tag_name(typed) == "courts"
    assert split_tags(f"{typed}, ﬁnance, Straße") == ["courts", "finance", "strasse"]


def test_claims_tagged_in_any_spelling_share_one_tag(make: Factory, session):
    editor = make.user(Role.EDITOR)
    claims = [make.claim(editor, tags=[typed]) for typed in SPELLINGS]
    assert session.scalars(select(Tag.name)).all() == ["courts"]
    other = make.claim(editor)
    bulk.bulk_tag(session, editor, [other.id], "ＣＯＵＲＴＳ")
    session.commit()
    assert session.scalars(select(Tag.name)).all() == ["courts"]
    for typed in SPELLINGS:
        found = list_claims(session, ClaimFilters(tag=typed), size=50).items
        assert {row.claim.id for row in found} == {c.id for c in claims} | {other.id}, typed


def test_a_tag_longer_than_allowed_once_folded_is_refused_by_name(make: Factory, session):
    from factdb.claims import ClaimInput, save_claim
    from factdb.errors import ValidationFailed

    editor = make.user(Role.EDITOR)
    # One character that NFKC writes as eighteen: 20 of them fold to 360 characters.
    with pytest.raises(ValidationFailed) as refused:
        save_claim(session, editor, ClaimInput(text="A claim", tags=["\ufdfa" * 20]))
    assert "tags" in refused.value.fields


def test_the_migration_merges_tags_that_differ_only_in_spelling(empty_database_url):
    engine = make_engine(empty_database_url)
    try:
        migrate.upgrade(engine, "0025")
        with engine.begin() as connection:
            now = "2026-01-01 00:00:00"
            for claim_id in (1, 2):
                connection.execute(
                    text("INSERT INTO claim (id, text, context, status, verdict, version, created_at, "
                         "updated_at, text_changed_at) VALUES (:id, 'Claim', '', 'unverified', '', 1, :now, :now, :now)"),
                    {"id": claim_id, "now": now},
                )  # fmt: skip
            for tag_id, name in ((1, "ｃｏｕｒｔｓ"), (2, "budget"), (3, "courts"), (4, "ﬁnance")):
                connection.execute(text("INSERT INTO tag (id, name) VALUES (:id, :name)"),
                                   {"id": tag_id, "name": name})  # fmt: skip
            for claim_id, tag_id in ((1, 1), (1, 3), (2, 1), (2, 2), (2, 4)):
                connection.execute(text("INSERT INTO claim_tag (claim_id, tag_id) VALUES (:c, :t)"),
                                   {"c": claim_id, "t": tag_id})  # fmt: skip
        migrate.upgrade(engine)
        with engine.connect() as connection:
            tags = connection.execute(text("SELECT id, name FROM tag ORDER BY id")).all()
            links = connection.execute(
                text("SELECT claim_id, tag.name FROM claim_tag JOIN tag ON tag.id = tag_id "
                     "ORDER BY claim_id, tag.name")
            ).all()  # fmt: skip
        assert [tuple(row) for row in tags] == [(1, "courts"), (2, "budget"), (4, "finance")]
        assert [tuple(row) for row in links] == [
            (1, "courts"), (2, "budget"), (2, "courts"), (2, "finance"),
        ]  # fmt: skip
        # Merged tags stay merged: nothing records how each claim's tag was typed.
        migrate.downgrade(engine, "0025")
        migrate.upgrade(engine)
    finally:
        engine.dispose()
