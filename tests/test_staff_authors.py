"""A newsroom's staff credited as author ("Harwick Wire Staff", "Staff, Harwick Wire") is an
organisation, and the same author however the comma turns it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factdb.authorship import spec_from_text
from factdb.intake.byline import authors_left_out, recorded_authors
from factdb.models import Document, Source
from factdb.source_kinds import guess_source_kind
from factdb.vocab import Role
from tests.test_intake_authors import _ingest


@pytest.mark.parametrize(
    "name",
    ["Harwick Wire Staff", "Staff, Harwick Wire", "Just the News Staff", "Staff, Just the News",
     "Bayside Post staff", "Staff of the Harwick Wire", "AP Staff", "Staff, AP"],
)  # fmt: skip
def test_a_newsrooms_staff_is_no_person(name):
    assert not guess_source_kind(name).is_person
    assert not spec_from_text(name).kind.is_person


@pytest.mark.parametrize("name", ["Mara Quill", "Quill, Mara", "Tom Reyes"])
def test_people_stay_people(name):
    assert guess_source_kind(name).is_person


def test_staff_after_a_comma_is_written_as_the_byline_writes_it():
    spec = spec_from_text("Staff, Harwick Wire")
    assert spec.name == "Harwick Wire Staff" and spec.family == "" and spec.given == ""


@pytest.mark.parametrize(
    ("recorded", "given"),
    [
        (["Just the News Staff"], ["Staff, Just the News"]),
        (["Mara Quill", "Tom Reyes"], ["Quill, Mara", "tom  reyes"]),
        (["Mara Quill"], ["QUILL, Mara"]),
    ],
)
def test_the_same_authors_written_otherwise_are_not_left_out(recorded, given):
    assert authors_left_out(recorded, given) == []


def test_other_authors_are_still_left_out():
    assert authors_left_out(["Mara Quill"], ["Lena Marsh"]) == ["Lena Marsh"]
    assert authors_left_out(["Mara Quill", "Tom Reyes"], ["Tom Reyes", "Mara Quill"]) != []


def test_ingesting_twice_with_a_staff_author_says_nothing_of_authors(
    app, database_url, monkeypatch, tmp_path, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    session.commit()
    run = (app, database_url, monkeypatch, tmp_path)
    _ingest(*run, "--author", "Staff, Harwick Wire", "--as", "ed@example.org")
    again = _ingest(*run, "--author", "Staff, Harwick Wire", "--as", "ed@example.org")
    assert "keeps its authors" not in again
    session.rollback()
    document = session.scalar(select(Document))
    assert recorded_authors(session, document.id) == ["Harwick Wire Staff"]
    author = session.scalar(select(Source).where(Source.name == "Harwick Wire Staff"))
    assert not author.kind.is_person


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [("Staff, A. B.", "Staff", "A. B."), ("Staff, Mara J.", "Staff", "Mara J.")],
)
def test_a_person_whose_family_name_is_staff_stays_a_person(name, family, given):
    """Initials are a person's: "Staff, A. B." is A. B. Staff, no newsroom called "A. B."."""
    spec = spec_from_text(name)
    assert spec.kind.is_person and guess_source_kind(name).is_person
    assert (spec.family, spec.given) == (family, given)
    assert guess_source_kind("A. B. Staff").is_person
