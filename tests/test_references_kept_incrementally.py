"""The job that keeps formatted references reads only what writes touched, and keeps what an
export of every document would: after any writes, by any path, its rows equal a full recompute."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select, text

from factdb.authorship import AuthorSpec
from factdb.documents import DocumentInput, create_document, get_document, update_document
from factdb.errors import StaleEdit, ValidationFailed
from factdb.export import batch_jobs, collation, export, refresh, warming
from factdb.importer import import_references
from factdb.models import Document, FormattedReference, ReferencePending, Source
from factdb.sources import SourceInput, get_source, update_source
from factdb.vocab import DocumentType, Role, SourceKind

#: Given names sharing initials within a family, so that cites print initials or year suffixes.
PEOPLE = [
    ("Ines", "Quarrington"), ("Ivo", "Quarrington"), ("Oona", "Quarrington"),
    ("Aiko", "Whitfield"), ("Amira", "Whitfield"),
]  # fmt: skip
TITLES = ["Harbour tolls rise", "Harbour tolls fall", "Tide tables", "Dredging the channel"]
YEARS = ["2023", "2024", "2024-05-01", ""]
TYPES = [DocumentType.REPORT, DocumentType.NEWS_ARTICLE, DocumentType.BOOK]


def _rows(session) -> list[tuple]:
    """The kept APA references of the documents that exist, as an export reads them."""
    session.rollback()  # the rows were written on a connection of their own
    table = FormattedReference.__table__
    return sorted(
        session.execute(
            select(
                table.c.document_id, table.c.digest, table.c.entry, table.c.citation,
                table.c.batch, table.c.rank,
            ).where(
                table.c.style == warming.WARMED_STYLE, table.c.form == warming.WARMED_FORM,
                table.c.document_id.in_(select(Document.id)),
            )
        ).all()
    )  # fmt: skip


def _no_pandoc(*_args, **_kwargs):
    raise AssertionError("pandoc ran although every reference was kept")


class World:
    """A few documents by namesakes, and the writes the property test draws from."""

    def __init__(self, session, make) -> None:
        self.session = session
        self.editor = make.user(Role.EDITOR)
        self.documents: list[int] = []
        for number in range(6):
            self.new_document(number, number, number, number, number)
        session.commit()

    def _authors(self, pick: int) -> list[AuthorSpec]:
        if pick % 6 == 5:
            return []  # cited by its title
        given, family = PEOPLE[pick % len(PEOPLE)]
        return [AuthorSpec(f"{given} {family}", SourceKind.PERSON, family, given)]

    def _input(self, title: int, year: int, author: int, kind: int, url: int) -> DocumentInput:
        return DocumentInput(
            title=TITLES[title % len(TITLES)], doc_type=TYPES[kind % len(TYPES)],
            published=YEARS[year % len(YEARS)], publisher="Port News" if kind % 2 else "",
            url=f"https://harbour.example/{url % 3}", authors=self._authors(author),
        )  # fmt: skip

    def _document(self, pick: int) -> Document | None:
        return get_document(self.session, self.documents[pick % len(self.documents)]) if self.documents else None  # fmt: skip

    def new_document(self, title: int, year: int, author: int, kind: int, url: int) -> None:
        document = create_document(
            self.session, self.editor, self._input(title, year, author, kind, url)
        )
        self.documents.append(document.id)

    def edit_document(self, pick: int, title: int, year: int, author: int, kind: int) -> None:
        document = self._document(pick)
        if document is not None:
            update_document(self.session, self.editor, document.id, document.version,
                            self._input(title, year, author, kind, pick + title))  # fmt: skip

    def edit_kind(self, pick: int, kind: int, url: int, *_: int) -> None:
        # The citation key stays: only the entry changes.
        document = self._document(pick)
        if document is not None:
            self.session.execute(
                text("UPDATE document SET doc_type = :kind, url = :url WHERE id = :id"),
                {"kind": TYPES[kind % len(TYPES)].value, "url": f"https://tides.example/{url}",
                 "id": document.id},
            )  # fmt: skip

    def rename_author(self, pick: int, name: int, *_: int) -> None:
        sources = list(self.session.scalars(select(Source).order_by(Source.id)))
        if not sources:
            return
        source = get_source(self.session, sources[pick % len(sources)].id)
        given = ["Ines", "Ivo", "Isla", "Oona", "Aiko"][name % 5]
        family = source.family_name if name % 3 else ["Quarrington", "Whitfield-Hale"][name % 2]
        update_source(self.session, self.editor, source.id, source.version, SourceInput(
            name=f"{given} {family}", kind=SourceKind.PERSON, family_name=family,
            given_name=given))  # fmt: skip

    def import_file(self, title: int, year: int, author: int, *_: int) -> None:
        given, family = PEOPLE[author % len(PEOPLE)]
        item = {
            "id": f"imported{title}{year}", "type": "report", "title": f"{TITLES[title % 4]} again",
            "author": [{"family": family, "given": given}],
            "issued": {"date-parts": [[2023 + year % 2]]},
        }  # fmt: skip
        import_references(self.session, self.editor, json.dumps([item]).encode(), format_name="csl-json")  # fmt: skip

    def retitle_by_hand(self, pick: int, title: int, *_: int) -> None:
        # A script or the SQL shell: no domain function, no ORM.
        if self.documents:
            chosen = self.documents[pick % len(self.documents)]
            self.session.execute(
                text("UPDATE document SET title = :title WHERE id = :id"),
                {"title": f"Aardvark notes {title}", "id": chosen},
            )

    def delete_by_hand(self, pick: int, *_: int) -> None:
        if len(self.documents) > 2:
            document_id = self.documents.pop(pick % len(self.documents))
            self.session.execute(text("DELETE FROM document WHERE id = :id"), {"id": document_id})
            # Behind the ORM's back: forget the row's object, or a new document given the same
            # id (SQLite reuses the highest one) clashes with it in the identity map.
            self.session.expunge_all()
            self.session.add(self.editor)

    def export_some(self, pick: int, *_: int) -> None:
        # The command line keeps what it formats, cut into batches of its own selection.
        chosen = self.documents[pick % len(self.documents) :][:3]
        self.session.commit()
        export(self.session, "apa", output="text", document_ids=chosen, keep=True).content  # noqa: B018

    def keep(self, *_: int) -> None:
        self.session.commit()
        warming.keep_references(self.session)


ACTIONS = [name for name in vars(World) if not name.startswith("_")]
STEPS = st.lists(
    st.tuples(st.sampled_from(ACTIONS), *(st.integers(0, 11) for _ in range(5))),
    min_size=1,
    max_size=6,
)


@pytest.fixture
def small_batches(monkeypatch) -> None:
    """Batches of a few documents, so that writes move the places where the list is cut."""
    monkeypatch.setattr(collation, "BATCH_SIZE", 3)


@pytest.fixture
def world(session, make, small_batches) -> World:
    return World(session, make)


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_kept_references_equal_a_full_recompute_after_any_writes(world, session, steps):
    for action, *args in steps:
        try:
            getattr(world, action)(*args)
            session.commit()
        except (ValidationFailed, StaleEdit):
            session.rollback()
    warming.keep_references(session)
    kept = _rows(session)
    assert len(kept) == session.scalar(select(func.count()).select_from(Document))
    assert session.scalar(select(func.count()).select_from(ReferencePending)) == 0
    afresh = export(session, "apa", output="text").content  # keeps nothing, reads nothing kept
    with pytest.MonkeyPatch.context() as warm:
        warm.setattr(batch_jobs, "Run", _no_pandoc)
        assert export(session, "apa", output="text", keep=True).content == afresh
    assert _rows(session) == kept
    session.execute(delete(FormattedReference))
    session.commit()
    export(session, "apa", output="text", keep=True).content  # noqa: B018 (formatted cold)
    assert _rows(session) == kept
    warming.keep_references(session)  # places for the next example
    session.commit()


def test_after_one_edit_the_job_reads_only_the_batch_of_the_document_edited(
    world, session, monkeypatch
):
    warming.keep_references(session)
    before = _rows(session)
    edited = world.documents[0]
    world.edit_document(0, 1, 1, 0, 0)  # another title and year
    session.commit()
    read: list[int] = []
    loading = refresh.load_documents

    def counted(session_, ids, keys=None):
        read.extend(ids)
        return loading(session_, ids, keys)

    monkeypatch.setattr(refresh, "load_documents", counted)
    found = refresh.plan(session, warming.WARMED_STYLE, warming.WARMED_FORM)
    (todo,) = found.todo
    assert edited in todo and len(found.batches) > 1 and len(todo) < len(world.documents)
    warming.keep_references(session)
    assert read and set(read) <= set(todo) - {edited}  # the edited one was read once, ahead
    after = _rows(session)
    assert [row for row in after if row[0] not in todo] == [
        row for row in before if row[0] not in todo
    ]
    assert refresh.plan(session, warming.WARMED_STYLE, warming.WARMED_FORM).todo == []


def _notes(session) -> list[int]:
    """The documents noted as needing their references formatted again."""
    session.rollback()
    return sorted(session.scalars(select(ReferencePending.document_id)))


def test_a_hundred_edits_of_one_document_leave_one_note(world, session):
    warming.keep_references(session)
    edited = world.documents[0]
    for number in range(100):
        session.execute(
            text("UPDATE document SET title = :title WHERE id = :id"),
            {"title": f"Harbour tolls, draft {number}", "id": edited},
        )
        session.commit()
    assert _notes(session) == [edited]


def test_a_note_written_while_the_job_runs_stays_for_the_next_one(world, session, monkeypatch):
    warming.keep_references(session)
    edited = world.documents[0]
    world.edit_document(0, 1, 1, 0, 0)
    session.commit()
    planning = refresh.plan

    def edited_meanwhile(session_, style, form):
        found = planning(session_, style, form)
        with session_.get_bind().begin() as connection:  # a write the plan did not see
            connection.execute(
                text("UPDATE document SET title = 'Tide tables, revised' WHERE id = :id"),
                {"id": edited},
            )
        return found

    monkeypatch.setattr(refresh, "plan", edited_meanwhile)
    warming.keep_references(session)
    assert _notes(session) == [edited]
    monkeypatch.setattr(refresh, "plan", planning)
    warming.keep_references(session)
    assert _notes(session) == []
