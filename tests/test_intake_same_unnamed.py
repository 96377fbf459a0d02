""" "The harbour board official" after "a harbour board official" is the same unnamed person
the article brought in, never the person named last."""

from __future__ import annotations

from factdb.intake.extract import extract

_TALKS = (
    "Harbour talks delayed\n\n"
    "Mayor Dana Whitfield visited the quay on Monday.\n\n"
    '"It was all arranged at short notice," a harbour board official told the Gazette.\n\n'
    "Asked why the fishermen were not told earlier, the harbour board official said: "
    '"They were informed early enough."'
)


def test_the_official_after_an_official_is_the_same_unnamed_speaker():
    found = extract(_TALKS).quotes
    speakers = [(q.speaker, q.speaker_kind) for q in found]
    assert speakers == [("a harbour board official", "vague")] * 2


def test_with_nobody_named_before_it_is_still_the_same_speaker():
    text = _TALKS.replace("Mayor Dana Whitfield visited the quay on Monday.\n\n", "")
    found = extract(text).quotes
    assert [q.speaker for q in found] == ["a harbour board official"] * 2


def test_a_named_official_in_between_is_the_official_meant():
    text = _TALKS.replace(
        "Asked why",
        "Tomas Velder, a harbour board official, said the meeting was short.\n\nAsked why",
    )
    found = extract(text).quotes
    assert found[-1].speaker == "Tomas Velder"
