"""Single quotation marks are read as quotation marks only where the text uses them so, and an
apostrophe never opens or closes a quotation."""

from __future__ import annotations

from factdb.intake.extract import extract
from factdb.intake.quotes import british_style, find_quotes, paragraphs


def _quoted(text: str) -> list[str]:
    return [text[piece.start : piece.end] for piece in find_quotes(text, paragraphs(text))]


def test_british_style_pairs_single_marks_past_apostrophes_and_plurals():
    text = (
        "Kilby coach Lena Holt said the side’s form was ‘encouraging’.\n\n"
        "Holt said: ‘The players’ union has been good to us. We don’t complain.\n\n"
        "‘Our fans’ patience is what I’m thinking of,’ she added."
    )
    assert british_style(text)
    assert _quoted(text) == [
        "encouraging",
        "The players’ union has been good to us. We don’t complain.",
        "Our fans’ patience is what I’m thinking of",
    ]


def test_a_paragraph_opened_with_a_single_mark_and_not_closed_goes_on_in_the_next():
    text = "Holt said: ‘We were poor today.\n\n‘We will be better next week.’"
    pieces = find_quotes(text, paragraphs(text))
    assert [text[p.start : p.end] for p in pieces] == [
        "We were poor today.",
        "We will be better next week.",
    ]
    assert pieces[0].group == pieces[1].group


def test_with_double_quotations_single_marks_are_apostrophes_and_inner_quotes():
    text = (
        '"We’re going to give ’em everything," said coach Dana Lowe, whose players’ union '
        "had threatened a strike in the ’90s. \"Call it 'rock ’n’ roll football' if you like.\""
    )
    assert not british_style(text)
    assert _quoted(text) == [
        "We’re going to give ’em everything",
        "Call it 'rock ’n’ roll football' if you like.",
    ]


def test_elisions_and_a_lone_apostrophe_do_not_make_single_mark_style():
    text = "The band played ‘til two. Fans sang ‘em all, and the players’ bus left late."
    assert not british_style(text)
    assert _quoted(text) == []


def test_a_colon_opening_a_single_mark_over_two_paragraphs_is_read_among_double_quotations():
    text = (
        'Manager Nora Pell said her side had been "written off" all year and called the win '
        '"a special day". The fans sang "Fields" all night.\n\n'
        "She told reporters: ‘I feel for them, they put their life and soul into this.\n\n"
        "‘I suppose we will take this one, the girls have been amazing. They never quit.’"
    )
    assert not british_style(text)
    found = extract(text).quotes
    assert [(q.text[:14], q.speaker) for q in found if q.text.startswith("I ")] == [
        ("I feel for the", "Nora Pell"),
        ("I suppose we w", "Nora Pell"),
    ]


def test_an_apostrophe_after_a_colon_left_open_at_a_paragraph_end_opens_nothing():
    text = (
        'Nora Pell called the win "a special day" and the season "a long one".\n\n'
        "The club's motto reads: 'tis the season, in Gaelic and in English.\n\n"
        "Fans queued for tickets on Monday."
    )
    assert "tis the season" not in " ".join(_quoted(text))
