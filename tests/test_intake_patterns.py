"""Each written passage for a pattern of news writing is read right, pair by pair."""

from __future__ import annotations

import pytest

from factdb.intake.evaluate import _fold, _quote_matches
from factdb.intake.extract import extract
from factdb.intake.review import claim_sentence
from factdb.intake.wording import normal_role
from tests.intake_corpus import CORPUS

CASES = [passage for passage in CORPUS if "case" in passage]


@pytest.mark.parametrize("passage", CASES, ids=[passage["case"] for passage in CASES])
def test_every_pair_of_the_passage_is_found_with_its_speaker(passage):
    found = extract(passage["text"]).quotes
    for words, speaker in passage["quotes"]:
        quote = next((q for q in found if _quote_matches(words, q.text)), None)
        assert quote is not None, (words, [q.text for q in found])
        # The whole name: "Motors" is not General Motors, nor "Brooks" Daniel Brooks.
        assert _fold(speaker) in _fold(quote.speaker), (words, speaker, quote.speaker)


def test_a_short_scare_quote_is_proposed_with_nobody_named():
    passage = next(
        p for p in CASES if p["case"] == "a-short-scare-quote-is-proposed-with-nobody-named"
    )
    found = extract(passage["text"]).quotes
    # A reader lists a scare quote with no speaker; it is proposed so, at no confidence.
    assert [(q.text, q.speaker, q.speaker_kind, q.confidence) for q in found] == [
        ("ferry tax", None, "none", 0.0),
        ("ferry tax", None, "none", 0.0),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pieter Vos met Anna Berg at the training ground on Sunday.",
        "Pieter Vos met Berg at the training ground on Sunday.",  # Anna Berg, named above
    ],
)
def test_a_quotation_after_a_sentence_about_two_people_is_nobodys(sentence):
    text = (
        "Anna Berg joined the club in March.\n\n"
        f"{sentence}\n\n“It was a hard afternoon for everyone and we did it together.”"
    )
    quote = next(q for q in extract(text).quotes if q.text.startswith("It was a hard"))
    assert quote.speaker is None


def test_only_a_vague_speaker_of_the_same_long_words_takes_the_name():
    text = (
        '"The bridge is closed," a council engineer said.\n\n'
        '"We will not reopen the bridge before the summer," Ivo Brandt said.\n\n'
        '"We will not reopen the bridge before the summer," Lena Holt said too.\n\n'
        '"The bridge is closed," Ruth Ambler said.'
    )
    found = [(q.text, q.speaker) for q in extract(text).quotes]
    assert found == [
        ("The bridge is closed", "a council engineer"),  # a phrase anyone may repeat
        ("We will not reopen the bridge before the summer", "Ivo Brandt"),
        ("We will not reopen the bridge before the summer", "Lena Holt"),
        ("The bridge is closed", "Ruth Ambler"),
    ]


def test_a_word_set_off_inside_the_subject_of_a_cue_is_nobodys():
    passage = next(p for p in CASES if p["case"].startswith("a-word-set-off-inside-the-subject"))
    found = {q.text.rstrip("."): q.speaker for q in extract(passage["text"]).quotes}
    assert found == {"harbour levy": None, "a sensible compromise": "Three councillors"}


def test_a_reporters_question_has_no_speaker():
    passage = next(p for p in CASES if p["case"] == "transcript-question-answer")
    questions = [q for q in extract(passage["text"]).quotes if q.text.endswith("?")]
    assert len(questions) == 2
    assert all(q.speaker is None for q in questions)


def test_a_name_or_a_title_in_quotation_marks_is_nobodys_words():
    passage = next(p for p in CASES if p["case"] == "names-and-titles-in-quotation-marks")
    quotes = [q for q in extract(passage["text"]).quotes if q.kind == "direct"]
    assert len(quotes) == 3  # long enough to be proposed, but with nobody named
    assert all(q.speaker is None for q in quotes)


@pytest.mark.parametrize(
    "case",
    [
        "surname-with-a-particle-after-the-full-name",
        "surname-with-a-capitalised-particle-or-a-hyphen",
    ],
)
def test_a_surname_with_a_particle_or_a_hyphen_is_the_name_in_full(case):
    passage = next(p for p in CASES if p["case"] == case)
    found = {q.text: q.speaker for q in extract(passage["text"]).quotes}
    # exactly the name: neither the surname alone nor the role the recogniser took in
    assert sorted(found.values()) == sorted(speaker for _words, speaker in passage["quotes"])


