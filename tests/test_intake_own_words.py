"""Who a "he said" after a quotation means when the sentence before names several people.

Each passage reproduces, in invented words, a wrong speaker seen on ordinary real news: the
pronoun given to the person the quotation itself speaks of, to a woman the article named as a
councilwoman, or to the person inside what someone else said.
"""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speakers(text: str, words: str) -> list[str | None]:
    return [q.speaker for q in extract(text).quotes if words in q.text]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # the main subject is the player; the quotation speaks of him by name: the manager
        # who "admitted" something in the same sentence speaks
        ("Halvor Brekke's goal caught the eye of his manager Oskar Lindqvist. However, summer "
         "signing Tomas Renko is still expected to return against Elmstead on Sunday despite "
         "failing to score since August – a situation Lindqvist admitted must be frustrating "
         "for Brekke.\n\n"
         "“We have to judge recovery and the fact that Halvor played today and Renko did "
         "not,” he said.\n\n"
         "“Everything will come into consideration.”",
         "Everything will come", "Oskar Lindqvist"),
        ("Halvor Brekke's goal caught the eye of his manager Oskar Lindqvist. However, summer "
         "signing Tomas Renko is still expected to return against Elmstead on Sunday despite "
         "failing to score since August – a situation Lindqvist admitted must be frustrating "
         "for Brekke.\n\n"
         "“We have to judge recovery and the fact that Halvor played today and Renko did "
         "not,” he said.",
         "We have to judge", "Oskar Lindqvist"),
        # a hyphenated surname, split by the tokenizer, is the manager named in full before
        ("Halvor Brekke's goal caught the eye of his manager Oskar Lind-Varga. However, summer "
         "signing Tomas Renko is still expected to return against Elmstead on Sunday despite "
         "failing to score since August – a situation Lind-Varga admitted must be frustrating "
         "for Brekke.\n\n"
         "“We have to judge recovery and the fact that Halvor played today and Renko did "
         "not,” he said.",
         "We have to judge", "Oskar Lind-Varga"),
    ],
)  # fmt: skip
def test_a_pronoun_is_not_the_person_its_quotation_speaks_of(text, words, speaker):
    assert _speakers(text, words) == [speaker]


def test_with_nobody_else_to_mean_the_pronoun_names_nobody_rather_than_the_one_spoken_of():
    text = (
        "Tomas Renko is still expected to return against Elmstead on Sunday.\n\n"
        "“We have to judge whether Renko is ready,” he said."
    )
    quote = next(q for q in extract(text).quotes if "judge whether" in q.text)
    assert quote.speaker_kind != "person"
    assert "Renko" not in (quote.speaker or "")
    assert "names" in quote.evidence["how"]


def test_a_relative_spoken_of_by_name_in_the_quotation_does_not_rule_the_speaker_out():
    text = (
        "Adam Renko spoke to reporters after the hearing.\n\n"
        "“My father Dean Renko taught me everything,” he said."
    )
    assert _speakers(text, "My father") == ["Adam Renko"]


def test_a_word_that_only_looks_like_the_surname_does_not_rule_the_speaker_out():
    text = (
        "Police Chief James White spoke to reporters on Sunday.\n\n"
        "“White vans were seen near the Renko Arena before the robbery,” he said."
    )
    assert _speakers(text, "White vans") == ["James White"]
    text = (
        "Club owner Tomas Renko watched from the stand on Sunday.\n\n"
        "“The Renko Arena was full for the first time,” he said."
    )
    assert _speakers(text, "Arena was full") == ["Tomas Renko"]


def test_he_is_never_the_surname_of_a_councilwoman():
    text = (
        "Councilwoman Greta Holm voted against the plan after saying it lacked “vision.”\n\n"
        "“It is wrong to raise fees now,” Holm said.\n\n"
        "That drew a rebuke from Councilman Pavel Dorn, who said Holm never offered a plan "
        "of her own.\n\n"
        "“It is unfair to the rest of this council,” he said."
    )
    assert _speakers(text, "unfair to the rest") == ["Pavel Dorn"]


def test_he_after_who_said_is_the_one_who_said_not_the_one_he_spoke_of():
    text = (
        "Councilman Ivo Holm voted against the plan.\n\n"
        "“It is wrong to raise fees now,” Holm said.\n\n"
        "That drew a rebuke from Councilman Pavel Dorn, who said Holm never offered a plan "
        "of his own.\n\n"
        "“It is unfair to the rest of this council,” he said."
    )
    assert _speakers(text, "unfair to the rest") == ["Pavel Dorn"]


def test_he_beside_his_own_possessive_is_the_person_not_the_thing_he_owns():
    text = (
        "Former councillor Edwin Marsh was emotional outside the courthouse after pleading "
        "guilty on Monday to fraud.\n\n"
        "His voice shook as he said:\n\n"
        '"I arrived here and I cannot tell you how. I should have done things differently."\n\n'
        '"Pleading guilty is a step I never imagined taking, but it is the right thing to do."'
    )
    assert _speakers(text, "I arrived here") == ["Edwin Marsh"]
    assert _speakers(text, "Pleading guilty") == ["Edwin Marsh"]


def test_he_is_never_a_woman_the_article_called_miss_by_her_surname():
    text = (
        "Kimberley Obrusik, prosecuting, said photos had been taken inside the court room.\n\n"
        "Miss Obrusik said: “The police came to the view the defendant was very remorseful.”\n\n"
        "He had told police in interview that he had not known it was an offence to do that."
    )
    quote = next(q for q in extract(text).quotes if "not known" in q.text)
    assert "Obrusik" not in (quote.speaker or "")
