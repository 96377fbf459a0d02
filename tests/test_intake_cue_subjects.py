"""The subject of a cue is never the quotation's own words, in passages written here."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“There is no easy way back. Plenty to do,” wrote Mara Lindt.", "Mara Lindt"),
        ("“Nobody asked us. Lessons to learn,” said Jonas Weber.", "Jonas Weber"),
        ("“The vote was close. Much to discuss,” tweeted Ilse Brekke.", "Ilse Brekke"),
    ],
)  # fmt: skip
def test_a_quotation_ending_in_a_noun_is_still_the_words_of_the_name_after_the_cue(text, speaker):
    assert [s for _quote, s in _speakers(text)] == [speaker]


def test_a_word_set_off_in_the_subject_of_a_cue_is_still_nobodys_words():
    text = "Councillors who opposed the “levy” called a vote on Monday."
    assert [s for _quote, s in _speakers(text)] in ([], [None])


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Pia Holm also shared a message from former champion Ole Brandt, who wrote: '
         '"A title is won by a team. Nobody wins alone."', "Ole Brandt"),
        ('The mayor read out a letter from Anna Kovacs, who said: "The square belongs to everyone."',
         "Anna Kovacs"),
    ],
)  # fmt: skip
def test_who_cues_before_a_colon_names_the_person_the_clause_hangs_on(text, speaker):
    assert [s for _quote, s in _speakers(text)] == [speaker]


def test_growled_is_a_cue():
    text = 'Rita Lund lost the final. "The referee decided this match," she growled.'
    assert [s for _quote, s in _speakers(text)] == ["Rita Lund"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the parser hangs "who said" on "He", far from the name it follows
        ('Jonas Weber won the race by 1,500 votes. He visited Mayor Ingrid Stewart at City '
         'Hall.\n\nHe was introduced by Stewart who said that he had been elected at "an '
         'extraordinary time" in Harwick.', "Ingrid Stewart"),
        # ... or reads "who said" as what the main verb reports
        ('Jonas Weber won the race by 1,500 votes. He visited Mayor Pavel Novak at City '
         'Hall.\n\nHe was introduced by Novak who said that he had been elected at "an '
         'extraordinary time" in Harwick.', "Pavel Novak"),
    ],
)  # fmt: skip
def test_who_said_speaks_for_the_name_written_right_before_it(text, speaker):
    assert [s for _quote, s in _speakers(text)] == [speaker]


def test_one_alone_as_the_subject_of_a_cue_is_somebody_unnamed():
    text = (
        "Two other diplomats confirmed that the bloc would not impose new measures right away."
        "\n\nCommittees will work on the list later this week.\n\n"
        '"The situation is very unclear, that\'s why we prepare sanctions," one said.'
    )
    found = extract(text).quotes[-1]
    assert (found.speaker, found.speaker_kind) == ("one", "vague")
