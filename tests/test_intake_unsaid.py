"""Names, titles and terms in quotation marks are nobody's words: no speaker is proposed for them,
and the real quotations beside them keep theirs."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract


def _quotes(text: str) -> dict[str, tuple[str | None, float, str]]:
    return {
        q.text: (q.speaker, q.confidence, q.evidence.get("how", ""))
        for q in extract(text).quotes
        if q.kind == "direct"
    }


def _nobodys(found: tuple[str | None, float, str]) -> bool:
    speaker, confidence, how = found
    return speaker is None and confidence == 0.0 and "nobody's words" in how


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('Defence Minister Ivo Brandt has confirmed that the campaign named "Operation Grey Heron" '
         'is still "an ongoing operation."', "Operation Grey Heron"),
        ('Mayor Lena Holt wondered why nobody objected when the old mayor could be called "Mother '
         'Harbour" for a decade.', "Mother Harbour"),
        ('The strike, code-named "Quiet Tide", was announced by Admiral Tomas Brenner on Monday.',
         "Quiet Tide"),
        ('Minister Ana Ruiz said the term "stagflation" was overused.', "stagflation"),
        ('Councillor Ole Brekke rejected the label "extremist" on Monday.', "extremist"),
        ('Minister Ana Ruiz said a levy dubbed "the ferry toll" would raise 2 million a year.',
         "the ferry toll"),
    ],
)  # fmt: skip
def test_a_name_given_by_a_naming_word_has_no_speaker(text, name):
    found = _quotes(text)
    assert _nobodys(found[name]), found[name]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ('The Harwick Rovers have announced that their new album "Salt and Iron Roads" will be '
         'released on May 2, the label said.', "Salt and Iron Roads"),
        ('In an interview on "Harbour Talk Tonight," Councillor Ole Brekke told the host that the '
         'ferry "will not survive the winter."', "Harbour Talk Tonight"),
        ('Lead single "Quiet Water Running," with its video, is out now, singer Mira Castellano said.',
         "Quiet Water Running"),
        ('Since the "Lanterns Over Kilby" band split, guitarist Pavel Novak has toured alone.',
         "Lanterns Over Kilby"),
        ('Premier Dana Kerr lauded "Operation Grey Heron" as a moment of pride, according to '
         'officials.', "Operation Grey Heron"),
        ('Director Pavel Novak said his new film, "The Quiet Harbour", opens in May.',
         "The Quiet Harbour"),
    ],
)  # fmt: skip
def test_a_title_in_quotation_marks_has_no_speaker(text, title):
    found = _quotes(text)
    assert _nobodys(found[title]), found[title]


def test_the_real_quotation_beside_a_title_keeps_its_speaker():
    found = _quotes(
        'In an interview on "Harbour Talk Tonight," Councillor Ole Brekke told the host that the '
        'ferry "will not survive the winter."'
    )
    assert "Ole Brekke" in found["will not survive the winter."][0]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('Mayor Lena Holt spoke at length. The opposite of "thrift," a word applied to her '
         'budgets, is not "waste," it is "care."', "waste"),
        ('Councillor Ole Brekke said the vote was close. The "harbour levy" debate goes on in '
         'the autumn.', "harbour levy"),
        ('"We will build it," Mayor Lena Holt said. Visits were linked to "regional security."',
         "regional security."),
    ],
)  # fmt: skip
def test_a_word_or_two_set_off_with_no_verb_and_no_cue_has_no_speaker(text, term):
    found = _quotes(text)
    assert _nobodys(found[term]), found[term]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Minister Ana Ruiz called the attack an "inhumane and cowardly" act.',
         "inhumane and cowardly", "Ana Ruiz"),
        ('Councillor Ole Brekke called the deal "a disgrace" on Monday.', "a disgrace", "Ole Brekke"),
        ('It is what Mayor Lena Holt called "a witch hunt" at the meeting.', "a witch hunt",
         "Lena Holt"),
        ('Harbour master Ines Okafor said the ferry was "Safe And Sound."', "Safe And Sound.",
         "Ines Okafor"),
        ('"We lost," Coach Tomas Brenner said. "Badly."', "Badly.", "Tomas Brenner"),
    ],
)  # fmt: skip
def test_short_words_a_person_is_reported_to_have_said_stay_theirs(text, words, speaker):
    assert speaker in (_quotes(text)[words][0] or "")


def test_a_quotation_after_a_name_continues_the_speaker_its_sentence_gives():
    found = _quotes(
        'Defence Minister Ivo Brandt declared "Operation Grey Heron" on Tuesday. The targets '
        'were "supply depots and the radar sites on the coast."'
    )
    assert _nobodys(found["Operation Grey Heron"])
    assert found["supply depots and the radar sites on the coast."][0] == "Ivo Brandt"


def test_words_a_subject_calls_something_are_never_called_nobodys():
    found = _quotes(
        "Defence Minister Ivo Brandt on Monday rubbished reports that the operation was "
        'suspended, branding such statements as "baseless and incorrect".'
    )
    assert "nobody's words" not in found["baseless and incorrect"][2]


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ('Asked about the new album, "Brilliant," producer Ana Moss said.', "Brilliant",
         "Ana Moss"),
        ('Coach Tomas Brenner was asked about the campaign, "Disappointing," he said.',
         "Disappointing", "Tomas Brenner"),
    ],
)  # fmt: skip
def test_words_after_a_work_and_a_comma_with_their_own_cue_stay_the_speakers(text, words, speaker):
    assert speaker in (_quotes(text)[words][0] or "")


def test_a_sentence_after_the_term_stays_the_speakers():
    found = _quotes(
        'Councillor Ole Brekke said the term "was invented by my opponents to smear us," and '
        "walked out."
    )
    assert "Ole Brekke" in (found["was invented by my opponents to smear us"][0] or "")


def test_an_evaluative_partial_quotation_after_a_speaker_continues_that_speaker():
    found = _quotes('"We will build it," Mayor Lena Holt said. The bridge is "long overdue."')
    assert "Lena Holt" in (found["long overdue."][0] or "")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('Mayor Lena Holt has been clear about the bridge. The plan is "dead on arrival."',
         "dead on arrival."),
        ('Minister Ana Ruiz spoke for an hour. Her rivals\' proposal was "reckless" and '
         '"cynical."', "reckless"),
        ('Minister Ana Ruiz spoke for an hour. Her rivals\' proposal was "reckless" and '
         '"cynical."', "cynical."),
    ],
)  # fmt: skip
def test_an_evaluative_word_or_two_is_never_called_nobodys(text, words):
    assert "nobody's words" not in _quotes(text)[words][2]
