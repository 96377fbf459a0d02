"""A body's or a newspaper's statement quoted with no cue of its own, and "the statement said"."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_kind) for q in extract(text).quotes]


def test_a_newspapers_name_is_an_organisation_never_a_person():
    text = (
        "Libel claim filed\n\n"
        'The Kilby Courier said the claim was "without merit". The Harwick Gazette called it '
        '"a stunt".'
    )
    assert _speakers(text) == [
        ("without merit", "Kilby Courier", "organisation"),
        ("a stunt", "Harwick Gazette", "organisation"),
    ]


def test_a_quotation_alone_after_a_sentence_that_issues_a_statement_is_the_issuers():
    text = (
        "Libel claim filed\n\n"
        "The Harwick Gazette issued a statement on Tuesday.\n\n"
        '"We stand by every word of our reporting and will defend it in court."\n\n'
        "Ana Ruiz released a statement through her lawyer.\n\n"
        '"I have done nothing wrong and I will say so in court."'
    )
    assert [(s, k) for _, s, k in _speakers(text)] == [
        ("Harwick Gazette", "organisation"),
        ("Ana Ruiz", "person"),
    ]
    # a sentence that only mentions a statement introduces nobody's words
    other = (
        "Libel claim filed\n\nThe statement was read out on Tuesday.\n\n"
        '"We stand by every word of our reporting."'
    )
    assert _speakers(other)[0][1] is None


def test_the_statement_said_is_the_body_that_acted_since_the_last_statement_named():
    text = (
        "Bakery recall widens\n\n"
        "Ana Ruiz released a statement through her lawyer.\n\n"
        '"I have done nothing wrong and I will say so in court."\n\n'
        'Kestrel Foods welcomed the decision. "This is a good day for our staff," the statement '
        "said."
    )
    found = _speakers(text)
    assert found[1][1:] == ("Kestrel Foods", "organisation")
    # with no statement named since, the last one issued stands
    before = (
        "Bakery recall widens\n\n"
        "Kestrel Foods issued a statement on Monday. The mayor visited the bakery.\n\n"
        '"We will reopen within a week," the statement said.'
    )
    assert _speakers(before)[0][1:] == ("Kestrel Foods", "organisation")
