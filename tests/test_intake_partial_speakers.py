"""Short partial quotations inside reported speech: whose words they are."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_kind) for q in extract(text).quotes if q.kind == "direct"]


def test_words_a_verb_of_judging_gives_a_thing_are_its_subjects_not_the_reporters():
    text = (
        "Moth numbers fall again\n\n"
        "The valley is losing its moths, and experts find the latest counts "
        '"deeply worrying," the Harwick Gazette noted this week.\n\n'
        'Councillor Ana Ruiz deemed the survey "long overdue", the council said.'
    )
    assert _speakers(text) == [
        ("deeply worrying", "experts", "vague"),
        ("long overdue", "Ana Ruiz", "person"),
    ]


def test_a_word_quoted_deep_inside_reported_speech_reaches_the_cue_at_its_end():
    text = (
        "Bus audit published\n\n"
        "Bus routes vanish all the time to make way for new lines, but the new audit highlights "
        "the extent of “quiet” service loss as the routes with fewer buses far outnumber those "
        "with more buses, says audit co-author Lena Holt."
    )
    assert _speakers(text) == [("quiet", "Lena Holt", "person")]


def test_a_word_or_two_a_headline_quotes_in_single_marks_is_the_speakers_below():
    text = (
        "Union likens workers’ pay plan to ‘empty promises’ over wages\n\n"
        "Union leader Pavel Dorn spoke in Harwick on Monday.\n\n"
        "He said: “History proved all those empty promises wrong.”"
    )
    assert _speakers(text) == [
        ("empty promises", "Pavel Dorn", "person"),
        ("History proved all those empty promises wrong.", "Pavel Dorn", "person"),
    ]
    vague = (
        "'Alarming' Moth Loss Recorded\n\n"
        'The valley is losing moths, and experts find the counts "alarming," the Gazette noted.'
    )
    assert [(q, s) for q, s, _ in _speakers(vague)] == [
        ("Alarming", "experts"),
        ("alarming", "experts"),
    ]


def test_a_plurals_apostrophe_in_a_paragraph_of_text_still_runs_on():
    text = (
        "Harwick City manager Paulo Mendes praised his defender.\n\n"
        "Mendes said: ‘He plays like he’s been here for years. The players’ respect is obvious.\n\n"
        "‘We’ll see how far he can go,’ he added."
    )
    found = _speakers(text)
    assert found[0][0].endswith("The players’ respect is obvious.")
    assert {s for _, s, _ in found} == {"Paulo Mendes"}


def test_the_pm_is_a_description_like_the_prime_minister_never_a_name():
    text = (
        "Budget week\n\n"
        'Oskar Lindqvist has said voters can "judge us in five years".\n\n'
        "Speaking ahead of Ana Ruiz becoming the first female chancellor, the PM said: "
        '"There will be choppy waters."\n\n'
        'The prime minister said: "We will fix the roads."'
    )
    assert [s for _, s, _ in _speakers(text)] == ["Oskar Lindqvist"] * 3
