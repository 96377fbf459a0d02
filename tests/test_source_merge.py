"""Merging one source into another: what moves, what is refused, and the audit after."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.audit.kept import counts_by_rule
from factdb.errors import NotFound, StaleEdit, ValidationFailed
from factdb.history import changes_for, changes_for_claim
from factdb.models import AuditFinding, Citation, DocumentAuthor, Source
from factdb.source_merge import find_merged, merge_source, plan_merge
from factdb.sources import SourceInput, find_source, get_source, update_source
from factdb.vocab import Reliability, Role, SourceKind


@pytest.fixture
def pair(make):
    """Two records of one person, the short one cited, authoring and heading a body."""
    editor = make.user(Role.EDITOR, name="Rhea Tamsin")
    kept = make.source("Joseph Santorin", role="", reliability=Reliability.B)
    short = make.source("Joe Santorin", role="Harbour master", aliases=["J. Santorin"])
    office = make.source("Santorin office", kind=SourceKind.ORGANISATION, parent_id=short.id)
    memo = make.document("Harbour memo", authors=[short.id])
    claim = make.claim(editor, "The quay was rebuilt twice.", document=memo, speaker=short)
    return editor, kept, short, office, memo, claim


def test_a_merge_moves_citations_authors_members_aliases_and_history(session, make, pair):
    editor, kept, short, office, memo, claim = pair
    plan = plan_merge(session, short.id, kept.id)
    assert (plan.citations, plan.claims, plan.documents) == (1, 1, 1)
    assert plan.children == ["Santorin office"]
    assert plan.aliases == ["Joe Santorin", "J. Santorin"]
    assert plan.filled == {"role": "Harbour master"}
    session.rollback()
    merge_source(session, editor, short.id, kept.id, short.version)
    session.commit()
    assert session.get(Source, short.id) is None
    assert (
        session.scalar(select(Citation.speaker_id).where(Citation.claim_id == claim.id)) == kept.id
    )
    author = session.scalars(
        select(DocumentAuthor).where(DocumentAuthor.document_id == memo.id)
    ).one()
    # The document keeps the name it gave its author.
    assert (author.source_id, author.name) == (kept.id, "Joe Santorin")
    assert session.get(Source, office.id).parent_id == kept.id
    source = get_source(session, kept.id)
    assert sorted(a.name for a in source.aliases) == ["J. Santorin", "Joe Santorin"]
    assert source.role == "Harbour master"
    # Later intake and imports find the kept source by either old name.
    assert find_source(session, "joe santorin").id == kept.id
    assert find_source(session, "J. Santorin").id == kept.id
    assert find_merged(session, short.id) == kept.id
    changes = changes_for(session, "source", kept.id)
    assert [c.action for c in changes] == ["created", "created", "merged"]
    assert changes[-1].fields["merged_from"] == [None, f"Joe Santorin (#{short.id})"]
    assert changes[-1].user.name == "Rhea Tamsin"
    # The claim's history shows its citation's new speaker, and the merge that gave it.
    (moved,) = [c for c in changes_for_claim(session, claim.id) if c.action == "updated"]
    assert (moved.entity, moved.entity_id) == ("citation", claim.citations[0].id)
    assert moved.fields == {"speaker": ["Joe Santorin", "Joseph Santorin"],
                            "merged_from": [None, f"Joe Santorin (#{short.id})"]}  # fmt: skip
    assert moved.user.name == "Rhea Tamsin"


def test_a_merge_into_itself_or_a_member_or_over_a_newer_save_is_refused(session, make, pair):
    editor, kept, short, office, *_ = pair
    with pytest.raises(ValidationFailed) as itself:
        merge_source(session, editor, short.id, short.id, short.version)
    assert "into itself" in itself.value.fields["into"]
    with pytest.raises(ValidationFailed) as member:
        merge_source(session, editor, short.id, office.id, short.version)
    assert "belongs to Joe Santorin" in member.value.fields["into"]
    session.rollback()
    opened = short.version
    update_source(session, editor, short.id, opened, SourceInput(name="Joe Santorin", kind=SourceKind.PERSON, role="Pilot"))  # fmt: skip
    session.commit()
    with pytest.raises(StaleEdit):
        merge_source(session, editor, short.id, kept.id, opened)
    session.rollback()
    assert session.get(Source, short.id) is not None


def test_merged_sources_redirect_along_a_chain_and_unknown_ids_stay_unknown(session, make, pair):
    editor, kept, short, *_ = pair
    third = make.source("Jo Santorin")
    merge_source(session, editor, short.id, kept.id, short.version)
    session.commit()
    merge_source(session, editor, kept.id, third.id, get_source(session, kept.id).version)
    session.commit()
    assert find_merged(session, short.id) == third.id
    assert find_merged(session, kept.id) == third.id
    with pytest.raises(NotFound):
        find_merged(session, 999_999)
    with pytest.raises(ValidationFailed) as gone:
        plan_merge(session, third.id, short.id)
    assert f"merged into source {third.id}" in gone.value.fields["into"]


def test_the_audit_follows_a_merge(session, make):
    editor = make.user(Role.EDITOR)
    kept = make.source("Marit Oyelaran", reliability=Reliability.B)
    ungraded = make.source("M. Oyelaran")
    make.claim(editor, "Tolls fell by half.", document=make.document("Toll note"), speaker=ungraded)
    about = select(AuditFinding.rule).where(AuditFinding.source_id == ungraded.id)
    assert "SOURCE_UNGRADED" in session.scalars(about).all()
    before = counts_by_rule(session).get("SOURCE_UNGRADED", 0)
    merge_source(session, editor, ungraded.id, kept.id, ungraded.version)
    session.commit()
    assert session.scalars(about).all() == []
    assert counts_by_rule(session).get("SOURCE_UNGRADED", 0) == before - 1


def test_a_save_of_the_kept_source_opened_before_the_merge_is_refused(session, make, pair):
    editor, kept, short, *_ = pair
    opened = kept.version
    merge_source(session, editor, short.id, kept.id, short.version)
    session.commit()
    with pytest.raises(StaleEdit):
        update_source(session, editor, kept.id, opened, SourceInput(name="Joseph Santorin", kind=SourceKind.PERSON))  # fmt: skip


def test_two_wikidata_items_are_two_people_and_both_notes_are_kept(session, make):
    editor = make.user(Role.EDITOR)
    kept = make.source("Ines Aldana", wikidata="Q101", notes="Port authority chair.")
    other = make.source("Ines Aldana Ruiz", wikidata="Q202")
    with pytest.raises(ValidationFailed) as refused:
        plan_merge(session, other.id, kept.id)
    assert "two different items" in refused.value.fields["into"]
    session.rollback()
    same = make.source("I. Aldana", notes="Quoted as I. Aldana in the port bulletin.")
    merge_source(session, editor, same.id, kept.id, same.version)
    session.commit()
    notes = get_source(session, kept.id).notes
    assert notes == "Port authority chair.\n\nQuoted as I. Aldana in the port bulletin."


def test_notes_too_long_together_refuse_the_merge_instead_of_being_cut(session, make):
    """Both sources' notes are kept whole or not at all: the end of one was cut silently."""
    editor = make.user(Role.EDITOR)
    kept = make.source("Ines Aldana", notes="Port authority chair. " * 500)  # 11,000
    same = make.source("I. Aldana", notes="Quoted in the port bulletin. " * 400)  # 11,600
    with pytest.raises(ValidationFailed) as refused:
        merge_source(session, editor, same.id, kept.id, same.version)
    message = refused.value.fields["into"]
    assert "22,600 characters" in message and "at most 20,000" in message
    assert "shorten" in message.lower()
    session.rollback()
    assert len(get_source(session, kept.id).notes) == 10_999  # as they were, stripped
    assert len(get_source(session, same.id).notes) == 11_599
