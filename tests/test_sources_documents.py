"""Sources and documents: names, aliases, parents, dates and URLs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from factdb.claims import CitationInput
from factdb.documents import (
    DocumentInput,
    citations_in_document,
    create_document,
    get_document,
    update_document,
)
from factdb.errors import StaleEdit, ValidationFailed
from factdb.history import changes_for
from factdb.involvement import (
    Involvement,
    claims_involving,
    involvement_counts,
    source_citation_ids,
    source_citations_and_changes,
)
from factdb.source_kinds import guess_source_kind
from factdb.sources import (
    SourceInput,
    create_source,
    find_source,
    source_detail,
    split_person_name,
    update_source,
)
from factdb.text import parse_partial_date
from factdb.vocab import Relation, Role, SourceKind, Status


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("van der Leyen, Ursula", ("van der Leyen", "Ursula")),
        ("Ursula von der Leyen", ("von der Leyen", "Ursula")),
        ("Henrik Aalto", ("Aalto", "Henrik")),
        ("Мария Захарова", ("Захарова", "Мария")),
        ("Madonna", ("Madonna", "")),
        ("Mohammed bin Salman", ("bin Salman", "Mohammed")),
    ],
)
def test_split_person_name(name, expected):
    assert split_person_name(name) == expected


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Smith, Jane", SourceKind.PERSON),
        ("Jane Smith", SourceKind.PERSON),
        ("Ministry of Foreign Affairs", SourceKind.GOVERNMENT),
        ("Baltic Security Institute", SourceKind.THINK_TANK),
        ("Reuters", SourceKind.ORGANISATION),
        # Public bodies named by place and service read as people before.
        ("Vesterhavn Police", SourceKind.GOVERNMENT),
        ("Statistics Vesterhavn", SourceKind.GOVERNMENT),
        ("Harbourside Fire and Rescue", SourceKind.GOVERNMENT),
        ("Northvale County Sheriff's Office", SourceKind.GOVERNMENT),
        ("Northvale Hospital", SourceKind.ORGANISATION),
        ("Kestrel Airlines", SourceKind.ORGANISATION),
        ("Harbour Town FC", SourceKind.ORGANISATION),
        ("Northvale Daily Gazette", SourceKind.MEDIA),
        ("Vox Radio", SourceKind.MEDIA),
        # Names that share a word with a body but are people's.
        ("Tom Court", SourceKind.PERSON),
        ("Ana Church", SourceKind.PERSON),
        ("Jo Daily", SourceKind.PERSON),
        ("Emma Herald", SourceKind.PERSON),
        ("Ana Courier", SourceKind.PERSON),
        ("Lena Board", SourceKind.PERSON),
        ("Ben Trust", SourceKind.PERSON),
        ("Northvale Harbour Board", SourceKind.ORGANISATION),
        # A role before a name is the person's role, not a body.
        ("Sheriff Dana Lark", SourceKind.PERSON),
        ("Police Chief Dana Lark", SourceKind.PERSON),
        ("Customs officer Ivo Lind", SourceKind.PERSON),
        ("Deputy Minister Jane Doe", SourceKind.PERSON),
        ("Ministry of Foreign Affairs Spokesperson", SourceKind.GOVERNMENT),
    ],
)
def test_guess_source_kind(name, kind):
    assert guess_source_kind(name) == kind


def test_alias_resolves_to_its_source_and_cannot_be_taken_twice(session, make):
    kremlin = make.source(
        "Kremlin press service", kind=SourceKind.GOVERNMENT, aliases=["the Kremlin", "Kremlin"]
    )
    assert find_source(session, "THE KREMLIN").id == kremlin.id
    assert find_source(session, "the Kremlin’s") is None
    with pytest.raises(ValidationFailed) as error:
        create_source(session, None, SourceInput(name="Other", aliases=["the kremlin"]))
    assert "Kremlin press service" in error.value.fields["aliases"]


def test_parent_cannot_make_a_cycle(session, make):
    user = make.user(Role.EDITOR)
    government = make.source("Government", kind=SourceKind.GOVERNMENT)
    ministry = make.source("Ministry", kind=SourceKind.GOVERNMENT, parent_id=government.id)
    with pytest.raises(ValidationFailed) as error:
        update_source(
            session,
            user,
            government.id,
            government.version,
            SourceInput(name="Government", kind=SourceKind.GOVERNMENT, parent_id=ministry.id),
        )
    assert "parent_id" in error.value.fields


def test_source_edit_is_recorded_and_stale_edit_refused(session, make):
    user = make.user(Role.EDITOR)
    source = make.source("Dana Whitfield", aliases=["Senator Whitfield"])
    version = source.version
    update_source(
        session, user, source.id, version, SourceInput(name="Dana Whitfield", role="Senator")
    )
    session.commit()
    change = changes_for(session, "source", source.id)[-1]
    assert change.fields["role"] == ["", "Senator"]
    assert change.fields["aliases"] == [["Senator Whitfield"], []]
    with pytest.raises(StaleEdit):
        update_source(session, user, source.id, version, SourceInput(name="Someone else"))


@pytest.mark.parametrize("value", ["2024", "2024-03", "2024-02-29", ""])
def test_partial_dates_accepted(value):
    assert parse_partial_date(value) == value


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13", "24", "March 2024", "2024/03/01"])
def test_bad_dates_refused(value):
    with pytest.raises(ValueError):
        parse_partial_date(value)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://x.example", "example.com", "http://"]
)
def test_document_urls_must_be_web_addresses(session, url):
    with pytest.raises(ValidationFailed) as error:
        create_document(session, None, DocumentInput(title="T", url=url))
    assert "url" in error.value.fields


def test_future_access_date_refused(session):
    with pytest.raises(ValidationFailed) as error:
        create_document(
            session, None, DocumentInput(title="T", accessed=date.today() + timedelta(days=2))
        )
    assert "accessed" in error.value.fields


def test_document_authors_keep_order_and_link_to_sources(session, make):
    user = make.user(Role.EDITOR)
    institute = make.source("Baltic Security Institute", kind=SourceKind.THINK_TANK)
    document = create_document(
        session,
        user,
        DocumentInput(
            title="Report",
            authors=["van der Leyen, Ursula", "Baltic Security Institute", "Jane Roe"],
        ),
    )
    session.commit()
    document = get_document(session, document.id)
    names = [author.source.name for author in document.authors]
    assert names == ["Ursula van der Leyen", "Baltic Security Institute", "Jane Roe"]
    assert document.authors[0].source.family_name == "van der Leyen"
    assert document.authors[1].source.id == institute.id
    update_document(
        session,
        user,
        document.id,
        document.version,
        DocumentInput(title="Report", authors=["Jane Roe"]),
    )
    session.commit()
    change = changes_for(session, "document", document.id)[-1]
    assert change.fields["authors"][1] == ["Jane Roe"]


def test_percent_underscore_and_backslash_are_literal_in_every_look_up(session, make):
    """A title or name holding LIKE's wildcards finds itself and nothing that merely fits them."""
    from factdb.documents import list_documents, suggest_documents
    from factdb.sources import list_sources

    for title in (
        "Turnout 50% higher",
        "Turnout 50 percent higher",
        r"a_b\c report",
        "aXb\\c report",
    ):
        make.document(title)
    make.source("Bureau 50% Poll")
    make.source("Bureau 500 Poll")
    session.commit()
    assert [d.title for d in suggest_documents(session, "50%")] == ["Turnout 50% higher"]
    assert [d.title for d in suggest_documents(session, "a_b\\c")] == [r"a_b\c report"]
    listed = list_documents(session, q="50%")
    assert [row.document.title for row in listed.items] == ["Turnout 50% higher"]
    assert [row.source.name for row in list_sources(session, q="50%").items] == ["Bureau 50% Poll"]


