"""Speakers matched to recorded bodies: by the office a name says, never by a place it contains."""

from __future__ import annotations

from factdb.intake import SourceMatcher, propose
from factdb.vocab import SourceKind

OFFICE = "Prosecutor General's Office of Vardania"


def test_a_country_does_not_match_a_body_whose_name_merely_contains_it(session, make):
    make.source(OFFICE, kind=SourceKind.GOVERNMENT)
    make.source("Tessaly Harbour Board", kind=SourceKind.GOVERNMENT)
    matcher = SourceMatcher(session)
    for name in ("Vardania", "Tessaly", "Harbour"):
        found = matcher.match(name)
        assert found.source is None and found.how == "new", (name, found.label)


def test_word_order_variants_of_an_office_match_the_recorded_one(session, make):
    office = make.source(OFFICE, kind=SourceKind.GOVERNMENT)
    matcher = SourceMatcher(session)
    for name in ("General Prosecutor's Office", "Prosecutor General's Office",
                 "the general prosecutor's office", "Office of the Prosecutor General"):  # fmt: skip
        found = matcher.match(name)
        assert found.source is not None and found.source.id == office.id, name
        assert found.how == "similar"


def test_an_office_of_two_places_is_not_guessed(session, make):
    make.source(OFFICE, kind=SourceKind.GOVERNMENT)
    make.source("Prosecutor General's Office of Ostrelia", kind=SourceKind.GOVERNMENT)
    found = SourceMatcher(session).match("General Prosecutor's Office")
    assert found.source is None
    assert "Vardania" in found.doubt and "Ostrelia" in found.doubt


ARTICLE = (
    "Harbour tender inquiry\n\n"
    "\u201cThe tender for the harbour was rigged from the start,\u201d the prosecutor general's "
    "office said in a statement.\n\n"
    "\u201cIt was not rigged,\u201d a prosecutor's office said.\n"
)


def test_a_description_naming_an_office_is_that_office_not_a_vague_speaker(session, make):
    office = make.source(OFFICE, kind=SourceKind.GOVERNMENT)
    named, unnamed = propose(session, ARTICLE).quotes
    assert named.speaker.source is not None and named.speaker.source.id == office.id
    assert named.quote.speaker_kind == "organisation" and not named.vague
    assert named.recorded_speaker == OFFICE and named.starts_ticked
    # "a prosecutor's office" says which kind of office, not which one.
    assert unnamed.vague and unnamed.speaker.source is None


def test_a_described_office_with_no_recorded_source_is_proposed_as_a_new_body(session):
    (named, _unnamed) = propose(session, ARTICLE).quotes
    assert named.quote.speaker_kind == "organisation" and not named.vague
    assert named.speaker.source is None and named.speaker.how == "new"
    assert named.recorded_speaker == "Prosecutor General's Office"
    assert named.speaker.suggested_kind in (SourceKind.GOVERNMENT, SourceKind.ORGANISATION)


def test_a_speaker_named_many_times_is_matched_once(session, make):
    """A long article names the same speakers hundreds of times; each name is looked up once
    (a 300,000-character paste took 49 s to match against 23,000 recorded names)."""
    from sqlalchemy import event

    office = make.source(OFFICE, kind=SourceKind.GOVERNMENT)
    matcher = SourceMatcher(session)
    session.expunge_all()  # the office is looked up, not found at hand
    statements: list[str] = []

    def remember(*args: object) -> None:
        statements.append(str(args[2]))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", remember)
    try:
        first = matcher.match("General Prosecutor's Office")
        looked_up = len(statements)
        again = [matcher.match("General Prosecutor's Office") for _ in range(20)]
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert looked_up > 0 and len(statements) == looked_up
    assert all(found.source is not None and found.source.id == office.id for found in again)
    again[0].doubt = "changed by a caller"
    assert matcher.match("General Prosecutor's Office").doubt == first.doubt == ""


def test_a_long_readings_speakers_are_matched_in_a_few_queries_however_many(session, make):
    """The review page of a long reading matches every speaker again each time it is opened:
    a query or two per name made a 300,000-character article's page take a second."""
    from sqlalchemy import event

    from factdb.intake import proposal_from
    from factdb.intake.extract import Extraction, Quote

    by_name = [make.source(f"Ottoline Brisk{n}") for n in range(30)]
    surnames = ["Castellane", "Obenauf", "Vantreece", "Mirrowby", "Fenwicke", "Ashgrove",
                "Tollemache", "Pardewell", "Lannoyer", "Whitcombe"]  # fmt: skip
    given = ["Wilhelmina", "Isidore", "Philippa", "Leopold", "Cordelia", "Bartholomew",
             "Rosalind", "Ambrose", "Henrietta", "Evander"]  # fmt: skip
    close = [make.source(f"{first} {last}") for first, last in zip(given, surnames, strict=True)]
    by_alias = [
        make.source(f"Harbour Board of Quenby{n}", kind=SourceKind.ORGANISATION,
                    aliases=[f"Quenby{n} Port Authority"])
        for n in range(15)
    ]  # fmt: skip
    spoken = [*(s.name for s in by_name), *(f"Quenby{n} Port Authority" for n in range(15))]
    spoken += [f"{last}, {first}" for first, last in zip(given, surnames, strict=True)]
    quotes = [
        Quote(f"We moved {n} crates", name, None, "said", 0, 10, confidence=0.9,
              speaker_kind="organisation" if "Quenby" in name else "person")
        for n, name in enumerate(spoken)
    ]  # fmt: skip
    session.expunge_all()  # nothing recorded is at hand: the page opens in a fresh session
    statements: list[str] = []

    def remember(*args: object) -> None:
        statements.append(str(args[2]))

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", remember)
    try:
        proposal = proposal_from(session, "We moved the crates.", Extraction(quotes))
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    matched = [
        (row.speaker.how, row.speaker.source and row.speaker.source.id) for row in proposal.quotes
    ]
    assert matched == [
        *(("name", s.id) for s in by_name),
        *(("name", s.id) for s in by_alias),
        *(("similar", s.id) for s in close),
    ]
    assert len(statements) <= 6, statements
