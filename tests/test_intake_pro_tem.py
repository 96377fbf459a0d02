"""A "Mayor Pro Tem" is a role, never a person named Pro Tem: "the Mayor" later is the mayor
named before, and each person keeps the role the article gave."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract

_COUNCIL = (
    "Harbour board picks ferry route\n\n"
    "Mayor Dana Whitfield abstained. Tomas Velder, Mayor Pro Tem, said islanders want a night ferry.\n"
    'The Mayor disagreed by saying, "A night ferry costs more than the harbour earns."'
)


def test_the_mayor_after_a_mayor_pro_tem_is_the_mayor_named_before():
    found = extract(_COUNCIL).quotes
    pairs = [(q.speaker, q.speaker_role) for q in found]
    assert pairs == [("Tomas Velder", "Mayor Pro Tem"), ("Dana Whitfield", "Mayor")]


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        ("Mayor Pro Tem Tomas Velder said", "Tomas Velder", "Mayor Pro Tem"),
        ("Mayor Dana Whitfield said", "Dana Whitfield", "Mayor"),
        ("Tomas Velder, Mayor Pro Tem, said", "Tomas Velder", "Mayor Pro Tem"),
        ("Tomas Velder, the council's mayor pro tempore, said", "Tomas Velder", None),
    ],
)
def test_pro_tem_is_part_of_the_role(sentence, speaker, role):
    text = f'Harbour board meets\n\n"The ferry will run all winter," {sentence}.'
    (quote,) = extract(text).quotes
    assert quote.speaker == speaker
    assert quote.speaker != "Pro Tem" and "Tem" not in quote.speaker
    if role is not None:
        assert quote.speaker_role == role
