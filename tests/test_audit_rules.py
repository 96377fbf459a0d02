"""Each audit rule: a case that triggers it and a clean case that does not."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from factdb.audit import run_audit
from factdb.audit.duplicates import alike, alike_pairs
from factdb.audit.kept import counts_by_rule
from factdb.audit.rules import is_vague_speaker
from factdb.claims import CitationInput
from factdb.documents import DocumentInput, update_document
from factdb.models import QuoteCheckResult
from factdb.vocab import DocumentType, QuoteType, Relation, Reliability, Role, SourceKind, Status
from tests.factories import Factory

TEXT = "The minister said exports rose by four per cent in 2025, the fastest rise in a decade."


@pytest.fixture
def people(make: Factory):
    return {"editor": make.user(Role.EDITOR), "reviewer": make.user(Role.REVIEWER)}


def rules_for(session, **scope) -> list[str]:
    return [f.rule for f in run_audit(session, **scope).findings]


def cite(document, speaker=None, **fields) -> CitationInput:
    return CitationInput(
        document_id=document.id,
        speaker_id=speaker.id if speaker else None,
        **fields,
    )


def complete_document(make, title="Ministry statement", **fields):
    fields.setdefault("published", "2025-03-01")
    fields.setdefault("url", "https://mfa.example/statement")
    fields.setdefault("full_text", TEXT)
    return make.document(title, **fields)


def test_a_clean_record_has_no_findings(session, make, people):
    ministry = make.source(
        "Ministry of Trade", kind=SourceKind.GOVERNMENT, reliability=Reliability.B
    )
    statement = complete_document(make, authors=[ministry.id])
    agency = make.source("Statistics Office", kind=SourceKind.GOVERNMENT, reliability=Reliability.A)
    data = complete_document(
        make,
        "Trade figures 2025",
        url="https://stats.example/t",
        authors=[agency.id],
    )
    claim = make.claim(
        people["editor"],
        "Exports rose by four per cent in 2025.",
        citations=[
            cite(
                statement,
                ministry,
                relation=Relation.SUPPORTS,
                quote="exports rose by four per cent in 2025",
            ),
            cite(data, agency, relation=Relation.SUPPORTS, quote="the fastest rise in a decade"),
        ],
    )
    make.set_status(
        claim,
        people["reviewer"],
        Status.TRUE,
        note="Both the ministry and the statistics office agree.",
    )
    assert rules_for(session) == []


def test_unsourced(session, make, people):
    claim = make.claim(people["editor"], "It was the first time since 1945.")
    findings = run_audit(session).findings
    assert [(f.rule, f.claim_id) for f in findings] == [("UNSOURCED", claim.id)]
    assert findings[0].severity.value == "error"


def test_verdict_without_evidence_when_no_citation_supports_or_disputes(session, make, people):
    claim = make.claim(people["editor"], document=complete_document(make),
                       relation=Relation.SUPPORTS, quote="the fastest rise in a decade")  # fmt: skip
    claim = make.set_status(claim, people["reviewer"], Status.TRUE, note="ok")
    # Later the supporting citation is re-labelled as a mere assertion.
    citation = claim.citations[0]
    citation.relation = Relation.ASSERTS
    session.commit()
    assert "VERDICT_WITHOUT_EVIDENCE" in rules_for(session)


@pytest.mark.parametrize(
    ("quote", "rule"),
    [
        ("exports rose by four per cent in 2025", None),
        ("exports rose by five per cent in 2025", "QUOTE_ALTERED"),
        ("imports collapsed after the sanctions were imposed last spring", "QUOTE_NOT_FOUND"),
    ],
)
def test_quote_rules(session, make, people, quote, rule):
    document = complete_document(make)
    make.claim(people["editor"], document=document, quote=quote)
    quote_rules = [r for r in rules_for(session) if r.startswith("QUOTE")]
    assert quote_rules == ([rule] if rule else [])


def test_quote_not_found_carries_passage_score_and_diff(session, make, people):
    make.claim(
        people["editor"],
        document=complete_document(make),
        quote="exports fell by ten per cent in 2019 says",
    )
    finding = next(f for f in run_audit(session).findings if f.rule.startswith("QUOTE"))
    assert finding.details["passage"] in TEXT
    assert 0 < finding.details["score"] < 100
    assert finding.details["diff"]


def test_quote_uncheckable_without_stored_text_and_paraphrases_are_skipped(session, make, people):
    document = complete_document(make, full_text="")
    make.claim(people["editor"], document=document, quote="exports rose")
    make.claim(
        people["editor"],
        citations=[cite(document, quote="roughly what was said", quote_type=QuoteType.PARAPHRASE)],
    )
    assert [r for r in rules_for(session) if r.startswith("QUOTE")] == ["QUOTE_UNCHECKABLE"]


def test_quote_checks_are_cached_and_refreshed_when_the_text_changes(session, make, people):
    document = complete_document(make)
    make.claim(people["editor"], document=document, quote="exports rose by four per cent")
    # Saving the claim checked its quote (the kept findings) and stored the check.
    first = run_audit(session)
    session.commit()
    assert (first.quotes_checked, first.quotes_from_cache) == (1, 1)
    assert session.scalar(select(func.count()).select_from(QuoteCheckResult)) == 1
    update_document(
        session,
        people["editor"],
        document.id,
        document.version,
        DocumentInput(
            title=document.title, published="2025", url=document.url, full_text="Exports fell."
        ),
    )
    session.commit()  # checks the quote against the new text, under a new key
    assert session.scalar(select(func.count()).select_from(QuoteCheckResult)) == 2
    third = run_audit(session)
    assert [f.rule for f in third.findings if f.rule.startswith("QUOTE")] == ["QUOTE_NOT_FOUND"]


def test_second_hand_only_until_the_speakers_own_statement_is_cited(session, make, people):
    senator = make.source("Dana Whitfield", kind=SourceKind.PERSON)
    newspaper = complete_document(make, "Ledger report", url="https://ledger.example/r")
    claim = make.claim(
        people["editor"],
        citations=[cite(newspaper, senator, relation=Relation.REPORTS, quote="exports rose")],
    )
    claim = make.set_status(claim, people["reviewer"], Status.IN_REVIEW)
    assert "SECOND_HAND_ONLY" in rules_for(session)
    transcript = complete_document(
        make,
        "Senate transcript",
        url="https://senate.example/t",
        authors=[senator.id],
    )
    from factdb.claims import ClaimInput, save_claim

    current = claim
    save_claim(
        session,
        people["editor"],
        ClaimInput(
            text=current.text,
            citations=[
                CitationInput(id=c.id, version=c.version, document_id=c.document_id, speaker_id=senator.id,
                              relation=c.relation, quote=c.quote)
                for c in current.citations
            ]
            + [cite(transcript, senator, quote="exports rose")],
        ),
        claim_id=claim.id,
        expected_version=claim.version,
    )  # fmt: skip
    session.commit()
    assert "SECOND_HAND_ONLY" not in rules_for(session)


def test_second_hand_only_once_the_claim_is_reviewed_not_while_it_waits(session, make, people):
    """Every quote recorded from a news article is reported words: flagged only once someone
    reviews the claim, when finding the speaker's own words is the work to do."""
    senator = make.source("Dana Whitfield", kind=SourceKind.PERSON)
    newspaper = complete_document(make, "Ledger report", url="https://ledger.example/r")
    figures = complete_document(make, "Trade figures", url="https://stats.example/t")
    claim = make.claim(
        people["editor"],
        citations=[
            cite(newspaper, senator, relation=Relation.REPORTS, quote="exports rose"),
            cite(figures, relation=Relation.SUPPORTS, quote="exports rose by four per cent"),
        ],
    )
    assert "SECOND_HAND_ONLY" not in rules_for(session)
    assert "SECOND_HAND_ONLY" not in counts_by_rule(session)
    claim = make.set_status(claim, people["reviewer"], Status.IN_REVIEW)
    assert "SECOND_HAND_ONLY" in rules_for(session)
    assert counts_by_rule(session)["SECOND_HAND_ONLY"] == 1  # kept as the review starts
    supports = [c.id for c in claim.citations if c.relation is Relation.SUPPORTS]
    claim = make.set_status(claim, people["reviewer"], Status.TRUE, "Figures agree.", supports)
    assert counts_by_rule(session)["SECOND_HAND_ONLY"] == 1  # a verdict on reported words
    make.set_status(claim, people["reviewer"], Status.RETRACTED, note="Withdrawn.")
    assert "SECOND_HAND_ONLY" not in rules_for(session)
    assert "SECOND_HAND_ONLY" not in counts_by_rule(session)


