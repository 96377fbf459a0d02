"""Speakers any article can be given wrongly: a sentence's first word for a name, a party in
court or a player named again by a word the intake did not know, an unnamed source for the
person named last. Invented passages reproducing what real articles showed."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> dict[str, tuple[str | None, str]]:
    return {q.text: (q.speaker, q.speaker_kind) for q in extract(text).quotes}


def test_a_word_opening_a_sentence_is_never_the_speaker():
    text = (
        "The hearing was adjourned on Monday.\n\n"
        "When asked why the hearing stopped, the clerk told our reporter: “Nobody had the file.”"
    )
    speaker, _kind = _speakers(text)["Nobody had the file."]
    assert speaker != "When"


def test_the_accused_and_the_defendant_are_the_person_charged():
    text = (
        "Tomas Brenner, 23, appeared at Harwick Magistrates Court on Monday charged with theft."
        "\n\nWhen asked why he had left the hearing early, the accused told our reporter: "
        "“I was never told it would start at nine.”\n\n“I am innocent,” the defendant said."
    )
    found = _speakers(text)
    assert found["I was never told it would start at nine."] == ("Tomas Brenner", "person")
    assert found["I am innocent"] == ("Tomas Brenner", "person")


def test_a_party_is_never_the_judge_named_before():
    text = (
        "Judge Ana Ruiz adjourned the trial at Harwick Crown Court on Monday.\n\n"
        "“I am innocent,” the defendant said."
    )
    assert _speakers(text)["I am innocent"] == ("defendant", "vague")


def test_an_unnamed_source_is_never_the_person_named_before():
    text = (
        "Lena Holt, the trade minister, met the envoys in Harwick on Monday.\n\n"
        '"We are ready to talk at any time," the unnamed source was quoted as saying.'
    )
    speaker, kind = _speakers(text)["We are ready to talk at any time"]
    assert kind == "vague" and "source" in (speaker or "")


def test_a_player_named_again_by_his_position_speaks_for_the_quotation_below():
    text = (
        "Harbour Rovers skipper Dane Brixley cut a weary figure when he spoke to the press "
        "after Friday night's cup loss to Kestria.\n\n"
        "With the defeat still raw, the young flanker had to face questions, saying:\n\n"
        "“We are all down about the result. We fought for every ball.”"
    )
    found = _speakers(text)
    assert found["We are all down about the result. We fought for every ball."][0] == (
        "Dane Brixley"
    )


def test_a_list_of_quoted_phrases_shares_one_cue():
    text = (
        "Tomas Brenner was jailed for six years on Friday.\n\n"
        "But prosecutor Ana Ruiz noted Brenner had previously said he was being "
        '"hounded by enemies" and "zealots." "He is defiant," Ms Ruiz told the judge.'
    )
    found = _speakers(text)
    assert found["hounded by enemies"][0] == "Tomas Brenner"
    assert found["zealots."][0] == "Tomas Brenner"
    assert found["He is defiant"][0] == "Ana Ruiz"
