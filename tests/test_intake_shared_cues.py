"""A quoted phrase that hangs on the next quotation's words shares its cue, in passages written here."""

from __future__ import annotations

from factdb.intake.extract import extract


def _attributed(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.evidence["how"]) for q in extract(text).quotes]


def test_a_phrase_before_the_quotation_the_cue_governs_is_the_same_speakers():
    text = (
        "When it came to “winter coats,” shoppers “bought cheaper ones than we had planned "
        "for,” Ana Ruiz, the chain’s finance chief, said in a statement."
    )
    (phrase, who, how), (_words, whom, _how) = _attributed(text)
    assert (phrase, who, whom) == ("winter coats", "Ana Ruiz", "Ana Ruiz")
    assert how == "shares the cue of the quotation after it in its sentence"
    assert extract(text).quotes[0].confidence == 0.7


def test_a_phrase_with_a_cue_of_its_own_keeps_it():
    text = (
        "On “the bridge,” the council “will decide in March,” Lena Holt told reporters. "
        "Critics call the plan “a gift to landlords,” Pavel Novak said."
    )
    assert [(q, w) for q, w, _how in _attributed(text)] == [
        ("the bridge", "Lena Holt"),
        ("will decide in March", "Lena Holt"),
        ("a gift to landlords", "Critics"),
    ]


def test_a_phrase_in_the_sentence_before_shares_nothing():
    text = "The shop sold “winter coats” all year. Shoppers “bought cheaper ones,” Ana Ruiz said."
    first = extract(text).quotes[0]
    assert (first.text, first.speaker) == ("winter coats", None)