def test_words_issued_by_the_speakers_organisation_are_first_hand(session, make, people):
    ministry = make.source("Ministry of Trade", kind=SourceKind.GOVERNMENT)
    spokesperson = make.source("Anna Berg", kind=SourceKind.PERSON, parent_id=ministry.id)
    statement = complete_document(make, authors=[ministry.id])
    make.claim(people["editor"], citations=[cite(statement, spokesperson, quote="exports rose")])
    assert "SECOND_HAND_ONLY" not in rules_for(session)


@pytest.mark.parametrize(
    ("name", "vague"),
    [
        ("Officials", True),
        ("a statement", True),
        ("sources said", True),
        ("Experts say", True),
        ("senior government officials", True),
        ("people familiar with the matter", True),
        ("Dana Whitfield", False),
        ("Official Monetary and Financial Institutions Forum", False),
        ("Ministry of Foreign Affairs", False),
    ],
)
def test_vague_speaker_names(name, vague):
    assert is_vague_speaker(name) is vague


def test_vague_attribution(session, make, people):
    officials = make.source("Officials", kind=SourceKind.OTHER)
    make.claim(
        people["editor"], document=complete_document(make), speaker=officials, quote="exports rose"
    )
    assert "VAGUE_ATTRIBUTION" in rules_for(session)


