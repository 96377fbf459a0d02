"""A word or two in single marks after a verb of speaking is a quotation, unless the writer
names a thing by it ("the ‘green lung’ of the estate")."""

from __future__ import annotations

from factdb.intake.extract import extract

#: A text that quotes in double marks, with single marks after "said" in two sentences.
TEXT = (
    '"We will fight on," said Lena Marsh. "We have done it before."\n\n'
    "Police said the fire started near the ‘green lung’ of the estate.\n\n"
    'Councillor Derek Holm said members were ‘abused’ by protesters. "It was unpleasant," he said.'
)


def test_a_thing_named_in_single_marks_after_said_is_no_quotation():
    quotes = {quote.text: quote.speaker for quote in extract(TEXT).quotes}
    assert "green lung" not in quotes
    assert quotes["abused"] == "Derek Holm"
