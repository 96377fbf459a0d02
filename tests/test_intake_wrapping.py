"""Hard-wrapped copy is read as running text, and every offset still points into the text given."""

from __future__ import annotations

from factdb.intake.extract import extract
from factdb.intake.review import claim_sentence, context
from factdb.intake.wrapping import running_text
from tests.intake_corpus import CORPUS

WRAPPED = next(
    p for p in CORPUS if p.get("case") == "hard-wrapped-wire-copy-is-read-as-running-text"
)


def test_line_breaks_inside_sentences_become_spaces_and_paragraph_breaks_stay():
    text = WRAPPED["text"]
    read = running_text(text)
    assert len(read) == len(text)
    lines = read.split("\n")
    # The title and the byline stand alone; the dateline's sentence runs on to its end.
    assert lines[:2] == ["Court orders Varnes mill shut", "By Petra Lindqvist"]
    assert lines[2].startswith("HALDEN, March 3") and lines[2].endswith("the fish that died in it.")
    assert lines[3].startswith('"This mill') and lines[3].endswith("to a packed courtroom.")


def test_a_new_quotation_after_a_full_stop_opens_a_paragraph():
    text = (
        "The council met on Monday to discuss the new bus lanes along the\n"
        "harbour road, which shopkeepers have opposed for two years now.\n"
        '"We lose trade every week the works go on," said baker Tove Lund\n'
        "as she left the hall with a dozen others from the street.\n"
        "The mayor, Erik Dahl, promised to publish the traffic counts by\n"
        'the end of the month. "People deserve to see the figures," he said.\n'
        "The works began in March and are due to last until the autumn,\n"
        "when the last of the four lanes opens to buses, taxis and the\n"
        "delivery vans that the shopkeepers depend on for their stock.\n"
    )
    lines = running_text(text).split("\n")
    assert lines[1].startswith('"We lose trade') and lines[2].startswith("The mayor")
    # A full line gives no sign of a paragraph's end: the next sentence runs on there.
    assert lines[2].endswith("the shopkeepers depend on for their stock.")


def test_one_paragraph_a_line_is_left_as_it_is():
    text = (
        "The council met on Monday to discuss the bus lanes.\n"
        '"We lose trade every week the works go on," said baker Tove Lund.\n'
        "The mayor, Erik Dahl, promised to publish the traffic counts by the end of the month\n"
        "Photo: the harbour road\n"
        "Shopkeepers have opposed the plan for two years.\n"
    ) * 3
    assert running_text(text) == text


def test_offsets_of_hard_wrapped_quotes_point_into_the_text_given():
    text = WRAPPED["text"]
    for quote in extract(text).quotes:
        assert " ".join(text[quote.start : quote.end].split()).rstrip(",") == quote.text
        cue = quote.evidence.get("cue_start")
        if cue is not None:
            assert text[cue : quote.evidence["cue_end"]] == quote.cue


def test_the_review_shows_a_hard_wrapped_quote_in_its_whole_paragraph_with_its_cue():
    text = WRAPPED["text"]
    quote = next(q for q in extract(text).quotes if q.text.startswith("This mill"))
    shown = context(text, quote)
    marks = {segment.mark: segment.text for segment in shown.segments if segment.mark}
    # The cue and the speaker on the next line are in the paragraph shown, not set apart.
    assert marks == {
        "quote": "This mill has poisoned the water for a generation",
        "cue": "said",
        "speaker": "Marta Solberg",
    }
    assert shown.elsewhere == ""
    # the sentence read across its line breaks, whole: it goes on after who said it
    assert claim_sentence(text, quote) == (
        '"This mill has poisoned the water for a generation," said presiding judge Marta '
        "Solberg, who read the ruling out to a packed courtroom."
    )
