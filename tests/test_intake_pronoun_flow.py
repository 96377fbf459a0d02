"""Which person a pronoun means after a sentence naming several: for "he added", the one who
has spoken; never a club named before its boss; a surname however the tagger read it."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


def test_he_added_after_two_people_named_is_the_one_who_spoke_before():
    text = (
        "Harwick Rovers boss Tomas Brenner was relieved to keep the unbeaten run going.\n\n"
        "Brenner said: “We were the better side. A point was the least we deserved.”\n\n"
        "This was the third time Lars Moen had come off the bench to score for Harwick Rovers "
        "and Brenner was delighted with the striker’s finish.\n\n"
        "He added: “Lars gets one chance and takes it. That is what strikers do.”"
    )
    quotes = extract(text).quotes
    assert quotes[-1].speaker == "Tomas Brenner"
    assert "spoke" in quotes[-1].evidence["how"]


def test_a_club_named_before_its_bosss_role_is_never_he():
    text = (
        "Harwick Villa boss Tomas Brenner rued his side's wastefulness as they were held 1-1 at "
        "home by ten-man Kilby.\n\nThe home side had chances to win it late on, but Brenner and "
        "Villa were left frustrated.\n\nSpeaking to reporters after the game, the Dane said: "
        "“We had the chances and we needed to be clinical.”"
    )
    assert _speakers(text)[-1] == ("Tomas Brenner", "person")


def test_a_surname_the_tagger_read_as_a_noun_opening_the_sentence_is_the_subject():
    text = (
        "Harwick boss Pavel Frost rued his side's wastefulness in the 1-1 draw with Kilby.\n\n"
        "Frost was pleased with the impact from Ivo Kranjc and Lena Orlova, who both came off "
        "the bench.\n\nHe said: “Good impact from both of them. We keep going now.”"
    )
    assert _speakers(text)[-1] == ("Pavel Frost", "person")


def test_she_may_mean_a_committee_chairman():
    text = (
        "Residents objected to the plan for twelve flats on the old depot site.\n\n"
        "Committee chairman Coun Ana Reid drew the discussion to an end before the vote.\n\n"
        "She said: “There are no grounds for refusal. I am not happy about it.”"
    )
    speaker, kind = _speakers(text)[-1]
    assert kind == "person" and speaker is not None and speaker.endswith("Ana Reid")
