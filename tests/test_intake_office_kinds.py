"""A description that says which kind of office ("the foreign minister") is the person given
that very office; a word in lower case the tagger took for a name names nobody; and a name
after a noun for an organisation ("the think tank Vantor") is an organisation's."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


def test_the_foreign_minister_is_not_the_prime_minister_named_since():
    text = (
        "Foreign Minister Ana Vellmar met her Kestrian counterpart on Friday.\n\n"
        "In a video message released before her departure, Vellmar said she had spoken with "
        "Prime Minister Ivo Brandt before leaving.\n\n"
        '"I am leaving on an important visit. My meeting with the minister will be useful," '
        "the foreign minister said."
    )
    assert _speakers(text)[-1] == (
        "I am leaving on an important visit. My meeting with the minister will be useful",
        "Ana Vellmar",
    )


def test_the_prime_minister_is_still_the_prime_minister_named_last():
    text = (
        "Foreign Minister Ana Vellmar met Prime Minister Ivo Brandt on Friday.\n\n"
        '"The talks went well," the prime minister said.'
    )
    assert _speakers(text)[-1] == ("The talks went well", "Ivo Brandt")


def test_the_second_word_of_mayor_elect_is_nobodys_name():
    text = (
        "Ana Vellmar, the winner of the mayoral election, said today that her victory was "
        "about the city.\n\nIn a statement released Wednesday night the mayor-elect said, "
        '"I will work with people from every corner of this community."'
    )
    assert "elect" not in [speaker for _quote, speaker in _speakers(text)]


def test_a_name_after_a_noun_for_an_organisation_is_the_organisations():
    text = "It also signals a change of course, the strategic intelligence think tank Vantor said."
    found = extract(text).quotes
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Vantor", "organisation")]


def test_a_deputy_is_not_the_office_the_description_names():
    text = (
        "Deputy Foreign Minister Ana Vellmar met her Kestrian counterpart on Friday.\n\n"
        "Vellmar said she had spoken with Prime Minister Ivo Brandt before leaving.\n\n"
        '"My meeting with the minister will be useful," the foreign minister said.'
    )
    assert _speakers(text)[-1][1] not in {"Ana Vellmar", "Ivo Brandt"}
