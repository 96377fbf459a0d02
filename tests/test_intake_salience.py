"""Who speaks when the text has moved on from the last cue, in passages written here."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('"It was a hard game," Tom Alder told reporters. "We kept going."\n\n'
         "In what became the last match for Lars Lindqvist at the club, he said before the "
         "whistle that his players could still stay up.\n\n"
         '"Belief is everything in this league. We will fight," he said.',
         "We will fight", "Lars Lindqvist"),
        ('"The budget is balanced," Mayor Ruth Ekdahl said.\n\n'
         "At a hearing that ended the career of councillor Nina Sorel, she said she had done "
         "nothing wrong.\n\n"
         '"I served this town for twenty years," she said.',
         "I served this town", "Nina Sorel"),
        ('"The budget is balanced," Mayor Ruth Ekdahl said.\n\n'
         "At a hearing that ended the career of councillor Nina Sorel, she said she had done "
         "nothing wrong.",
         "she had done nothing wrong", "Nina Sorel"),
    ],
)  # fmt: skip
def test_a_pronoun_after_a_sentence_about_a_newcomer_means_the_newcomer(text, words, speaker):
    assert [s for quote, s in _speakers(text) if words in quote] == [speaker]


def test_a_person_met_by_the_speaker_is_no_newcomer_for_his_pronoun():
    text = (
        '"We will win," coach Ivo Brandt said.\n\n'
        "After a meeting with Karl Moen, he said the team was ready.\n\n"
        '"Nothing changes," he said.'
    )
    assert [s for quote, s in _speakers(text) if "Nothing changes" in quote] == ["Ivo Brandt"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Fire Chief Details Events During Rescue Of Climber, Standoff\n\n"
         '"It has been a long week," said Chief Moreau. "We have a small crew and a big backlog."',
         "Moreau"),
        ("Coach Details Plans For Season Opener, Rivalry\n\n"
         '"It has been a long summer," said Coach Varga. "We have a young squad and a big schedule."',
         "Varga"),
    ],
)  # fmt: skip
def test_a_quotation_going_on_after_its_cue_is_not_given_to_the_title_above(text, speaker):
    assert [s for _quote, s in _speakers(text)] == [speaker, speaker]


@pytest.mark.parametrize("word", ["But", "And", "Yet"])
def test_a_paragraph_of_a_joining_word_and_a_quotation_goes_on_from_the_speaker_before(word):
    text = (
        "Sven Dahl earlier said his talks with the board were strained.\n\n"
        '"It was a tense time for everyone in the team," said the 31-year-old.\n\n'
        f'{word} "we knew that calm heads would see us through".'
    )
    assert [s for quote, s in _speakers(text) if "calm heads" in quote] == ["Sven Dahl"]


def test_a_paragraph_opening_with_a_sentence_before_its_quotation_is_no_continuation():
    text = (
        '"It was a tense time for everyone," said Sven Dahl.\n\n'
        'The club later called the season "a year of rebuilding and patience".'
    )
    assert [s for quote, s in _speakers(text) if "rebuilding" in quote] != ["Sven Dahl"]


def test_a_name_opening_a_sentence_is_its_subject_whatever_a_parenthesis_does_to_the_parse():
    text = (
        "The tension between veteran Ivo Brandt and his teammate Karl Moen was palpable. "
        "“My relationship with Ivo is zero,” Moen told reporters. Brandt, reading Moen’s "
        "remarks only days later (he had been away on a long walking holiday, it turned out, "
        "with no signal), at last answered on his page. “If I were him I’d start thanking the "
        "team,” he wrote."
    )
    assert [s for quote, s in _speakers(text) if "thanking" in quote] == ["Ivo Brandt"]


@pytest.mark.parametrize(
    "middle",
    [
        "In a show of support for Karl Moen, he said the club stood behind the captain.",
        "At the end of the career of Nina Sorel, he said the club owed her a great deal.",
    ],
)
def test_a_newcomer_the_speaker_backs_or_speaks_of_is_not_the_pronoun(middle):
    text = f'"We will win," coach Ivo Brandt said.\n\n{middle}\n\n"Nothing changes," he said.'
    assert [s for quote, s in _speakers(text) if "Nothing changes" in quote] == ["Ivo Brandt"]


_EVENTS = [
    ('"The budget is balanced," Mayor Ruth Ekdahl said.\n\n'
     "At the funeral of Nina Sorel, she said the town had lost a friend.\n\n"
     '"We will name the new library after her," she said.', "Ruth Ekdahl"),
    ('"We will win the seat," party leader Ivo Brandt said.\n\n'
     "At the launch of the campaign for Tom Reyes, he said the party was united.\n\n"
     '"This is our year," he said.', "Ivo Brandt"),
    ('"Crime is falling," Police Chief Dana Moreau said.\n\n'
     "Asked about the arrest of Karl Moen, she said the inquiry was continuing.\n\n"
     '"We will not comment on a live case," she said.', "Dana Moreau"),
    ('"Crime is falling," Chief Constable Piet Larsen said.\n\n'
     "Asked about the arrest of Karl Moen, he said the inquiry was continuing.\n\n"
     '"We will not comment on a live case," he said.', "Piet Larsen"),
    ('"The club is stable," chairman Piet Larsen said.\n\n'
     "On the sacking of manager Karl Moen, he said the board had acted quickly.\n\n"
     '"It was the right decision," he said.', "Piet Larsen"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker"), _EVENTS)
def test_a_person_an_event_is_about_or_a_question_asks_about_is_not_the_pronoun(text, speaker):
    # the event's or the question's person never speaks: both later words stay the speaker's
    found = [s for _quote, s in _speakers(text)]
    assert found[1:] == [found[0], found[0]] and found[0].endswith(speaker)


def test_a_newcomer_only_spoken_of_is_not_carried_on_to_the_next_paragraph():
    text = (
        '"We will win," coach Ivo Brandt said.\n\n'
        "In the last match for Lars Lindqvist, his players said they wanted to win for him.\n\n"
        '"Nothing changes," he said.'
    )
    assert [s for quote, s in _speakers(text) if "Nothing changes" in quote] == ["Ivo Brandt"]
