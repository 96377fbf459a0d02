"""A paragraph that is only a quotation takes its speaker from the flow of the article only
when exactly one speaker is in reach; otherwise it stays with nobody."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_kind) for q in extract(text).quotes]


_SAID = (
    "“It is disappointing to concede so late, but a point is about right,” said Harwick Rovers "
    "manager Tomas Brenner."
)
_AFTER = (
    "“I cannot stand here and say we deserved to win. We have to accept the point.\n\n"
    "“We could not get enough control of the game in the middle.”"
)


def test_a_paragraph_of_quotation_after_narrative_naming_nobody_is_the_last_speakers():
    between = (
        "Had Harwick held on, they would have gone two points clear of Kilby Athletic. With the "
        "draw, only a point separates the two sides."
    )
    quotes = extract(f"{_SAID}\n\n{between}\n\n{_AFTER}").quotes
    assert [q.speaker for q in quotes] == ["Tomas Brenner"] * 3
    assert quotes[1].confidence == 0.5
    assert "the only speaker in reach" in quotes[1].evidence["how"]


def test_a_second_person_named_in_the_narrative_leaves_the_quotation_with_nobody():
    between = (
        "Midfielder Ivo Kranjc was excellent in the second half and Brenner praised his energy."
    )
    found = _speakers(f"{_SAID}\n\n{between}\n\n{_AFTER}")
    assert found[1] == (None, "none")


def test_a_name_the_recogniser_missed_still_counts_as_someone_in_reach():
    between = "The plan was drawn up by Ana Ruiz, the council's transport chief."
    assert _speakers(f"{_SAID}\n\n{between}\n\n{_AFTER}")[1] == (None, "none")


def test_a_body_as_the_subject_of_the_narrative_leaves_the_quotation_with_nobody():
    # a body's words run on only from a statement it issued
    between = "Harwick Council voted on Monday to close the ground in the spring."
    assert _speakers(f"{_SAID}\n\n{between}\n\n{_AFTER}")[1] == (None, "none")


def test_a_pronoun_with_no_speaker_in_reach_leaves_the_quotation_with_nobody():
    text = (
        "The depot will close in the spring, the council confirmed on Monday.\n\n"
        "He has driven buses from it since 1990.\n\n“Closing it would cost forty jobs.”"
    )
    assert _speakers(text)[-1] == (None, "none")


def test_with_nobody_quoted_before_a_person_only_spoken_of_is_no_speaker():
    text = (
        "A man who robbed two pensioners in their homes has been jailed.\n\n"
        "Tom Hale, 34, of Mill Road, Harwick, was jailed for six years at Harwick Crown Court on "
        "Friday.\n\n“You preyed on the old and the frail, and you showed no remorse.”"
    )
    assert _speakers(text)[-1] == (None, "none")
