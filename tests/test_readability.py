"""Pages a journalist reads all day: sources by involvement, search results, small things."""

from __future__ import annotations

import re

from factdb.claims import CitationInput
from factdb.models import Claim
from factdb.vocab import Relation, Reliability, Role, SourceKind, Status


def test_source_page_lists_claims_by_how_the_source_is_involved(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    ministry = make.source("Ministry of Defence", kind=SourceKind.GOVERNMENT)
    minister = make.source("Anna Berg")
    report = make.document("Defence white paper", authors=[ministry.id])
    article = make.document("Ledger article")
    own = make.claim(editor, "The ministry says spending rose.", document=article, speaker=ministry,
                     relation=Relation.SUPPORTS, quote="spending rose")  # fmt: skip
    reported = make.claim(editor, "An unrelated line reported.", citations=[
        CitationInput(document_id=article.id, speaker_id=ministry.id,
                      relation=Relation.REPORTS, quote="an unrelated line"),
        CitationInput(document_id=article.id, speaker_id=minister.id,
                      relation=Relation.SUPPORTS, quote="officials said so"),
    ])  # fmt: skip
    authored = make.claim(editor, "The white paper counts ships.", document=report)
    auth.login("ed@example.org")
    page = client.get(f"/sources/{ministry.id}").get_data(as_text=True)
    assert re.search(r"Its own words <span class=\"count\">1</span>", page)
    assert re.search(r"Author of a cited document <span class=\"count\">1</span>", page)
    assert re.search(r"Cited second-hand <span class=\"count\">1</span>", page)
    # The default list is the source's own words: the reported line is not "attributed" to it.
    assert own.text in page and reported.text not in page and authored.text not in page
    second = client.get(f"/sources/{ministry.id}?as=reported").get_data(as_text=True)
    assert reported.text in second and own.text not in second
    assert authored.text in client.get(f"/sources/{ministry.id}?as=author").get_data(as_text=True)
    # Only this source's findings: the minister's quote (no stored text) is not shown here.
    assert "officials said so" not in second
    minister_page = client.get(f"/sources/{minister.id}").get_data(as_text=True)
    assert reported.text in minister_page


def _hits(page: str) -> int:
    return page.split('<ol class="hits"', 1)[1].split("</ol>", 1)[0].count("<li>")


def test_search_results_show_number_and_status_once_and_page_on(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    reviewer = make.user(Role.REVIEWER, email="rev@example.org")
    document = make.document("Budget bulletin")
    claims = [make.claim(editor, f"Budget line {n} rose", document=document,
                         relation=Relation.SUPPORTS, quote=f"line {n}") for n in range(25)]  # fmt: skip
    make.set_status(claims[0], reviewer, Status.TRUE, note="ok")
    auth.login("ed@example.org")
    first = client.get("/search?q=budget&kind=claim").get_data(as_text=True)
    assert _hits(first) == 20 and 'rel="next"' in first
    assert re.search(rf"Claim #{claims[0].id}\s*·\s*<span class=\"badge[^>]*>True</span>", first)
    # The claim's text shows once (highlighted), not as a title and again as a snippet.
    assert first.count(f"line {claims[1].id - claims[0].id} rose") <= 1
    second = client.get("/search?q=budget&kind=claim&page=2").get_data(as_text=True)
    assert _hits(second) == 5 and 'rel="prev"' in second and 'rel="next"' not in second
    assert 'start="21"' in second


def test_similar_claims_are_found_through_the_full_text_index(client, auth, make):
    from factdb.claims.similar import similar_claims

    editor = make.user(Role.EDITOR, email="ed@example.org")
    reviewer = make.user(Role.REVIEWER, email="rev@example.org")
    document = make.document("Senate record")
    twin = make.claim(editor, "The Senate was not consulted before the advisers were deployed.",
                      document=document, relation=Relation.SUPPORTS, quote="not consulted")  # fmt: skip
    make.set_status(twin, reviewer, Status.MOSTLY_TRUE, note="Minutes show it.")
    make.claim(editor, "Exports of timber rose by a third in 2025.")
    session = make.session
    found = similar_claims(session, "the senate wasn't consulted before advisers were deployed")
    assert [(c.id, c.status) for c in found] == [(twin.id, Status.MOSTLY_TRUE)]
    assert similar_claims(session, "timber") == []  # one word says too little
    assert similar_claims(session, "The Senate was not consulted", exclude=twin.id) == []
    auth.login("ed@example.org")
    answer = client.get(
        "/claims/similar.json?text=Senate+was+not+consulted+before+advisers+deployed"
    ).get_json()
    assert answer[0]["id"] == twin.id and answer[0]["status_label"] == "Mostly true"
    assert answer[0]["url"] == f"/claims/{twin.id}"


def test_new_sources_start_not_graded_on_every_path(client, auth, make, session):
    from sqlalchemy import select

    from factdb.access import create_token
    from factdb.audit import run_audit
    from factdb.models import Source

    editor = make.user(Role.EDITOR, email="ed@example.org")
    reviewer = make.user(Role.REVIEWER, email="rev@example.org")
    token = create_token(session, editor, "script").secret
    session.commit()
    auth.login("ed@example.org")
    # The source form, the claim form (a new speaker) and the API.
    auth.post("/sources/new", {"name": "Form Source", "kind": "person"})
    auth.post("/claims/new", {"text": "Exports rose.", "citations-0-document": "Trade bulletin",
                              "citations-0-speaker": "New Speaker", "citations-0-relation": "supports",
                              "save": "Save claim"})  # fmt: skip
    client.post(
        "/api/v1/sources", json={"name": "Api Source"}, headers={"Authorization": f"Bearer {token}"}
    )
    grades = dict(session.execute(select(Source.name, Source.reliability)).all())
    assert grades == {
        "Form Source": Reliability.UNGRADED,
        "New Speaker": Reliability.UNGRADED,
        "Api Source": Reliability.UNGRADED,
    }
    page = client.get(
        f"/sources/{session.scalar(select(Source.id).where(Source.name == 'New Speaker'))}"
    )
    assert "Not graded yet" in page.get_data(as_text=True)
    # A true verdict on an ungraded speaker is not "low reliability"; the grade is asked for instead.
    claim = session.scalar(select(Claim).where(Claim.text == "Exports rose."))
    make.set_status(claim, reviewer, Status.TRUE, note="The bulletin says so.")
    rules = {finding.rule for finding in run_audit(session).findings}
    assert "LOW_RELIABILITY" not in rules and "SOURCE_UNGRADED" in rules


def test_without_javascript_add_citation_carries_the_document_and_keeps_details_open(
    client, auth, make
):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    make.claim(editor, "The Senate was not consulted before the advisers were deployed.")
    auth.login("ed@example.org")
    page = auth.post("/claims/new", {
        "text": "The Senate was not consulted before advisers were deployed",
        "citations-0-document": "Behind the secret trip", "citations-0-relation": "supports",
        "citations-0-new_document_outlet": "The Northern Ledger",
        "citations-0-speaker": "Dana Whitfield", "citations-0-quote": "not consulted",
        "add_citation": "Add another citation",
    }).get_data(as_text=True)  # fmt: skip
    assert (
        'name="citations-1-document" type="text" value="Behind the secret trip"' in page
        or re.search(r'name="citations-1-document"[^>]*value="Behind the secret trip"', page)
    )
    assert re.search(
        r'<select[^>]*name="citations-1-relation"[^>]*>.*?<option selected value="supports"',
        page,
        re.S,
    )
    # The first row's document details were typed in: they stay open, with what was typed.
    assert re.search(
        r'<details class="new-details" open>\s*<summary>Details for a new document', page
    )
    assert 'value="The Northern Ledger"' in page
    # Similar claims are offered on the page itself, without JavaScript.
    assert "Looks like" in page and "#1" in page


def test_citation_cards_have_no_stray_space_before_commas(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    ministry = make.source("Ministry", kind=SourceKind.GOVERNMENT)
    speaker = make.source("Anna Berg", role="spokeswoman", parent_id=ministry.id)
    document = make.document("Statement", container_title="The Ledger", published="2026-03-14")
    claim = make.claim(
        editor, "Spending rose.", document=document, speaker=speaker, quote="it rose"
    )
    auth.login("ed@example.org")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    card = page.split('class="card"', 1)[1].split("</div>", 1)[0]
    text = re.sub(r"<[^>]+>", "", card)
    assert "Anna Berg, spokeswoman (Ministry)" in re.sub(r"\s+", " ", text)
    assert "Statement, The Ledger (2026-03-14)" in re.sub(r"\s+", " ", text)
    assert not re.search(r"\s,", text)


def test_one_date_format_on_the_document_form(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = client.get("/documents/new").get_data(as_text=True)
    assert 'type="date"' not in page  # no browser date picker beside ISO text fields
    assert re.search(
        r'<input[^>]*name="accessed"[^>]*type="text"|<input[^>]*type="text"[^>]*name="accessed"',
        page,
    )
    saved = auth.post(
        "/documents/new",
        {"title": "Report", "doc_type": "report", "accessed": "2026-03-14", "published": "2026"},
    )
    assert saved.status_code == 302
    wrong = auth.post(
        "/documents/new", {"title": "Report 2", "doc_type": "report", "accessed": "14/03/2026"}
    )
    assert wrong.status_code == 422 and 'value="14/03/2026"' in wrong.get_data(as_text=True)


def test_citation_styles_are_named_as_people_know_them(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    claim = make.claim(editor, "Exports rose.", document=make.document("Trade report"))
    auth.login("ed@example.org")
    page = client.get(f"/export?format=claim-report&claim={claim.id}").get_data(as_text=True)
    styles = page.split('id="style"', 1)[1].split("</select>", 1)[0]
    assert ">Chicago (notes and bibliography)</option>" in styles and ">APA 7</option>" in styles
    assert ">chicago-notes<" not in styles


def test_an_altered_quote_is_marked_on_its_own_card(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    document = make.document(
        "Minutes", full_text="The chair said the members were informed in closed session."
    )
    speaker = make.source("Anna Berg")
    claim = make.claim(editor, "Members were told.", document=document, speaker=speaker,
                       quote="the members were briefed in closed session")  # fmt: skip
    auth.login("ed@example.org")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    card = page.split('class="card"', 1)[1].split('id="findings-heading"', 1)[0]
    assert "quote-flag" in card and "Quote differs from its document" in card
    assert (
        '<del title="in the quote">briefed</del>' in card
        and '<ins title="in the document">informed</ins>' in card
    )
    assert "[-" not in page and "{+" not in page
