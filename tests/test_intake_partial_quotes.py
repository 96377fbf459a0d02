"""Partial quotations: whose words a short quotation inside a sentence is, and when nobody's."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(text).quotes if q.kind == "direct"]


def test_whom_a_passive_cue_speaks_to_is_never_the_speaker():
    text = '"The levy has been far too slow to reach the valley," residents were told on Monday.'
    assert _speakers(text) == [("The levy has been far too slow to reach the valley", None)]


def test_a_name_whose_cue_says_her_opinion_is_a_persons():
    text = (
        "A federal judge blocked the Harwick county law on Wednesday.\n\n"
        "“If the only reach of the law was a riot, this language is superfluous,” "
        "Cauthron wrote in her opinion."
    )
    [quote] = [q for q in extract(text).quotes if q.kind == "direct"]
    assert (quote.speaker, quote.speaker_kind) == ("Cauthron", "person")


def test_a_term_that_says_which_thing_the_noun_after_it_is_is_nobodys_words():
    text = (
        "Judge Ana Ruiz found the ministry broke the act by skipping the act's "
        '"notice-and-comment" requirement. Mayor Ivo Brandt called it a "dangerous" precedent.'
    )
    assert _speakers(text) == [("notice-and-comment", None), ("dangerous", "Ivo Brandt")]


def test_a_term_ranked_outside_the_marks_is_nobodys_words_and_he_is_never_a_plural():
    text = (
        "Senator Ana Ruiz voted against the bill on Tuesday.\n\n"
        "Ruiz detailed the amendments Democrats introduced during what she described as the "
        'longest "vote-a-rama" in Senate history, and called the result "the worst betrayal in '
        'memory."\n\n'
        "Tomas Brenner said the senators voted on amendments all night. Democrats offered what "
        'he called "a hundred ways to fix a broken bill."'
    )
    assert _speakers(text) == [
        ("vote-a-rama", None),
        ("the worst betrayal in memory.", "Ana Ruiz"),
        ("a hundred ways to fix a broken bill.", "Tomas Brenner"),
    ]


def test_as_she_said_after_a_partial_quotation_credits_the_words_beside_it():
    found = extract('Ana Ruiz spoke on Monday. The plan was "a fair deal," as she said.').quotes
    assert [(q.text, q.speaker) for q in found] == [("a fair deal", "Ana Ruiz")]
    assert "credited by “as she said”" in found[0].evidence["how"]
