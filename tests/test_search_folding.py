"""Search folds letters people type without their marks the same way on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from factdb import migrate
from factdb.claims import ClaimFilters, list_claims
from factdb.claims.similar import similar_claims
from factdb.db import make_engine
from factdb.models import Source
from factdb.search import search
from factdb.vocab import Role
from tests.factories import Factory

#: (as stored, as typed without the letter's marks): invented names.
NAMES = [
    ("Aksınel", "Aksinel"),
    ("Østervangen", "Ostervangen"),
    ("Kvæborg", "Kvaeborg"),
    ("Graußdorf", "Graussdorf"),
    ("Wiłkany", "Wilkany"),
    ("Đurvela", "Durvela"),
    ("Þorvikur", "Thorvikur"),
    ("Œstrelin", "Oestrelin"),
    ("Çelvanır", "Celvanir"),
    ("Müllendahl", "Mullendahl"),
]


def _found(session: Session, query: str) -> set[tuple[str, int]]:
    session.commit()
    return {(hit.kind, hit.record_id) for hit in search(session, query).hits}


@pytest.mark.parametrize(("stored", "typed"), NAMES, ids=[typed for _, typed in NAMES])
def test_every_kind_is_found_by_the_name_typed_without_its_marks(
    session, make: Factory, stored, typed
):
    editor = make.user(Role.EDITOR)
    speaker = make.source(f"Ilse {stored}")
    document = make.document(f"Report from {stored}", full_text=f"Minutes kept at {stored} hall.")
    claim = make.claim(
        editor,
        f"The ferry to {stored} ran daily.",
        document=document,
        speaker=speaker,
        quote=f"we sailed to {stored} every day",
    )
    expected = {
        ("claim", claim.id),
        ("citation", claim.citations[0].id),
        ("source", speaker.id),
        ("document", document.id),
    }
    assert _found(session, typed) == expected
    assert _found(session, typed.upper()) == expected
    assert _found(session, stored) == expected  # typed with the letter itself, still found
    assert _found(session, f'"ferry to {typed}"') == {("claim", claim.id)}
    assert _found(session, typed[:4] + "*") >= expected
    listed = list_claims(session, ClaimFilters(q=typed)).items
    assert [item.claim.id for item in listed] == [claim.id]
    assert [found.id for found in similar_claims(session, f"The ferry to {typed} ran daily")] == [
        claim.id
    ]


def test_text_typed_without_marks_is_found_by_the_letter_too(session, make: Factory):
    editor = make.user(Role.EDITOR)
    claim = make.claim(editor, "The Ostervangen depot opened.")
    assert _found(session, "Østervangen") == {("claim", claim.id)}


def test_a_hit_shows_the_stored_text_not_its_folded_form(session, make: Factory):
    editor = make.user(Role.EDITOR)
    make.claim(editor, "Ilse Østervangen opened the depot.")
    session.commit()
    [hit] = search(session, "depot").hits
    assert hit.title == "Ilse Østervangen opened the depot."
    assert "Østervangen" in str(hit.snippet) and "<mark>depot</mark>" in str(hit.snippet)


def test_rows_stored_before_the_folding_are_folded_by_the_migration(database_url):
    engine = make_engine(database_url)
    try:
        # The source is recorded first: recording one now reads the merged sources' redirects
        # (migration 0038), which a database at 0031 has not got; the downgrade unfolds its
        # name as it unfolds the claim's and the quote's.
        with Session(engine) as session:
            source_id = Factory(session).source("Ilse Østervangen").id
        migrate.downgrade(engine, "0031")
        with Session(engine) as session:
            make = Factory(session)
            editor = make.user(Role.EDITOR)
            source = session.get(Source, source_id)
            document = make.document("Depot minutes")
            claim = make.claim(
                editor,
                "The Aksınel depot opened.",
                document=document,
                speaker=source,
                quote="the Kvæborg depot",
            )
            ids = claim.id, claim.citations[0].id, source.id
            assert _found(session, "Aksinel") == set()
        migrate.upgrade(engine)
        with Session(engine) as session:
            assert _found(session, "Aksinel") == {("claim", ids[0])}
            assert _found(session, "Kvaeborg") == {("citation", ids[1])}
            assert _found(session, "Ostervangen") == {("source", ids[2])}
        migrate.downgrade(engine, "0031")
        migrate.upgrade(engine)
        with Session(engine) as session:
            assert _found(session, "Aksinel") == {("claim", ids[0])}
    finally:
        engine.dispose()


def test_the_migration_folds_the_letters_search_folds():
    """A change to the letters needs a migration that indexes the stored rows again."""
    from importlib.util import module_from_spec, spec_from_file_location

    from factdb.paths import migrations_dir
    from factdb.search_fold import LETTERS, fold

    path = migrations_dir() / "versions" / "0032_search_folds_letters.py"
    spec = spec_from_file_location("revision_0032", path)
    assert spec is not None and spec.loader is not None
    revision = module_from_spec(spec)
    spec.loader.exec_module(revision)
    assert revision.LETTERS == LETTERS
    assert fold("Çelvanır Østervangen Straße") == "Celvanir Ostervangen Strasse"
    assert fold("Йорк") == "Йорк"  # other scripts are searched as stored, on both databases


def test_a_word_found_only_through_folding_is_shown_and_marked_as_stored(session, make: Factory):
    editor = make.user(Role.EDITOR)
    claim = make.claim(editor, "Ilse Østervangen opened the depot.")
    make.document("Minutes", full_text="The meeting at Graußdorf was short and calm.")
    session.commit()
    [hit] = search(session, "Ostervangen").hits
    assert hit.record_id == claim.id
    assert str(hit.snippet).strip() == "Ilse <mark>Østervangen</mark> opened the depot."
    [found] = search(session, "Graussdorf").hits
    assert found.kind == "document"
    assert "Graußdorf" in str(found.snippet) and "Graussdorf" not in str(found.snippet)
    assert "<mark>Graußdorf</mark>" in str(found.snippet)
    if session.get_bind().dialect.name == "sqlite":  # PostgreSQL reads a title with its text
        assert str(found.snippet).startswith("The meeting at <mark>Graußdorf</mark>")
    [both] = search(session, "ostervangen depot").hits
    assert "<mark>Østervangen</mark>" in str(both.snippet)
    assert "<mark>depot</mark>" in str(both.snippet)
