"""The lede is the first paragraph of running text, after a headline and a byline."""

from factdb.intake.ledes import lede_paragraph


def test_a_headline_and_a_byline_come_before_the_lede():
    texts = ["Fine for driver who ignored warden", "By Pat Lowe", "A driver was fined.", "More."]
    assert lede_paragraph(texts) == 2


def test_a_text_that_opens_with_a_sentence_is_its_own_lede():
    assert lede_paragraph(["A driver was fined on Monday.", "He paid."]) == 0


def test_a_lede_ending_in_a_quotation_mark_is_a_sentence():
    assert lede_paragraph(["Harbour fee upheld", 'The fee is "fair."', "More."]) == 1


def test_a_page_of_headings_is_read_from_its_first_line():
    assert lede_paragraph(["Sport", "Results", "Fixtures", "Tables", "Scores", "Odds"]) == 0