def _cited_claims(make, count: int):
    editor = make.user(Role.EDITOR, email="pager@example.org")
    reviewer = make.user(Role.REVIEWER, email="judge@example.org")
    speaker = make.source("Petra Lund")
    document = make.document("Council minutes", url="https://council.example/minutes")
    claims = [
        make.claim(editor, f"The council met {n} times", document=document, speaker=speaker,
                   relation=Relation.ASSERTS, quote=f"met {n} times")
        for n in range(count)
    ]  # fmt: skip
    make.set_status(claims[1], reviewer, Status.IN_REVIEW)
    make.set_status(claims[3], reviewer, Status.IN_REVIEW)
    return speaker, document, claims


def test_a_document_s_citations_come_by_page_with_the_count_of_all(session, make):
    """One statement gives the page and the count; a page past the last shows the last."""
    _speaker, document, claims = _cited_claims(make, 5)
    empty = make.document("Nobody cites this")
    pages = {n: citations_in_document(session, document.id, page=n, size=2) for n in (1, 2, 3, 9)}
    assert [(p.number, p.total, [c.claim.id for c in p.items]) for p in pages.values()] == [
        (1, 5, [claims[0].id, claims[1].id]),
        (2, 5, [claims[2].id, claims[3].id]),
        (3, 5, [claims[4].id]),
        (3, 5, [claims[4].id]),
    ]
    assert pages[1].items[0].speaker.name == "Petra Lund"
    nothing = citations_in_document(session, empty.id, page=2, size=2)
    assert (nothing.number, nothing.total, nothing.items) == (1, 0, [])


def test_a_source_s_claims_come_by_status_then_newest_in_pages(session, make):
    speaker, _document, claims = _cited_claims(make, 5)
    ids = [
        [c.id for c in claims_involving(session, speaker.id, Involvement.SPEAKER, page=n, size=2).items]
        for n in (1, 2, 3)
    ]  # fmt: skip
    order = {status: index for index, status in enumerate(Status)}
    expected = sorted(claims, key=lambda c: (order[c.status], -c.id))
    assert ids == [[c.id for c in expected[:2]], [c.id for c in expected[2:4]], [expected[4].id]]
    in_review = claims_involving(
        session, speaker.id, Involvement.SPEAKER, status=Status.IN_REVIEW.value, size=2
    )
    assert ([c.id for c in in_review.items], in_review.total) == ([claims[3].id, claims[1].id], 2)
    assert in_review.items[0].tags == []  # loaded with the page, not on access


