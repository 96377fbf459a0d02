"""Court and business reports: a description of one side of a courtroom is never a person on
another, a kind word the recogniser cut from a name is no body, and what a verb of answering
answers is not its subject's words. Every passage is invented."""

from __future__ import annotations

from factdb.intake.extract import extract


def _speakers(text: str) -> dict[str, tuple[str | None, str]]:
    return {q.text: (q.speaker, q.speaker_kind) for q in extract(text).quotes}


def test_the_lawyer_is_not_the_judge_named_last():
    text = (
        "Court rejects petitions\n\n"
        "The Kestria High Court on Friday heard petitions seeking the release of party workers.\n\n"
        "“You offered yourselves for arrest and now you want to be released,” Justice Ravi Menon "
        "remarked as he heard the case.\n\n"
        "Justice Ravi Menon Pillai asked why the petitioners were playing with the courts.\n\n"
        "To this, the lawyer said: “We are not asking for bail, these arrests are symbolic.” "
        "The courtroom laughed."
    )
    found = _speakers(text)
    assert found["We are not asking for bail, these arrests are symbolic."][1] == "vague"
    # the judge, called by the names before his last and named in full in the next paragraph
    assert found["You offered yourselves for arrest and now you want to be released"] == (
        "Ravi Menon Pillai",
        "person",
    )


def test_the_lawyer_is_the_counsel_the_article_named():
    text = (
        "Court hears appeal\n\n"
        "The appeal of Tomas Brandt was heard on Monday.\n\n"
        "Defence counsel Mara Osei said the sentence was too long. Justice Ravi Menon listened.\n\n"
        "Later, the lawyer said: “My client has repaid every cent he took.”"
    )
    found = _speakers(text)
    assert found["My client has repaid every cent he took."] == ("Mara Osei", "person")


def test_a_kind_word_cut_from_a_name_is_not_the_body_meant():
    text = (
        "Kestria central bank upholds fines\n\n"
        "Kestria's central bank has upheld the fines it imposed in June on five lenders, it said "
        "on Friday.\n\n"
        "Penalties were imposed on Orland Savings, Equity, Diamond Trust, Co-operative Bank and "
        "Mareth Group.\n\n"
        "“We have reviewed each lender's response and the penalties stand,” the bank said."
    )
    speaker, kind = _speakers(text)[
        "We have reviewed each lender's response and the penalties stand"
    ]
    assert kind == "organisation"
    assert "central bank" in speaker


def test_what_a_law_was_designed_to_respond_to_is_the_writers_words():
    text = (
        "Court cuts sentence\n\n"
        "The Court of Appeal reduced Mara Osei's sentence last month.\n\n"
        "Justice Ravi Menon, who wrote the decision, said judges struggled with the Fraud "
        "(Special Provisions) Act, which, he wrote, was designed to respond to an "
        '"urgent social problem".'
    )
    assert _speakers(text)["urgent social problem"] == ("Ravi Menon", "person")


def test_a_reply_still_reports_its_subjects_words():
    text = (
        "Union rejects offer\n\n"
        "The Kestria Metalworkers Union turned down the pay offer on Tuesday.\n\n"
        "Asked whether a strike would follow, spokeswoman Lina Varga responded: "
        "“Our members will decide that on Friday.”"
    )
    assert _speakers(text)["Our members will decide that on Friday."] == ("Lina Varga", "person")


def test_the_judiciary_speaks_as_a_body():
    text = (
        "Judiciary answers critics\n\n"
        "The Kestrian judiciary, under fire for light sentences, has answered its critics.\n\n"
        "Through its Court Services Office, the judiciary said it has no objection to "
        '"fair scrutiny" but insisted that reports be accurate.'
    )
    assert _speakers(text)["fair scrutiny"] == ("Kestrian judiciary", "organisation")


def test_a_headline_quoting_a_phrase_with_its_article_is_the_speakers_below():
    text = (
        "'A fair outcome'\n\n"
        "Lawyers welcome plea scheme\n\n"
        "Minutes after the sentencing of Ivo Brandt, his attorney Mara Osei described the "
        "eight-year term as a “fair outcome”, and said she welcomed the scheme."
    )
    assert _speakers(text)["A fair outcome"] == ("Mara Osei", "person")


def test_according_to_on_the_clause_the_quoted_words_hang_from():
    text = (
        "Union vows to fight on\n\n"
        "Lina Varga, spokeswoman for the Kestria Metalworkers Union, says members will stay "
        "out.\n\n"
        "According to her, workers are not careless, nor do they enjoy losing their “hard-won "
        "and meagre wages”."
    )
    assert _speakers(text)["hard-won and meagre wages"] == ("Lina Varga", "person")
