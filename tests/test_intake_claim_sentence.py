"""The claim offered for a quote is the sentence without who said it, where that comes off
cleanly; otherwise the whole sentence, never the bare quoted words."""

from __future__ import annotations

import pytest

from factdb.intake.extract import extract
from factdb.intake.review import claim_sentence


def _offered(text: str, starting: str) -> str:
    quote = next(q for q in extract(text).quotes if q.text.startswith(starting))
    return claim_sentence(text, quote)


@pytest.mark.parametrize(
    ("text", "starting", "offered"),
    [
        ("Mara Quill said the ferry talks had failed.", "the ferry", "The ferry talks had failed."),
        (
            '"The ferry talks have failed," Mara Quill said.',
            "The ferry",
            "The ferry talks have failed.",
        ),
        (
            "The mayor, Lena Holt, said that the harbour would close in May.",
            "the harbour",
            "The harbour would close in May.",
        ),
        (
            'According to the Tarn Institute, the lake "has shrunk by a third since 1990."',
            "has shrunk",
            "The lake has shrunk by a third since 1990.",
        ),
        (
            '"The mill poisoned the river for a decade," said presiding judge Marta Solberg.',
            "The mill",
            "The mill poisoned the river for a decade.",
        ),
        ('"The levy is dead," Ivo Brandt said on Monday.', "The levy", "The levy is dead."),
        ('Mara Quill said that "the plan is dead."', "the plan", "The plan is dead."),
        ('Ivo Brandt asked: "Who pays for the bridge?"', "Who pays", "Who pays for the bridge?"),
    ],
)
def test_the_attribution_comes_off_the_sentence_offered(text, starting, offered):
    assert _offered(text, starting) == offered


@pytest.mark.parametrize(
    ("text", "starting"),
    [
        # the words need their speaker: "we", "she" and "it" would point at nobody
        ('"We lost 12 seats," Lena Marsh said on Monday.', "We lost"),
        ("Lena Holt said she would resign in May.", "she would"),
        # a fragment: the verb frames the words, they are no sentence of their own
        ('Lena Marsh called the harbour plan "reckless and unfunded".', "reckless"),
        # another quotation in the sentence: the cue belongs to both
        ('"The bridge is late," Ivo Brandt said, "and the budget is gone."', "The bridge"),
        # the words between the cue and the quote may deny or doubt them
        ('Mara Quill denied that "the plan is dead."', "the plan"),
        ('Mara Quill disputed that "the plan is dead."', "the plan"),
        ('Mara Quill said it was not true that "the plan is dead."', "the plan"),
        ('Mara Quill said it was false that "the plan is dead."', "the plan"),
        ('Mara Quill said she doubted that "the plan is dead."', "the plan"),
        ('Mara Quill said nobody believed that "the plan is dead."', "the plan"),
        ('Mara Quill said critics were wrong to claim that "the plan is dead."', "the plan"),
        ('Mara Quill said the talks had failed with "the plan is dead."', "the plan"),
        # after the speaker, more than a time or place: it may take the words back
        ('"The plan is dead," Mara Quill said sarcastically, before denying it.', "The plan"),
        (
            '"The mill poisoned the river for a decade," said presiding judge Marta Solberg, '
            "who later withdrew the remark.",
            "The mill",
        ),
        # more than a short opening before the speaker: context the claim may need
        (
            'Before the council met on Monday to vote on the levy, Ivo Brandt said "the levy is dead".',
            "the levy",
        ),
    ],
)
def test_the_whole_sentence_is_offered_when_the_attribution_does_not_come_off_cleanly(
    text, starting
):
    offered = _offered(text, starting)
    quote = next(q for q in extract(text).quotes if q.text.startswith(starting))
    assert offered == text and offered != quote.text


def test_factdb_ingest_records_the_sentence_without_who_said_it(
    app, database_url, monkeypatch, session, tmp_path
):
    from click.testing import CliRunner
    from sqlalchemy import select

    from factdb.cli import main
    from factdb.models import Claim

    article = tmp_path / "article.txt"
    article.write_text('Ferry talks\n\n"The ferry talks have failed," said Mara Quill.\n', "utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--title", "Ferry talks"])
    assert result.exit_code == 0, result.output
    session.rollback()
    assert session.scalars(select(Claim.text)).all() == ["The ferry talks have failed."]


def test_factdb_ingest_all_keeps_a_denial_with_its_speaker(
    app, database_url, monkeypatch, session, tmp_path
):
    from click.testing import CliRunner
    from sqlalchemy import select

    from factdb.cli import main
    from factdb.models import Claim

    denial = 'Mara Quill denied that "the ferry plan is dead."'
    article = tmp_path / "article.txt"
    article.write_text(f"Ferry talks\n\nThe council met on Monday.\n\n{denial}\n", "utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--title", "Ferry talks", "--all"])
    assert result.exit_code == 0, result.output
    session.rollback()
    texts = session.scalars(select(Claim.text)).all()
    assert denial in texts and "The ferry plan is dead." not in texts


@pytest.mark.parametrize(
    ("text", "starting", "offered"),
    [
        ('Tomas Velder claimed, "the night ferry is the cheapest route."', "the night",
         "The night ferry is the cheapest route."),
        ('"The night ferry costs more than the harbour earns," said Tomas Velder, the harbour '
         "master.", "The night", "The night ferry costs more than the harbour earns."),
        ('"The quay will close in May," said Dana Whitfield, a member of the harbour board, on '
         "Monday.", "The quay", "The quay will close in May."),
        ('According to Velder, "the night ferry costs more than the harbour earns."', "the night",
         "The night ferry costs more than the harbour earns."),
        ('The harbour master disagreed by saying, "A night ferry costs more than it earns."',
         "A night", "A night ferry costs more than it earns."),
    ],
)  # fmt: skip
def test_more_shapes_of_attribution_come_off(text, starting, offered):
    assert _offered(f"Harbour vote\n\n{text}", starting) == offered


def test_the_review_page_shows_the_whole_sentence_beside_the_claim_offered(client, auth, make):
    from factdb.vocab import Role

    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    text = 'Harbour vote\n\n"The night ferry costs more than the harbour earns," said Tomas Velder.'
    page = auth.post("/intake/", {"title": "Harbour vote", "doc_type": "news_article",
                                  "text": text, "authors": ""}).get_data(as_text=True)  # fmt: skip
    assert '<span class="offered">The night ferry costs more than the harbour earns.</span>' in page
    assert "The whole sentence" in page
    assert "earns,&#34; said Tomas Velder." in page or "earns,” said Tomas Velder." in page