def test_a_heading_in_capitals_gives_the_name_as_names_are_written_and_the_role():
    passage = next(
        p for p in CASES if p["case"] == "wire-headings-in-capitals-name-the-speaker-below"
    )
    found = [(q.speaker, q.speaker_role) for q in extract(passage["text"]).quotes]
    assert found == [
        ("Lena Holt", "Mayor"),
        ("Lena Holt", "Mayor"),
        ("Tomas Brenner", "Opposition Leader"),
        ("David Okoro", "Finance Minister"),
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "KEY QUOTES:",  # no role, and nobody the article names
        "THE VERDICT:",
        "NORDWIND ENERGY MANAGER:",  # a role with no name
        "NORDWIND ENERGY:",  # an organisation the article names
    ],
)
def test_a_heading_in_capitals_that_names_no_person_gives_no_speaker(heading):
    text = (
        "The Nordwind Energy company won the harbour contract on Sunday.\n\n"
        f'{heading}\n\n"It was a fine day for the town."'
    )
    assert [q.speaker for q in extract(text).quotes] == [None]


def test_the_words_of_a_bill_or_a_law_are_its_own():
    passage = next(p for p in CASES if p["case"] == "the-words-of-a-bill-or-a-law-are-its-own")
    found = {q.text.rstrip("."): q for q in extract(passage["text"]).quotes}
    # The text's own words, named by it and so vague: not the union that criticised the bill,
    # nor its chair quoted just before.
    for words in (
        "shall report every well to the county by 2027",
        "No well shall be drilled without a permit",
        "Every well shall be metered at the owner's cost",
    ):
        assert found[words].speaker_kind == "vague", words
        assert found[words].speaker in {"water bill", "statute", "bill"}, words
        assert "own words" in found[words].evidence["how"]


def test_a_paper_speaks_for_its_court_and_otherwise_for_nobody_named():
    passage = next(p for p in CASES if p["case"] == "a-paper-speaks-for-itself-or-for-its-court")
    quotes = [q for q in extract(passage["text"]).quotes if q.kind == "direct"]
    found = [(q.speaker, q.speaker_kind) for q in quotes]
    # a plea agreement is not the defendant's, though he is the one who acted just before
    assert found == [
        ("Harwick Appeals Court", "organisation"),
        ("plea agreement", "vague"),
        ("a letter", "vague"),
        ("answer", "vague"),
    ]


def test_a_nickname_inside_a_name_is_nobodys_and_the_name_is_whole():
    passage = next(p for p in CASES if p["case"] == "a-nickname-inside-a-name")
    quotes = [q for q in extract(passage["text"]).quotes if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The Eel", None),
        ("I was never given a fair hearing", "Tomas Brenner"),
        ("Chip", None),
    ]


def test_words_after_as_are_the_subjects_who_call_it_so_never_a_passives():
    passage = next(p for p in CASES if p["case"] == "words-a-subject-calls-something-after-as")
    found = {q.text.rstrip("."): q.speaker for q in extract(passage["text"]).quotes}
    # "was described as": the one described is never the speaker
    assert found["the slowest in Europe"] in {None, "passengers"}


def test_words_in_a_phrase_about_his_own_words_are_never_those_of_who_disputes_them():
    passage = next(p for p in CASES if p["case"] == "words-in-a-phrase-about-his-own-words")
    found = {q.text.rstrip("."): q.speaker for q in extract(passage["text"]).quotes}
    assert found["the budget is balanced"] is None  # "rejected his claim": not Holt's words


def test_a_club_before_a_role_is_never_the_speaker():
    passage = next(p for p in CASES if p["case"] == "a-club-before-a-role-is-never-the-person")
    found = {q.text.rstrip("."): q for q in extract(passage["text"]).quotes}
    # "Harwick Rovers manager" is the club's manager, unnamed: neither the club nor a person
    # the recogniser made of it, and not the captain named in the sentence before.
    proud = found["I am proud of every one of them"]
    assert (proud.speaker, proud.speaker_kind) == ("Harwick Rovers manager", "vague")
    wonderful = found["His influence in these games is wonderful"]
    assert wonderful.speaker != "Tomas Brenner"
    assert "Vellmar" not in (wonderful.speaker or "")


