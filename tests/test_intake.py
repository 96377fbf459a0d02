"""Intake: article in, proposals out, reviewed and recorded in one transaction; bad input refused."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from factdb.article_text import MAX_CHARACTERS, decode, prepare
from factdb.audit import run_audit
from factdb.demo import ANALYSIS_TEXT
from factdb.errors import ValidationFailed
from factdb.intake import SourceMatcher, propose
from factdb.intake.extract import extract
from factdb.intake.review import review_rows
from factdb.models import Citation, Claim, Document
from factdb.vocab import Role, SourceKind
from tests.intake_corpus import CORPUS


def test_dry_run_json_has_the_documented_shape_and_offsets(
    app, database_url, monkeypatch, tmp_path
):
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text(ANALYSIS_TEXT, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == {"authors", "quotes", "claims"}
    for quote in payload["quotes"]:
        assert set(quote) == {"text", "speaker", "speaker_role", "cue", "start", "end",
                              "confidence", "speaker_kind", "evidence"}  # fmt: skip
        assert ANALYSIS_TEXT[quote["start"] : quote["end"]].startswith(quote["text"][:20])
        assert quote["speaker_kind"] in {"person", "organisation", "vague", "none"}
        assert 0 <= quote["confidence"] <= 1 and quote["evidence"]["how"]
        assert (quote["speaker"] is None) == (quote["speaker_kind"] == "none")
    speakers = {q["speaker"] for q in payload["quotes"]}
    assert {
        "Henrik Aalto",
        "Leila Haddad",
        "Dana Whitfield",
        "Baltic Security Institute",
    } <= speakers
    aalto = next(q for q in payload["quotes"] if q["speaker"] == "Henrik Aalto")
    assert aalto["speaker_role"] == "former EU ambassador to Kestria"
    first = payload["claims"][0]
    assert first["text"].startswith("It was the first time a military operation")
    assert ANALYSIS_TEXT[first["start"] : first["end"]] == first["text"]


def test_candidate_claims_on_the_corpus():
    for passage in CORPUS:
        found = [claim.text for claim in extract(passage["text"]).claims]
        for expected in passage["claims"]:
            assert any(expected in text for text in found), (expected, found)


def test_later_short_names_and_pronouns_resolve_to_the_full_name():
    text = ('Ms Ingrid Halvorsen, chair of the defence committee, said: "We need engineers." '
            '"And we need them now," Halvorsen added.\n\n"It is urgent," she said.')  # fmt: skip
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == ["Ingrid Halvorsen"] * 3
    assert quotes[0].speaker_role == "chair of the defence committee"


def test_an_organisation_named_the_x_of_y_as_a_subject_does_not_crash():
    # "The Union of Bakers said …" looked an organisation up before any name was sorted.
    found = extract("The Union of Bakers said its members voted to strike.").quotes
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Union of Bakers", "organisation")]


def test_unbalanced_quotes_do_not_stop_the_rest():
    text = '"We are ready," said Olga Petrova. The old bridge first opened in 1962.\n\nHe then said "this never closes'
    found = extract(text)
    assert [(q.text, q.speaker) for q in found.quotes] == [("We are ready", "Olga Petrova")]
    assert [c.text for c in found.claims] == ["The old bridge first opened in 1962."]


def test_html_is_reduced_to_text_and_scripts_are_dropped():
    html = ("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
            "<p>“We will win,” said <b>Jonas Weber</b>.</p><script>document.write('evil')</script><p>Turnout was 71 percent this year.</p></body></html>")  # fmt: skip
    text = prepare(html)
    assert "alert" not in text and "evil" not in text and "<" not in text
    found = extract(text)
    assert [(q.text, q.speaker) for q in found.quotes] == [("We will win", "Jonas Weber")]
    assert found.claims[0].text == "Turnout was 71 percent this year."


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValidationFailed, match="no text"):
        prepare("   \n ")
    with pytest.raises(ValidationFailed, match="not UTF-8"):
        decode(b"caf\xe9 au lait")
    with pytest.raises(ValidationFailed, match="too long"):
        prepare("x" * (MAX_CHARACTERS + 1))


def test_ten_thousand_words_are_read_whole():
    """Speed is measured by `python -m factdb.intake.evaluate`, not here; this checks the long text is all read."""
    text = ("\n\n".join(passage["text"] for passage in CORPUS) + "\n\n") * 16
    assert len(text.split()) >= 10_000
    once = len(extract("\n\n".join(passage["text"] for passage in CORPUS) + "\n\n").quotes)
    assert len(extract(text).quotes) == 16 * once


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list('ab "“”«»‘’\'.,:;\n—-AZ said told according to X'))
               , max_size=300))  # fmt: skip
def test_any_punctuation_soup_is_handled(text):
    found = extract(text)
    for quote in found.quotes:
        assert 0 <= quote.start <= quote.end <= len(text)


def test_speakers_match_sources_despite_possessives_and_adjectives(session, make):
    ministry = make.source("Norwegian Defence Ministry", kind=SourceKind.GOVERNMENT)
    kremlin = make.source(
        "Kremlin press service", kind=SourceKind.GOVERNMENT, aliases=["the Kremlin"]
    )
    matcher = SourceMatcher(session)
    assert matcher.match("Norway's Defence Ministry").source.id == ministry.id
    assert matcher.match("the Kremlin").source.id == kremlin.id
    new = matcher.match("Ingrid Halvorsen")
    assert new.source is None and new.how == "new" and new.suggested_kind is SourceKind.PERSON


BRENNOCK = "Lake district approves its water plan\n\n“We have waited ten years for this,” Brennock said after the vote.\n"


def _brennock_row(session):
    (row,) = propose(session, BRENNOCK).quotes
    assert row.quote.speaker == "Brennock"
    return row


def test_a_surname_alone_is_matched_only_to_the_one_person_cited_as_a_speaker(session, make):
    editor = make.user()
    # An author of a paper (as an imported .bib file records one): never cited as a speaker.
    author = make.source("Orla T. Brennock")
    make.document("Soil moisture in lake districts", authors=["Orla T. Brennock"])
    make.source("Brennock Holdings", kind=SourceKind.ORGANISATION)
    row = _brennock_row(session)
    assert row.speaker.source is None and not row.starts_ticked
    assert row.quote.confidence < 0.6
    assert "Orla T. Brennock" in row.quote.evidence["how"]
    assert "surname" in row.quote.evidence["how"]
    # Once she has been cited as a speaker, she is the one person the surname can mean.
    make.claim(editor, document=make.document("Earlier report"), speaker=author, quote="Soon.")
    row = _brennock_row(session)
    assert row.speaker.source.id == author.id and row.speaker.how == "surname"
    assert row.starts_ticked and row.quote.confidence == 0.9
    # Two people with the surname, both speakers: the article does not say which.
    other = make.source("Piet Brennock")
    make.claim(editor, document=make.document("Later report"), speaker=other, quote="Later.")
    row = _brennock_row(session)
    assert row.speaker.source is None and not row.starts_ticked
    assert "2 recorded people" in row.quote.evidence["how"]


def test_a_surname_given_as_an_alias_matches(session, make):
    author = make.source("Orla T. Brennock", aliases=["Brennock"])
    row = _brennock_row(session)
    assert row.speaker.source.id == author.id and row.starts_ticked


def _form_defaults(page: str) -> dict[str, str]:
    """What a browser would submit from the review page if nobody changed anything."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    form = soup.find("form", class_="intake-review")
    data: dict[str, str] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        kind = field.get("type", "")
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif kind != "submit":
            data[name] = field.get("value", "")
    return data


