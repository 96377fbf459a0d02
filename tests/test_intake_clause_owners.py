"""A quoted phrase in what a named subject does, with no cue of its own: the subject's words,
unless the subject is only spoken to or of, or is a thing."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _direct(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The skull was found in 1998. For years, Mirela Dostal worked to go through “layer "
         "after layer of fine detail” in the rock.", "layer after layer", "Mirela Dostal"),
        ("The Harwick Judicial Council met on Monday to hear the complaint against Judge Tomas "
         "Brandt.\n\nThe Council reprimanded Brandt after finding that his remarks had a "
         "“corrosive effect on public trust in the courts.”", "corrosive effect",
         "Harwick Judicial Council"),
        ("Lena Holt has compared the new plan to a leaking roof “that nobody in the council "
         "wants to fix.”", "nobody in the council", "Lena Holt"),
        ("Councillor Lena Holt, who compared the plan to a leaking roof “that nobody in the "
         "council wants to fix,” lost the vote on Monday.", "nobody in the council", "Lena Holt"),
        ("Kemal Osei opened the season on Saturday.\n\nHe hopes his side will play “with the "
         "courage of a team that has nothing to lose.”", "courage of a team", "Kemal Osei"),
    ],
)  # fmt: skip
def test_words_in_a_clause_about_a_named_subject_are_that_subjects(text, words, speaker):
    assert [s for q, s in _direct(text) if words in q] == [speaker]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a thing as the subject: the marks are the reporter's, nobody named says them
        ("The skull was “remarkably complete for its great age,” so much so that it took years "
         "to study.", "remarkably complete"),
        # a passive: the subject is the one spoken to
        ("Mayor Ana Ruiz has been warned that “pride comes before a fall,” as the vote nears.",
         "pride comes"),
        # a description of the subject: the one described never speaks
        ("Critics of Pavel Novak, who were described as “a noisy few in the town,” gathered "
         "outside.", "a noisy few"),
        # words inside the subject are said of it, not by it
        ("Both a “rude” lawyer and an “obstructive” witness were fined by Judge Ana Ruiz on "
         "Monday.", "rude"),
        ("Both a “rude” lawyer and an “obstructive” witness received a warning from the bench "
         "on Monday.", "obstructive"),
        # an office the parse reads as a body's one-word name is not enough to name anyone
        ("The Ombudsman has compared the new rules to a fence “that keeps nobody out of the "
         "yard.”", "keeps nobody out"),
        # words a noun of words holds, or a verb disputes, are another's
        ("Mayor Lena Holt rejected his claim that “the budget is balanced for the year.”",
         "the budget is balanced"),
        ("Mayor Lena Holt mocked the idea of a harbour “that pays for itself within a year.”",
         "pays for itself"),
        # the quotation is the subject itself
        ("“The Long Road Home” won Lena Holt a prize at the festival last year.",
         "The Long Road Home"),
    ],
)  # fmt: skip
def test_words_of_a_thing_a_passive_or_a_quoted_subject_are_nobodys(text, words):
    assert [s for q, s in _direct(text) if words in q] == [None]