def test_a_press_release_proposes_no_defined_term_no_exchange_and_no_dateline():
    passage = next(
        p
        for p in CASES
        if p["case"] == "a-press-release-defines-terms-in-brackets-and-gives-tickers"
    )
    text = passage["text"]
    found = extract(text)
    # ("Tarn"), ("Company", "we" or "us"), (…, the "Group"): terms defined, nobody's words.
    assert [q.text for q in found.quotes] == [
        "We expected more",
        "We are delighted to welcome Mira to the Board",
        "We look forward to many more years with the company.",
    ]
    assert {q.speaker for q in found.quotes}.isdisjoint({"NYSE", "NASDAQ"})
    assert [q.speaker_role for q in found.quotes][1] == "chairman of Harwick Ferries Inc."
    # A dateline is where the story was filed, never part of a claim.
    assert [c.text for c in found.claims][-1].startswith("The ferry line carried")
    dated = text.replace("Tarn said, “", "KILBY (Nordwire) - Tarn said, “")
    quote = next(q for q in extract(dated).quotes if q.text.startswith("We look forward"))
    assert claim_sentence(dated, quote).startswith("Tarn said")


@pytest.mark.parametrize(
    "role, written",
    [
        ("chairman of Harwick Ferries Inc. (NASDAQ: HFRY)", "chairman of Harwick Ferries Inc."),
        (
            "chief executive of Harwick Ferries Company (",
            "chief executive of Harwick Ferries Company",
        ),
        ("director of Kilby Rail (the", "director of Kilby Rail"),
        ("head of research (economics)", "head of research (economics)"),
    ],
)
def test_a_role_never_ends_in_an_open_bracket_nor_carries_a_ticker(role, written):
    assert normal_role(role) == written


@pytest.mark.parametrize(
    "case", ["a-surname-joined-by-a-hyphen-to-a-title-word", "a-body-named-with-its-place-after-of"]
)
def test_a_name_is_never_cut_at_a_hyphen_or_before_its_place(case):
    passage = next(p for p in CASES if p["case"] == case)
    quotes = [q for q in extract(passage["text"]).quotes if q.kind == "direct"]
    assert [q.speaker for q in quotes] == [speaker for _words, speaker in passage["quotes"]]


def test_a_paper_someone_acted_in_is_theirs_never_when_they_were_only_named_in_it():
    passage = next(p for p in CASES if p["case"] == "a-paper-someone-acted-in-speaks-for-them")
    found = {q.text.rstrip("."): q.speaker for q in extract(passage["text"]).quotes}
    assert found["all four sailors are safe"] == "Harwick Coast Guard"
    assert found["we will win next time"] == "Ines Okafor"
    # Named in a report is not writing it.
    assert found["the accounts were never checked"] != "Pavel Novak"


def test_a_noun_for_people_before_a_name_makes_it_a_person():
    passage = next(
        p
        for p in CASES
        if p["case"] == "a-noun-for-people-before-a-name-read-as-an-organisations-makes-it-a-person"
    )
    found = extract(passage["text"]).quotes
    # The recogniser takes "Dane Lloyds" for a bank; "head coach" before it says a person.
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Dane Lloyds", "person")] * 2


def test_a_quotation_after_a_sentence_is_not_of_the_person_it_names():
    passage = next(p for p in CASES if p["case"] == "a-quotation-is-not-of-the-person-it-names")
    (quote,) = extract(passage["text"]).quotes
    assert quote.speaker != "Oskar Lind"  # "… Oskar Lind has had under me": someone else


def test_a_platform_the_words_were_posted_on_is_never_the_speaker():
    text = (
        "The Harwick Fraternal Order of Police Lodge #5 put this message on Twitter: "
        '"On behalf of the board, a message to our officers: be safe, be smart, and go home."'
    )
    assert [q.speaker for q in extract(text).quotes] != ["Twitter"]


@pytest.mark.parametrize(
    "role, written",
    [
        ("commander of the Harwick Guard Brig. Gen.", "commander of the Harwick Guard Brig. Gen."),
        ("a sales rep.", "sales rep"),
        (
            "a youth worker who runs the club for the local rep.",
            "youth worker who runs the club for the local rep",
        ),
    ],
)
def test_a_rank_written_short_keeps_its_full_stop_and_a_word_ending_the_sentence_loses_it(
    role, written
):
    assert normal_role(role) == written