def test_single_source_counts_one_outlet_or_one_parent_once(session, make, people):
    government = make.source("Government", kind=SourceKind.GOVERNMENT, reliability=Reliability.B)
    ministry = make.source(
        "Ministry", kind=SourceKind.GOVERNMENT, parent_id=government.id, reliability=Reliability.B
    )
    office = make.source(
        "Office", kind=SourceKind.GOVERNMENT, parent_id=government.id, reliability=Reliability.B
    )
    a = complete_document(make, "A", url="https://a.example/", authors=[ministry.id])
    b = complete_document(make, "B", url="https://b.example/", authors=[office.id])
    claim = make.claim(
        people["editor"],
        citations=[
            cite(a, ministry, relation=Relation.SUPPORTS, quote="exports rose"),
            cite(b, office, relation=Relation.SUPPORTS, quote="exports rose"),
        ],
    )
    make.set_status(claim, people["reviewer"], Status.TRUE, note="ok")
    assert "SINGLE_SOURCE" in rules_for(session)


def test_low_reliability(session, make, people):
    blog = make.source("Anonymous Blog", kind=SourceKind.MEDIA, reliability=Reliability.E)
    document = complete_document(make, authors=[blog.id])
    claim = make.claim(
        people["editor"],
        document=document,
        speaker=blog,
        relation=Relation.SUPPORTS,
        quote="exports rose",
    )
    make.set_status(claim, people["reviewer"], Status.MOSTLY_TRUE, note="ok")
    assert "LOW_RELIABILITY" in rules_for(session)


def test_self_review(session, make, people):
    from factdb.claims import get_claim
    from factdb.review import ReviewPolicy, change_status

    claim = make.claim(people["reviewer"], document=complete_document(make),
                       relation=Relation.DISPUTES, quote="the fastest rise in a decade")  # fmt: skip
    claim = get_claim(session, claim.id)
    change_status(
        session,
        people["reviewer"],
        claim.id,
        to_status=Status.FALSE,
        note="Solo newsroom.",
        evidence_ids=[claim.citations[0].id],
        expected_version=claim.version,
        policy=ReviewPolicy(allow_self_review=True),
    )
    session.commit()
    assert "SELF_REVIEW" in rules_for(session)


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"published": "", "url": "https://x.example"}, 'a publication date (or "undated")'),
        ({"published": "", "undated": True, "url": "https://x.example"}, None),
        ({"url": "", "publisher": ""}, "a URL or a publisher"),
        ({"doc_type": DocumentType.WEB_PAGE}, "an access date"),
        ({"doc_type": DocumentType.WEB_PAGE, "accessed": date(2025, 1, 1)}, None),
    ],
)
def test_citation_incomplete(session, make, fields, missing):
    complete_document(make, **fields)
    findings = [f for f in run_audit(session).findings if f.rule == "CITATION_INCOMPLETE"]
    if missing is None:
        assert findings == []
    else:
        assert missing in findings[0].details["missing"]


def test_likely_duplicate(session, make, people):
    a = make.claim(
        people["editor"], "Kestria's airspace was violated more than 200 times since January."
    )
    b = make.claim(
        people["editor"], "Kestria’s airspace was violated more than 200 times since January!"
    )
    make.claim(people["editor"], "The president travelled with 14 ministers.")
    findings = [f for f in run_audit(session).findings if f.rule == "LIKELY_DUPLICATE"]
    # Found once, on the later claim, naming the earlier one.
    assert [(f.claim_id, f.details["other_claim_id"]) for f in findings] == [(b.id, a.id)]