ARTICLE = (
    ANALYSIS_TEXT
    + '\nBanners across Vessa read "a door that will not close again" by the evening.\n'
)


def test_paste_review_and_record_in_the_browser(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    aalto = make.source("Henrik Aalto", role="Former EU ambassador")
    auth.login("ed@example.org")
    review = auth.post("/intake/", {"title": "Behind the trip", "container_title": "The Ledger", "published": "2026-03-14",
                                    "url": "https://ledger.example/trip", "doc_type": "news_article", "text": ARTICLE})  # fmt: skip
    page = review.get_data(as_text=True)
    assert review.status_code == 200
    assert "Matched to an existing source" in page and 'value="Henrik Aalto"' in page
    # each quote sits in its paragraph with the quote, the cue and the speaker marked
    assert '<mark class="quote">This trip has weakened' in page
    assert '<mark class="cue">said</mark> <mark class="speaker">Henrik Aalto</mark>' in page
    assert "confidence" in page and "Why:" in page
    assert session.scalar(select(func.count(Document.id))) == 0  # nothing written yet

    form = _form_defaults(page)
    quotes = sorted(int(k.split("-")[1]) for k in form if k.startswith("quote-"))
    accepted = [i for i in quotes if form.get(f"accept-{i}") == "on"]
    assert accepted and len(accepted) < len(quotes)  # unsure rows start unticked
    for index in quotes:
        # the claim box is never the quote itself: the sentence is offered instead
        assert form[f"claim-{index}"] == ""
        assert form[f"claim-choice-{index}"] == "sentence"
    # a quote with no speaker, ticked without naming anyone, is refused and nothing is lost
    no_speaker = next(i for i in quotes if form[f"speaker-{i}"] == "")
    refused = auth.post(
        "/intake/confirm", {**form, f"accept-{no_speaker}": "on", f"role-{no_speaker}": "kept"}
    )
    assert refused.status_code == 422
    refused_page = refused.get_data(as_text=True)
    assert f"Quote {no_speaker + 1} has no speaker" in refused_page
    assert _form_defaults(refused_page)[f"role-{no_speaker}"] == "kept"
    assert session.scalar(select(func.count(Document.id))) == 0

    response = auth.post("/intake/confirm", {**form, "take-0": "on"})
    assert response.status_code == 302 and "/documents/" in response.location
    session.rollback()
    document = session.scalar(select(Document))
    assert document.full_text.startswith("Behind the president's secret trip")
    assert session.scalar(select(func.count(Claim.id))) == len(accepted) + 1
    aalto_citation = session.scalar(select(Citation).where(Citation.speaker_id == aalto.id))
    assert aalto_citation.relation.value == "reports"
    claim = session.get(Claim, aalto_citation.claim_id)
    # the sentence's statement, without who said it (", said Henrik Aalto, a former EU
    # ambassador …") or its quotation marks: what the claim asserts, to be checked
    assert claim.text == (
        "This trip has weakened the position of everyone who wants a negotiated settlement."
    )
    report = run_audit(session)
    rules = {f.rule for f in report.findings}
    assert "QUOTE_NOT_FOUND" not in rules and "QUOTE_ALTERED" not in rules
    assert report.quotes_checked == len([i for i in accepted if form[f"direct-{i}"] == "1"])
    session.rollback()

    # the same article again is not a second document: the page offers the recorded one
    again = auth.post("/intake/", {"title": "Behind the trip", "url": "https://ledger.example/trip",
                                   "doc_type": "news_article", "text": ARTICLE})  # fmt: skip
    assert "already recorded (same URL)" in again.get_data(as_text=True)
    response = auth.post("/intake/confirm", _form_defaults(again.get_data(as_text=True)))
    assert response.status_code == 302
    session.rollback()
    assert session.scalar(select(func.count(Document.id))) == 1


def test_a_quote_recorded_as_the_articles_own_needs_a_deliberate_choice(session, make):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record

    user = make.user(Role.EDITOR)
    document = DocumentInput(title="A", full_text="“Words,” it said.")
    with pytest.raises(ValidationFailed, match="Quote 1 has no speaker"):
        record(session, user, document, [AcceptedQuote("A claim", "Words")], [])
    result = record(
        session, user, document, [AcceptedQuote("A claim", "Words", article_itself=True)], []
    )
    citation = session.scalar(select(Citation).where(Citation.claim_id == result.claims[0].id))
    assert citation.speaker_id is None and citation.relation.value == "asserts"


def test_the_role_given_in_the_article_goes_into_the_citation(session, make):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record
    from factdb.serializers import citation_data

    user = make.user(Role.EDITOR)
    make.source("Jane Roe", role="harbour master")
    document = DocumentInput(title="C", full_text="“We stay,” chief executive Jane Roe said.")
    result = record(session, user, document, [AcceptedQuote("They stay", "We stay", speaker="Jane Roe",
                                                            speaker_role="chief executive")], [])  # fmt: skip
    citation = session.scalar(
        select(Citation)
        .where(Citation.claim_id == result.claims[0].id)
        .options(selectinload(Citation.speaker), selectinload(Citation.document))
    )
    # The source keeps its own role; the citation says what the article called her.
    assert citation.speaker_role == "chief executive"
    assert citation.speaker.role == "harbour master"
    assert citation_data(citation)["speaker_role"] == "chief executive"


def test_vague_speakers_are_recorded_under_a_generic_source_the_audit_flags(session, make):
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record, vague_speaker_name
    from factdb.models import Source

    user = make.user(Role.EDITOR)
    document = DocumentInput(
        title="B", full_text="“It will reopen,” officials said. “Soon,” one journalist wrote."
    )
    record(session, user, document, [AcceptedQuote("It reopens", "It will reopen", speaker="officials", vague=True),
                                     AcceptedQuote("Soon", "Soon", speaker=vague_speaker_name("one journalist"), vague=True)], [])  # fmt: skip
    names = {s.name: s.kind.value for s in session.scalars(select(Source))}
    assert names == {"officials": "other", "unnamed source": "other"}
    findings = [f for f in run_audit(session).findings if f.rule == "VAGUE_ATTRIBUTION"]
    assert len(findings) == 2


def test_cli_records_what_the_review_page_ticks_and_all_with_a_flag(
    app, database_url, monkeypatch, tmp_path, make, session
):
    from factdb.cli import main

    editor = make.user(Role.EDITOR, email="jonas@example.org")
    article = tmp_path / "a.html"
    article.write_text(f"<p>{ANALYSIS_TEXT}</p>", encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(
        main,
        ["ingest", str(article), "--title", "Behind the trip", "--outlet", "The Ledger",
         "--as", "jonas@example.org"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    session.rollback()
    # What the review page ticks: the eight direct quotes with a named speaker; the vague
    # reported speech and the two candidate claims are left out, and the output says how to
    # record them.
    assert session.scalar(select(func.count(Claim.id))) == 8
    proposal = propose(session, ANALYSIS_TEXT)
    ticked = {
        r.proposal.quote.text
        for r in review_rows(session, proposal.text, proposal.quotes)
        if r.accept
    }
    assert set(session.scalars(select(Citation.quote))) == ticked
    assert "1 quote and 2 candidate claims were left out" in result.output
    assert "--all" in result.output
    assert session.scalar(select(Document.title)) == "Behind the trip"
    assert set(session.scalars(select(Claim.created_by_id))) == {editor.id}
    everything = CliRunner().invoke(
        main,
        [
            "ingest",
            str(article),
            "--title",
            "Behind the trip",
            "--all",
            "--as",
            "jonas@example.org",
        ],
    )
    assert everything.exit_code == 0, everything.output
    assert "8 already recorded from it left out" in everything.output
    session.rollback()
    assert session.scalar(select(func.count(Claim.id))) == 11
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8 \xe9")
    refused = CliRunner().invoke(main, ["ingest", str(bad)])
    assert refused.exit_code == 1 and "not UTF-8" in refused.output


def test_the_pipeline_is_loaded_by_package_name_and_another_can_be_named(monkeypatch):
    from factdb.intake import nlp

    monkeypatch.delenv("FACTDB_NLP_MODEL", raising=False)
    loaded = nlp.pipeline()
    assert loaded.meta["version"] == "3.8.0" and {"parser", "ner"} <= set(loaded.pipe_names)
    monkeypatch.setenv("FACTDB_NLP_MODEL", "xx_no_such_pipeline")
    with pytest.raises(ValidationFailed, match=r"xx_no_such_pipeline.*not installed"):
        nlp.pipeline()
    with pytest.raises(ValidationFailed, match="not installed"):
        extract("“We are ready,” said Olga Petrova.")


def test_the_pipeline_runs_only_what_the_rules_read_with_numpy_on_one_thread():
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_info

    from factdb.intake import nlp
    from factdb.intake.reading import Reading

    loaded = nlp.pipeline()
    assert loaded.pipe_names == ["tok2vec", "tagger", "parser", "ner"]
    assert not {"lemmatizer", "attribute_ruler", "senter"} & set(loaded.component_names)
    for _name, component in loaded.pipeline:
        for node in component.model.walk():
            assert isinstance(node.ops, NumpyOps) and not node.ops.use_blis, node.name
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")

    reading = Reading(ANALYSIS_TEXT, loaded)
    names_only = set(range(len(reading.paragraphs))) - reading.parsed
    assert reading.parsed and names_only
    for number, doc in reading.docs.items():
        assert not doc.has_annotation("LEMMA")  # no lemmatizer ran
        assert doc.has_annotation("ENT_IOB")  # every paragraph is read for names
        # the tagger and the parser only read the paragraphs with quotations or cues
        parsed = doc.has_annotation("TAG") and doc.has_annotation("DEP")
        assert parsed == (number in reading.parsed)


def test_reading_in_batches_proposes_what_one_paragraph_at_a_time_does(monkeypatch):
    """Batches change the shapes of the matrix products; the proposals must not change."""
    from factdb.intake import article

    text = "\n\n".join(passage["text"] for passage in CORPUS)

    def proposals() -> list[tuple]:
        return [
            (q.start, q.end, q.text, q.kind, q.speaker, q.speaker_role, q.speaker_kind, q.cue)
            for q in extract(text).quotes
        ]

    batched = proposals()
    monkeypatch.setattr(article, "BATCH_SIZE", 1)
    assert len(batched) > 100 and proposals() == batched


def test_a_long_article_is_read_in_the_background_and_the_page_polls(
    client, auth, make, session, consumer, monkeypatch
):
    import time

    from factdb.intake import jobs
    from factdb.models import Job

    monkeypatch.setattr(jobs, "BACKGROUND_WORDS", 50)  # the demo analysis counts as long here
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    response = auth.post("/intake/", {"title": "Behind the trip", "doc_type": "news_article", "text": ANALYSIS_TEXT})  # fmt: skip
    assert response.status_code == 302 and "/intake/reading/" in response.location
    deadline = time.monotonic() + 60
    page = client.get(response.location).get_data(as_text=True)
    while "Review: Behind the trip" not in page and time.monotonic() < deadline:
        assert 'http-equiv="refresh"' in page  # the page polls while the job runs
        time.sleep(0.3)
        page = client.get(response.location).get_data(as_text=True)
    assert "Review: Behind the trip" in page and '<mark class="speaker">Henrik Aalto</mark>' in page
    session.rollback()
    job = session.scalar(select(Job))
    assert job.kind == "intake.read" and job.state.value == "done" and job.total == job.done
    # someone else's reading is not shown
    make.user(Role.EDITOR, email="other@example.org")
    auth.login("other@example.org")
    assert client.get(response.location).status_code == 404


def test_recording_the_same_article_again_adds_nothing_already_recorded(session, make):
    """A second run over an article adds only what the first did not record."""
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record
    from factdb.models import Claim

    user = make.user(Role.EDITOR)
    document = DocumentInput(
        title="Port strike", url="https://news.example/strike",
        full_text="“We will not go back,” Marta Kowalczyk said. The port handled 3 million tonnes.",
    )  # fmt: skip
    quotes = [
        AcceptedQuote("Dockers will stay out", "We will not go back", speaker="Marta Kowalczyk")
    ]
    claims = ["The port handled 3 million tonnes."]
    first = record(session, user, document, quotes, claims)
    session.commit()
    assert len(first.claims) == 2 and first.skipped == 0
    # The same words typed a little differently are still the same quotation.
    again = [AcceptedQuote("Dockers stay out", "we will not go back.", speaker="Marta Kowalczyk"),
             AcceptedQuote("Talks resume", "Talks resume on Monday", speaker="Marta Kowalczyk")]  # fmt: skip
    second = record(session, user, document, again, claims)
    session.commit()
    assert second.merged and second.skipped == 2
    assert [claim.text for claim in second.claims] == ["Talks resume"]
    assert session.query(Claim).count() == 3


def test_a_new_article_quoting_a_recorded_speaker_is_recorded_as_new(session, make):
    """Whether the article was already recorded depends on the article, not on its speakers."""
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, record

    user = make.user(Role.EDITOR)
    make.source(name="Marta Kowalczyk")
    document = DocumentInput(
        title="Port strike ends", url="https://news.example/strike-ends",
        full_text="“We go back on Monday,” Marta Kowalczyk said.",
    )  # fmt: skip
    quotes = [AcceptedQuote("Dockers return", "We go back on Monday", speaker="Marta Kowalczyk")]
    result = record(session, user, document, quotes, [])
    session.commit()
    assert not result.merged and len(result.claims) == 1


SIDES = (
    "Prosecutors said the harbour pilot “ignored three warnings” before the collision.\n\n"
    "Defence lawyers said the warnings “never reached the bridge”.\n\n"
    "A port authority spokesperson said: “We will publish the radio log.”\n\n"
    "“Nobody was hurt,” officials said."
)


def test_vague_speakers_keep_who_they_were_as_the_citations_role(session, make):
    """Two sides that are both unnamed are recorded under one generic source, each with its
    own description, so a reader can still tell them apart."""
    from factdb.documents import DocumentInput
    from factdb.intake import AcceptedQuote, propose, record
    from factdb.models import Source

    proposal = propose(session, SIDES)
    rows = [(q.recorded_speaker, q.recorded_role) for q in proposal.quotes]
    assert rows == [
        ("unnamed source", "prosecutors"),
        ("unnamed source", "defence lawyers"),
        ("unnamed source", "port authority spokesperson"),
        ("officials", ""),  # the description is the generic source's own name
    ]
    accepted = [AcceptedQuote(q.quote.text, q.quote.text, speaker=q.recorded_speaker, speaker_role=q.recorded_role,
                              vague=q.vague) for q in proposal.quotes]  # fmt: skip
    record(
        session, make.user(Role.EDITOR), DocumentInput(title="Pilot", full_text=SIDES), accepted, []
    )
    citations = session.scalars(
        select(Citation).options(selectinload(Citation.speaker)).order_by(Citation.id)
    ).all()
    assert [(c.speaker.name, c.speaker_role) for c in citations] == rows
    # The shared source takes no role from one article: each citation keeps its own.
    assert {s.name: s.role for s in session.scalars(select(Source))} == {
        "unnamed source": "",
        "officials": "",
    }
    findings = [f for f in run_audit(session).findings if f.rule == "VAGUE_ATTRIBUTION"]
    assert len(findings) == 4


def test_the_review_page_keeps_a_vague_speakers_description(client, auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post("/intake/", {"title": "Pilot", "doc_type": "news_article", "text": SIDES})
    form = _form_defaults(review.get_data(as_text=True))
    assert [form[f"speaker-{i}"] for i in range(3)] == ["unnamed source"] * 3
    assert [form[f"role-{i}"] for i in range(3)] == [
        "prosecutors",
        "defence lawyers",
        "port authority spokesperson",
    ]
    ticked = {**form, **{f"accept-{i}": "on" for i in range(4)}}
    response = auth.post("/intake/confirm", ticked)
    assert response.status_code == 302
    session.rollback()
    first = session.scalar(select(Citation).order_by(Citation.id))
    page = client.get(f"/claims/{first.claim_id}").get_data(as_text=True)
    assert "unnamed source</a>, prosecutors" in page
    listed = client.get(f"/documents/{first.document_id}").get_data(as_text=True)
    assert "unnamed source</a>, defence lawyers" in listed


def test_cli_dry_run_marks_what_a_real_run_would_leave_out(
    app, database_url, monkeypatch, tmp_path, session
):
    from factdb.cli import main

    article = tmp_path / "a.html"
    article.write_text(f"<p>{ANALYSIS_TEXT}</p>", encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    dry = CliRunner().invoke(main, ["ingest", str(article), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    left_out = [line for line in lines if line.endswith("— left out without --all")]
    # The same split as the real run above: eight quotes recorded, one quote and the two
    # candidate claims left out.
    assert len(left_out) == 3, dry.output
    assert sum(line.startswith("QUOTE") for line in lines) - len(left_out) + 2 == 8
    assert "A real run records 8 quotes; 1 quote and 2 candidate claims are left out" in dry.output
    everything = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--all"])
    assert "left out without --all" not in everything.output
    assert "A real run records 9 quotes and 2 candidate claims" in everything.output
    assert session.scalar(select(func.count(Document.id))) == 0


def test_a_dry_run_reads_an_article_before_any_database_exists(
    empty_database_url, monkeypatch, tmp_path
):
    """A first try of the command line, before `factdb serve` ever made the database."""
    from factdb.cli import main

    article = tmp_path / "article.txt"
    article.write_text(ANALYSIS_TEXT, encoding="utf-8")
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    result = CliRunner().invoke(main, ["ingest", str(article), "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["quotes"]


def test_bylines_date_lines_and_the_headline_are_no_candidate_claims():
    text = (
        "Port traffic falls 12 percent in a year of strikes\n\n"
        "April 26, 2000|By Harbour News Services.\n\n"
        "By Mara Quill, 14 March 2026, 09:30\n\n"
        "Updated: 14 March 2026 at 10:00 GMT\n\n"
        "By the end of 2025, exports had doubled to 4 million tonnes.\n\n"
        "By March 2026, the port had lost 40 ships to the strikes.\n\n"
        "By Christmas, the port had cleared 3 million tonnes of backlog.\n\n"
        "The port handled 12 million tonnes of grain in 2025, down from 14 million."
    )
    assert [claim.text for claim in extract(text).claims] == [
        "By the end of 2025, exports had doubled to 4 million tonnes.",
        "By March 2026, the port had lost 40 ships to the strikes.",
        "By Christmas, the port had cleared 3 million tonnes of backlog.",
        "The port handled 12 million tonnes of grain in 2025, down from 14 million.",
    ]


def test_a_sentence_opening_like_a_byline_or_a_date_line_is_still_a_candidate_claim():
    text = (
        "Harbour budget passes after a long night\n\n"
        "By Friday, the city had spent $4 million on repairs.\n\n"
        "By December, Harbour Transit had cut 40 of its 120 routes.\n\n"
        "Published figures show unemployment rose to 5.2 per cent in May.\n\n"
        "Updated estimates put the deficit at $4 billion for 2026.\n\n"
        "By Mara Quill, Staff Writer\n\n"
        "Updated 14 March 2026 at 10:00 GMT\n\n"
        "Published on 14 March 2026\n\n"
        "Last updated: 15 March 2026"
    )
    assert [claim.text for claim in extract(text).claims] == [
        "By Friday, the city had spent $4 million on repairs.",
        "By December, Harbour Transit had cut 40 of its 120 routes.",
        "Published figures show unemployment rose to 5.2 per cent in May.",
        "Updated estimates put the deficit at $4 billion for 2026.",
    ]


def test_the_same_words_by_the_same_speaker_are_ticked_once(session):
    text = (
        "Mayor Ines Okafor: “We will rebuild the bridge by spring”\n\n"
        "The council met on Monday after the flood.\n\n"
        "“We will rebuild the bridge by spring,” Mayor Ines Okafor said at the meeting.\n\n"
        "“The money is already set aside,” she added."
    )
    proposal = propose(session, text)
    rows = [(p.quote.text, p.quote.speaker, p.starts_ticked) for p in proposal.quotes]
    assert [row[1] for row in rows] == ["Ines Okafor"] * 3
    assert [row[2] for row in rows].count(True) == 2
    repeated = [p for p in proposal.quotes if p.repeat_of is not None]
    assert len(repeated) == 1 and not repeated[0].starts_ticked
    assert proposal.quotes[repeated[0].repeat_of].starts_ticked
    assert "the same words as quote" in repeated[0].quote.evidence["how"]
