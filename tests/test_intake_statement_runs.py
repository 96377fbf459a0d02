"""An organisation's statement reported in one paragraph runs on into a paragraph that is only
a quotation; an organisation that merely said something does not."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.speaker_kind) for q in extract(text).quotes]


def test_a_quotation_after_according_to_the_statement_is_the_issuers():
    text = (
        "The foreign minister of Norland arrived in Vostria on Friday for two days of talks, a "
        "statement from the Foreign Office said.\n\nAccording to the Foreign Office statement, "
        "the two sides were to discuss trade and regional security.\n\n"
        '"The visit will play an important role in strengthening the partnership between the '
        'two countries."'
    )
    found = _speakers(text)
    assert found[-1][1:] == ("Foreign Office", "organisation")
    # the reported words of the "according to" sentence stay the statement's too
    assert ("the two sides were to discuss trade and regional security", "Foreign Office",
            "organisation") in found  # fmt: skip


def test_a_quotation_after_a_body_said_in_a_statement_is_the_bodys():
    text = (
        "The Harwick Water Board said in a statement on Monday that the reservoir was safe.\n\n"
        '"Tests carried out over the weekend found no trace of the chemical."'
    )
    assert _speakers(text)[-1][1:] == ("Harwick Water Board", "organisation")


def test_a_quotation_after_a_body_that_only_said_something_has_no_speaker():
    text = (
        "The Harwick Water Board said on Monday that the reservoir was safe.\n\n"
        '"Tests carried out over the weekend found no trace of the chemical."'
    )
    assert _speakers(text)[-1][1] is None


def test_a_body_s_statement_does_not_run_on_past_a_person_speaking_after_it():
    text = (
        "The Harwick Water Board said in a statement on Monday that the reservoir was safe, and "
        "resident Alba Fenwick said she was not convinced.\n\n"
        '"I will not drink it."'
    )
    assert _speakers(text)[-1][1] in {None, "Alba Fenwick"}