def test_a_group_of_near_identical_claims_gives_one_finding_per_later_claim(session, make, people):
    """64 near-identical claims: 63 findings (each naming its nearest earlier claim), not 2,016."""
    from factdb.audit.kept import counts_by_rule
    from factdb.audit.rebuild import rebuild
    from factdb.models import AuditFinding

    claims = [
        make.claim(
            people["editor"], f"Kestria's airspace was violated {200 + n} times since January."
        )
        for n in range(64)
    ]
    findings = [f for f in run_audit(session).findings if f.rule == "LIKELY_DUPLICATE"]
    assert len(findings) == 63
    assert {f.claim_id for f in findings} == {claim.id for claim in claims[1:]}
    assert all(f.details["other_claim_id"] < f.claim_id for f in findings)
    assert counts_by_rule(session)["LIKELY_DUPLICATE"] == 63
    kept = sorted(session.execute(select(AuditFinding.claim_id, AuditFinding.other_claim_id,
                                         AuditFinding.message).where(AuditFinding.rule == "LIKELY_DUPLICATE")))  # fmt: skip
    assert kept == sorted((f.claim_id, f.details["other_claim_id"], f.message) for f in findings)
    rebuild(session)
    assert counts_by_rule(session)["LIKELY_DUPLICATE"] == 63


def test_scoped_audit_only_covers_the_selection(session, make, people):
    a = make.claim(people["editor"], "One")
    make.claim(people["editor"], "Two")
    assert [f.claim_id for f in run_audit(session, claim_ids=[a.id]).findings] == [a.id]


def test_unknown_rule_is_refused(session):
    with pytest.raises(ValueError, match="Unknown audit rule"):
        run_audit(session, rules=["NOPE"])


def test_demo_data_audit_finds_what_it_should(session, make):
    from factdb.demo import load_demo

    load_demo(session)
    session.commit()
    rules = set(rules_for(session))
    assert {"UNSOURCED", "QUOTE_ALTERED", "SECOND_HAND_ONLY", "VAGUE_ATTRIBUTION"} <= rules


def test_cli_audit_exit_codes_and_json(app, make, people, monkeypatch, database_url):
    from factdb.cli import main

    make.claim(people["editor"], "No source at all")
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    runner = CliRunner()
    failing = runner.invoke(main, ["audit", "--format", "json"])
    assert failing.exit_code == 1
    payload = json.loads(failing.stdout)
    assert payload[0]["rule"] == "UNSOURCED"
    assert set(payload[0]) >= {
        "rule",
        "severity",
        "claim_id",
        "citation_id",
        "document_id",
        "message",
    }
    assert runner.invoke(main, ["audit", "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(main, ["audit", "--rule", "SELF_REVIEW"]).exit_code == 0
    csv_out = runner.invoke(main, ["audit", "--format", "csv", "--fail-on", "never"]).stdout
    assert (
        csv_out.splitlines()[0]
        == "rule,severity,claim_id,citation_id,document_id,source_id,message,why"
    )
    bad = runner.invoke(main, ["audit", "--rule", "NOPE"])
    assert bad.exit_code == 2 and "the rules are" in bad.output


def test_audit_page_and_findings_on_records(client, auth, make, people):
    officials = make.source("Officials", kind=SourceKind.OTHER)
    document = complete_document(make)
    claim = make.claim(
        people["editor"],
        document=document,
        speaker=officials,
        quote="exports rose by five per cent",
    )
    auth.login(people["editor"].email)
    page = client.get("/audit/").get_data(as_text=True)
    assert "Findings by rule" in page and "<svg" in page and "Claims by status" in page
    assert "QUOTE_ALTERED" in page and f"/claims/{claim.id}#citation-" in page
    filtered = client.get("/audit/?rule=VAGUE_ATTRIBUTION").get_data(as_text=True)
    assert "an unnamed or generic speaker" in filtered and "differs from “" not in filtered
    assert "an unnamed or generic speaker" in client.get(f"/claims/{claim.id}").get_data(
        as_text=True
    )
    assert "differs from “" in client.get(f"/documents/{document.id}").get_data(as_text=True)
    context = client.get(f"/audit/citations/{claim.citations[0].id}").get_data(as_text=True)
    assert '<mark id="match">' in context and '<del title="in the quote">five</del>' in context
    assert "[-" not in context and "{+" not in context  # the diff is drawn, never shown as markup


@pytest.mark.parametrize("size", [12, 300])  # pair by pair, and scored as a matrix in blocks
def test_a_group_sharing_a_key_gives_the_pairs_alike_scores_once_each(size):
    words = ["harbour", "budget", "minister", "reopen", "March", "percent", "repairs"]
    members = [
        (claim_id, " ".join(["the", "harbour", "will", "reopen", "in", words[claim_id % 7]]))
        for claim_id in range(1, size + 1)
    ]
    expected = [
        (first_id, second_id, alike(first, second))
        for index, (first_id, first) in enumerate(members)
        for second_id, second in members[index + 1 :]
        if alike(first, second) is not None
    ]
    assert expected  # texts differing in the last word only are alike; others are not
    assert sorted(alike_pairs(members)) == sorted(expected)