def test_a_source_s_claims_are_counted_once_each_way_by_status(session, make):
    """A claim citing the source twice counts once; its own words, reports and authorship apart."""
    editor = make.user(Role.EDITOR, email="counter@example.org")
    reviewer = make.user(Role.REVIEWER, email="checker@example.org")
    speaker = make.source("Petra Lund")
    other = make.source("Jonas Vik")
    minutes = make.document("Council minutes", url="https://council.example/minutes")
    memo = make.document("Harbour memo", url="https://council.example/memo", authors=["Petra Lund"])

    def cite(document, source, relation, quote):
        return CitationInput(
            document_id=document.id, speaker_id=source.id, relation=relation, quote=quote
        )

    twice = make.claim(editor, "The harbour closed twice", citations=[
        cite(minutes, speaker, Relation.ASSERTS, "closed once"),
        cite(minutes, speaker, Relation.SUPPORTS, "closed again"),
    ])  # fmt: skip
    reported = make.claim(editor, "The ferry was late", citations=[
        cite(minutes, speaker, Relation.REPORTS, "was late"),
        cite(memo, other, Relation.ASSERTS, "late again"),
    ])  # fmt: skip
    make.claim(editor, "Nobody came", document=minutes, speaker=other, quote="nobody")
    make.set_status(twice, reviewer, Status.IN_REVIEW)
    counts = involvement_counts(session, speaker.id)
    assert counts == {
        Involvement.SPEAKER: {Status.IN_REVIEW: 1},
        Involvement.REPORTED: {Status.UNVERIFIED: 1},
        Involvement.AUTHOR: {Status.UNVERIFIED: 1},
    }
    page = claims_involving(
        session, speaker.id, Involvement.SPEAKER, counts=counts[Involvement.SPEAKER]
    )
    assert ([c.id for c in page.items], page.total) == ([twice.id], 1)
    words = {c.id for c in twice.citations} | {reported.citations[0].id}
    assert reported.citations[0].speaker_id == speaker.id
    assert source_citation_ids(session, speaker.id, [twice.id, reported.id]) == words
    assert source_citation_ids(session, speaker.id, []) == set()
    # The source page reads them with the source's changes, in one statement.
    update_source(
        session, editor, speaker.id, speaker.version, SourceInput(name=speaker.name, role="clerk")
    )
    session.commit()
    cited, changes = source_citations_and_changes(session, speaker.id, [twice.id, reported.id])
    assert cited == words
    assert [(c.entity, c.entity_id, c.action) for c in changes][-1] == (
        "source",
        speaker.id,
        "updated",
    )
    assert changes[-1].fields["role"][1] == "clerk" and changes[-1].user.name == editor.name
    assert source_citations_and_changes(session, speaker.id, [])[0] == set()


def test_a_one_word_name_as_long_as_a_name_may_be_is_saved_whole(session, make):
    editor = make.user(Role.EDITOR)
    name = "Q" + "u" * 279
    source = create_source(session, editor, SourceInput(name=name, kind=SourceKind.PERSON))
    session.commit()
    assert source.name == name and len(source.family_name) <= 200
    assert name.startswith(source.family_name)


def test_document_and_source_suggestions_answer_the_fields_the_pick_script_reads(
    client, auth, make
):
    """factdb.js fills every pick field from the same fields, whichever record it suggests."""
    make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("Quarry ledger", container_title="Kiln Gazette", published="2019")
    source = make.source("Orsa Vask", role="Harbour warden")
    auth.login("ed@example.org")
    documents = client.get("/documents/suggest.json?q=quarry").get_json()
    sources = client.get("/sources/suggest.json?q=orsa").get_json()
    assert documents == [
        {"id": document.id, "name": "Quarry ledger", "label": "Quarry ledger",
         "detail": "Kiln Gazette, 2019", "title": "Quarry ledger"},
    ]  # fmt: skip
    assert sources == [
        {"id": source.id, "name": "Orsa Vask", "label": "Orsa Vask",
         "detail": source_detail(source), "kind": "person"},
    ]  # fmt: skip


def test_a_document_edited_from_an_outdated_version_is_refused_naming_who_saved_it(session, make):
    from factdb.documents import DocumentInput, update_document

    editor = make.user(Role.EDITOR, name="Alda Quenby")
    document = make.document("Quarry ledger")
    version = document.version
    update_document(
        session,
        editor,
        document.id,
        version,
        DocumentInput(title="Quarry ledgers", doc_type=document.doc_type),
    )
    session.commit()
    session.expire_all()  # as the next request reads it
    with pytest.raises(StaleEdit, match=r"^Alda Quenby saved this document after you opened it\.$"):
        update_document(
            session,
            editor,
            document.id,
            version,
            DocumentInput(title="Kiln ledger", doc_type=document.doc_type),
        )
