"""Text copied from a web page: its furniture is never part of a speaker, its role or a quote."""

from __future__ import annotations

import pytest

from factdb.article_text import prepare
from factdb.intake.extract import extract
from factdb.intake.furniture import without_furniture


def _found(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.speaker_role) for q in extract(text).quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ('The plan passed on Monday. Photo: Staff Lena Holt, the council leader, said it was "fair."',
         "Lena Holt", "council leader"),
        ('A crane at the quay. Photo by Ivo Brandt Ana Ruiz, a fisherman, said the fees were "too high."',
         "Ana Ruiz", "fisherman"),
        ('The mayor at the quay. AP Photo/Ivo Brandt Pavel Novak told reporters "the plan is dead."',
         "Pavel Novak", None),
        ('Advertisement Tomas Brenner, the harbour master, said the plan "will cost twice as much."',
         "Tomas Brenner", "harbour master"),
        ('"Nobody asked the fishermen," Share this article Ines Okafor told the meeting.',
         "Ines Okafor", None),
        ('"We will appeal," Getty Images Marta Solberg told reporters.', "Marta Solberg", None),
        ('Read more Ferry captain Ole Brekke warned that "the ferry will not last the winter."',
         "Ole Brekke", "Ferry captain"),
    ],
)  # fmt: skip
def test_furniture_glued_before_a_name_is_neither_the_name_nor_the_role(text, speaker, role):
    assert _found(text) == [(speaker, role)]


def test_a_misread_heading_on_its_own_line_is_nobody_a_description_points_to():
    text = 'LOCAL NEWS\nFerry Crisis\nThe harbour master said "the quays are falling into the sea."'
    assert _found(text) == [("harbour master", None)]


def test_a_name_on_its_own_line_used_again_stays_a_person():
    # A caption naming someone whose surname the article uses again is a real name.
    text = 'The vote was close.\nLena Holt\n"The quays are falling into the sea," Holt said.'
    assert _found(text) == [("Lena Holt", None)]


def test_blanking_keeps_every_offset_and_the_quotes_own_words():
    text = (
        'The plan passed. Photo: Staff Lena Holt said: "Read more of the plan. Advertisement '
        'is everywhere."\n\n(Photo: Harwick Gazette) The photo: the mayor smiled.'
    )
    blanked = without_furniture(text)
    assert len(blanked) == len(text)
    assert "Photo" not in blanked[:40] and "Harwick Gazette" not in blanked
    assert blanked.index("Lena Holt") == text.index("Lena Holt")
    assert "The photo: the mayor smiled." in blanked
    [quote] = extract(text).quotes
    assert quote.text.startswith("Read more of the plan. Advertisement is everywhere")


@pytest.mark.parametrize(
    "text",
    [
        "The Advertising Standards Authority said the claim was false.",
        "The Advertisement Standards Panel said the posters broke its rules.",
        "The fine followed an Advertisement Standards Panel ruling in May.",
        "Read the report before you share this article with anyone.",
        "She read more than forty reports. The photo by the harbour was taken at dawn.",
    ],
)
def test_ordinary_words_that_look_like_furniture_are_kept(text):
    assert without_furniture(text) == text


def test_a_pages_captions_buttons_and_asides_are_paragraphs_of_their_own():
    html = (
        "<article><figure><img src='q.jpg'><figcaption>The quay on Monday. Photo: Staff"
        "</figcaption></figure>Lena Holt said the vote was &quot;a fair outcome.&quot;"
        "<aside>Read more</aside>Ana Ruiz said the fees were &quot;too high.&quot;"
        "<button>Share</button><header>Harbour News</header>"
        "<ul><li>One</li></ul><table><tr><td>Ferry</td><td>Crisis</td></tr></table></article>"
    )
    text = prepare(html)
    assert "Photo: Staff\n\nLena Holt said" in text
    assert 'outcome."\n\nRead more\n\nAna Ruiz' in text
    assert "Ferry\n\nCrisis" in text
    assert [q.speaker for q in extract(text).quotes] == ["Lena Holt", "Ana Ruiz"]
