"""Quote matching: what counts as the same words, what as altered, what as missing."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

import pytest

from factdb.audit.quotes import (
    QuoteCheck,
    check_quote,
    normalise,
    normalise_with_offsets,
    quote_pieces,
    render_diff,
)

SOURCE = (
    "Not everyone welcomed the visit. “This trip has weakened the position of everyone who wants a "
    "negotiated settlement,” said Henrik Aalto, a former EU ambassador — speaking in Vessa. "
    "The ministry said it doesn't accept the deployment and calls for talks."
)


@pytest.mark.parametrize(
    "quote",
    [
        "This trip has weakened the position of everyone who wants a negotiated settlement",
        "THIS TRIP  has weakened\nthe position of everyone who wants a negotiated settlement,",
        '"This trip has weakened the position of everyone who wants a negotiated settlement."',
        "a former EU ambassador -- speaking in Vessa".replace("--", "–"),
        "This trip has weakened … who wants a negotiated settlement",
        "This trip has weakened [...] a negotiated settlement",
        "it doesn’t accept the deployment",
    ],
)
def test_exact_modulo_case_space_quotes_dashes_and_ellipsis(quote):
    assert check_quote(quote, SOURCE).outcome == "ok"


def test_ellipsis_pieces_must_appear_in_order():
    result = check_quote("a negotiated settlement … This trip has weakened", SOURCE)
    assert result.outcome != "ok"


@pytest.mark.parametrize(
    ("quote", "changed"),
    [
        (
            "This trip has weekend the position of everyone who wants a negotiated settlement",
            ("weekend", "weakened"),
        ),
        (
            "The ministry said it does not accept the deployment and calls for talks",
            ("does not", "doesn't"),
        ),
    ],
)
def test_one_changed_word_is_altered_with_a_diff(quote, changed):
    result = check_quote(quote, SOURCE)
    assert result.outcome == "altered"
    assert 85 <= result.score < 100
    replaced = [(q, s) for op, q, s in result.diff if op != "equal"]
    assert replaced == [changed]
    assert f"[-{changed[0]}-]" in render_diff(result.diff)


def test_missing_quote_reports_closest_passage_and_score():
    result = check_quote("The ambassador praised the visit as a great success for peace", SOURCE)
    assert result.outcome == "not_found"
    assert result.score < 85
    assert result.passage and result.passage in SOURCE
    assert any(op != "equal" for op, _, _ in result.diff)


def test_no_text_is_uncheckable():
    assert check_quote("anything", "   ").outcome == "uncheckable"


def test_located_match_points_into_the_original_text():
    result = check_quote("former EU ambassador", SOURCE, locate=True)
    assert result.outcome == "ok"
    assert SOURCE[result.start : result.end] == "former EU ambassador"


def test_short_quotes_must_match_exactly():
    assert check_quote("the vizit", SOURCE).outcome == "not_found"


def test_fast_and_mapped_normalisation_agree():
    text = "  A “Quote” — with\u00a0Straße … \n\n end ’s ÉÉ  "
    norm, offsets = normalise_with_offsets(text)
    assert norm == normalise(text)
    assert len(offsets) == len(norm)


def test_quote_pieces_split_on_every_ellipsis_form():
    assert quote_pieces("one … two ... three […] four (...) five") == [
        "one",
        "two",
        "three",
        "four",
        "five",
    ]


def test_a_stored_check_reads_back_as_it_was_made():
    check = check_quote("the position of everyone who want a negotiated settlement", SOURCE)
    assert check.outcome == "altered" and check.diff
    stored = json.loads(json.dumps(check.to_json()))
    assert stored == json.loads(json.dumps(asdict(check)))  # every field, none forgotten
    assert stored.keys() == {f.name for f in fields(QuoteCheck)}
    assert QuoteCheck.from_json(stored) == check
