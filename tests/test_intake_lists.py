"""Quotations set out as a list go on from the speaker quoted above it, never over a person."""

from factdb.intake.extract import extract
from factdb.intake.lists import item_label, list_line

ABOVE = (
    "Storm damage closes county roads\n\n"
    "County engineer Rosa Penhale said several roads were closed after the storm. "
    '"The river came right over the bridge," Penhale said.\n\n'
)


def _speaker_of(text: str, words: str) -> str | None:
    return next(q.speaker for q in extract(text).quotes if words in q.text)


def test_an_item_of_places_goes_on_from_the_engineer():
    text = (
        ABOVE + "Roads with damage include:\n\n" + '– Quarry Road – "We lost two culverts there."'
    )
    assert _speaker_of(text, "We lost two culverts") == "Rosa Penhale"


def test_an_item_whose_label_names_a_person_is_not_the_engineers():
    text = (
        ABOVE + "What the residents told us:\n\n" + '– Farmer Tomas Brenner – "My lane is cut off."'
    )
    assert _speaker_of(text, "My lane is cut off") != "Rosa Penhale"


def test_a_list_opened_by_a_line_naming_a_person_is_not_the_engineers():
    text = (
        ABOVE
        + "Councillor Ana Ruiz listed the worst roads:\n\n"
        + '– Quarry Road – "We lost two culverts there."'
    )
    assert _speaker_of(text, "We lost two culverts") != "Rosa Penhale"


def test_a_sentence_after_a_dash_is_no_label():
    assert item_label("– Quarry Road – “")
    assert not item_label("The council said – “")
    assert list_line("Roads with damage include:")
    assert list_line("– Orchard Road")
    assert not list_line("The council closed the road after the storm on Sunday.")
