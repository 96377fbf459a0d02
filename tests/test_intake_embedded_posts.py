"""Posts embedded in a pasted page: their words are the signer's, never the article's claims."""

from __future__ import annotations

import json

from click.testing import CliRunner

from factdb.cli import main
from factdb.intake.extract import extract

ARTICLE = (
    "Harbour board opens the new quay\n\n"
    "The new quay cost 41 million lira, the largest sum the board has spent since 1998.\n"
    "Talks on the second quay were held in Tessaly last week. The board's delegation was led "
    "by its chair. pic.twitter.com/AbC123xyz\n"
    "— Harbour Board Press Office (@TessalyHarbour) March 3, 2026\n"
    "\u201cWe will open the second quay by 2028,\u201d chair Mara Quill said on Tuesday.\n"
    "The second quay will hold 12 ships at once.\n"
    "So proud of the crews who finished the quay three months early https://t.co/Xy12Ab\n"
    "\u2014 Ines Okafor (@inesokafor) March 4, 2026\n"
)


def test_an_embedded_posts_words_are_proposed_as_its_signers_without_its_links():
    posts = [q for q in extract(ARTICLE).quotes if q.cue == "posted"]
    assert [(q.speaker, q.speaker_kind, q.text) for q in posts] == [
        ("Harbour Board Press Office", "organisation",
         "Talks on the second quay were held in Tessaly last week. The board's delegation was "
         "led by its chair."),
        ("Ines Okafor", "person",
         "So proud of the crews who finished the quay three months early"),
    ]  # fmt: skip
    first = posts[0]
    speaker = ARTICLE[first.evidence["speaker_start"] : first.evidence["speaker_end"]]
    assert speaker == "Harbour Board Press Office"
    assert "@TessalyHarbour" in first.evidence["how"]


def test_neither_a_post_nor_its_signature_is_offered_as_the_articles_own_claim():
    claims = [claim.text for claim in extract(ARTICLE).claims]
    assert claims == [
        "The new quay cost 41 million lira, the largest sum the board has spent since 1998.",
        "The second quay will hold 12 ships at once.",
    ]


def test_a_post_already_quoted_between_quotation_marks_is_proposed_once():
    text = (
        "Quay vote\n\n"
        "\u201cThe quay opens on 3 March 2026,\u201d the Harbour Board said in a post.\n"
        "\u201cThe quay opens on 3 March 2026\u201d\n"
        "\u2014 Harbour Board (@TessalyHarbour) March 1, 2026\n"
    )
    quotes = extract(text).quotes
    assert len([q for q in quotes if "opens on 3 March" in q.text]) == 2
    assert not [q for q in quotes if q.cue == "posted"]


def test_a_signature_with_no_words_above_it_proposes_nothing():
    for text in (
        "\u2014 Harbour Board (@TessalyHarbour) March 1, 2026\nThe quay opened in 1998.\n",
        "Quay\n\n\u2014 Ines Okafor (@inesokafor) March 4, 2026\n"
        "\u2014 Harbour Board (@TessalyHarbour) March 1, 2026\n",
    ):
        assert [q.speaker for q in extract(text).quotes if q.cue == "posted"] == [], text


def test_the_dry_run_json_carries_the_post_as_a_quote(tmp_path):
    article = tmp_path / "quay.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    posted = [q for q in found["quotes"] if q["cue"] == "posted"]
    assert [q["speaker"] for q in posted] == ["Harbour Board Press Office", "Ines Okafor"]
    assert all(q["confidence"] >= 0.6 for q in posted)
    assert not [c for c in found["claims"] if "@" in c["text"] or "Talks on" in c["text"]]
