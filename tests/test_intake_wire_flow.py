"""Speakers in ordinary wire, sport and politics copy, in passages written here."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str, words: str) -> list[str | None]:
    return [q.speaker for q in extract(text).quotes if words in q.text]


def test_a_pronoun_after_a_newcomer_named_beside_his_description_means_the_name():
    text = (
        "KESTREL, Vostria (AP) — Police said several people were hurt at a market on Monday.\n\n"
        "Harbour police Sgt. Ona Pell said an arrest had been made.\n\n"
        "A man who had just left the market in Kestrel, Tomas Averin, told reporters that he "
        "heard loud bangs. He said he “could not see where they came from.”"
    )
    assert _speakers(text, "could not see where") == ["Tomas Averin"]


def test_the_statement_is_the_last_statement_named_not_an_email_named_after_it():
    text = (
        "Kestrel police: Officer shoots armed man at depot\n\n"
        "KESTREL, Vostria — Kestrel police say an armed man was shot at a bus depot.\n\n"
        "A police department statement said the man was 40, and a police spokesman did not "
        "immediately reply to an email from the Harwick Gazette.\n\n"
        "The statement said an officer answering a call “found the man inside the depot,” "
        "before the shooting."
    )
    assert _speakers(text, "found the man inside") == ["Kestrel police"]


def test_a_term_quoted_as_the_subject_of_a_verb_is_not_the_words_of_a_cue_below_it():
    text = (
        "KESTREL, Vostria — Lawmakers on Tuesday sent the farm bill to a second committee.\n\n"
        "The “quiet plan” could help local farmers claim their grants before the spring."
    )
    assert _speakers(text, "quiet plan") == [None]


def test_a_paragraph_ending_in_a_comma_after_a_verb_of_saying_introduces_the_quotation_below():
    text = (
        "Kilby Rovers won the cup 3-1 on Saturday.\n\n"
        "After the final, the club posted a video of captain Ana Brekke talking to the squad.\n\n"
        "She began her talk by stating the obvious,\n\n"
        "“Winning away from home is never easy. Everyone stepped up today.”"
    )
    assert _speakers(text, "Winning away from home") == ["Ana Brekke"]
