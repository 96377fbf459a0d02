"""One declaration of a citation's fields; documents and speakers named by id on every path."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from factdb.api.bodies import CITATION_BODY
from factdb.claims import CitationInput, ClaimInput, save_claim
from factdb.declarations.citation import CITATION
from factdb.errors import ValidationFailed
from factdb.models import Citation, Claim, Document, Source
from factdb.vocab import Role
from tests.test_api import tokens  # noqa: F401  (fixture)
from tests.test_intake import ARTICLE, _form_defaults


def _row(**fields) -> dict[str, str]:
    form = {"text": "Exports fell 4% in 2025.", "save": "Save claim",
            "citations-0-relation": "asserts", "citations-0-quote_type": "direct"}  # fmt: skip
    return form | {f"citations-0-{name}": value for name, value in fields.items()}


def _count(session, model) -> int:
    session.rollback()
    return session.scalar(select(func.count(model.id))) or 0


def test_columns_and_request_schema_are_the_declarations():
    assert Citation.__table__.c.locator.type.length == CITATION["locator"].max_length == 100
    assert Citation.__table__.c.speaker_role.type.length == 300
    assert CITATION_BODY["properties"]["locator"]["maxLength"] == 100
    assert CITATION_BODY["properties"]["quote"]["maxLength"] == 20_000


def test_a_length_limit_is_refused_with_one_message_on_form_api_and_domain(
    client,
    auth,
    make,
    session,
    tokens,  # noqa: F811
):
    message = "Keep the locator under 100 characters."
    editor = make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("Ministry statement")
    auth.login("ed@example.org")
    refused = auth.post(
        "/claims/new",
        _row(document="Ministry statement", document_id=str(document.id), locator="p" * 101),
    )
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True).split('name="citations-0-locator"', 1)[1]

    response = client.post(
        "/api/v1/claims",
        json={"text": "x", "citations": [{"document": document.id, "locator": "p" * 101}]},
        headers=tokens["editor"],
    )
    assert (response.status_code, response.json["fields"]) == (
        422,
        {"citations[0].locator": message},
    )
    with pytest.raises(ValidationFailed) as domain:
        save_claim(
            session,
            editor,
            ClaimInput(
                text="x", citations=[CitationInput(document_id=document.id, locator="p" * 101)]
            ),
        )
    assert domain.value.fields == {"citations-0-locator": message}
    assert _count(session, Claim) == 0


def test_the_form_sends_the_picked_document_by_id_not_by_its_title(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    make.document("Annual report", container_title="Ledger", published="2024")
    second = make.document("Annual report", container_title="Gazette", published="2025")
    auth.login("ed@example.org")
    saved = auth.post(
        "/claims/new",
        _row(document="Annual report (Gazette, 2025)", document_id=str(second.id)),
    )
    assert saved.status_code == 302
    session.rollback()
    assert session.scalar(select(Citation.document_id)) == second.id


def test_without_javascript_an_ambiguous_title_is_refused_and_kept(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    make.document("Annual report")
    make.document("Annual report")
    auth.login("ed@example.org")
    refused = auth.post("/claims/new", _row(document="Annual report"))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "2 documents are called that; pick one of the suggestions." in page
    assert 'value="Annual report"' in page
    assert _count(session, Claim) == 0 and _count(session, Document) == 2


def test_without_javascript_a_known_title_is_that_document_and_a_new_one_is_created(
    auth, make, session
):
    make.user(Role.EDITOR, email="ed@example.org")
    known = make.document("Annual report")
    speaker = make.source("Anna Berg")
    auth.login("ed@example.org")
    assert (
        auth.post("/claims/new", _row(document="Annual report", speaker="anna  berg")).status_code
        == 302
    )
    again = _row(document="A new memo") | {"again": "1"}  # the same words, meant as a second claim
    assert auth.post("/claims/new", again).status_code == 302
    session.rollback()
    cited = session.scalars(select(Citation).order_by(Citation.id)).all()
    assert (cited[0].document_id, cited[0].speaker_id) == (known.id, speaker.id)
    assert cited[1].document_id != known.id and _count(session, Document) == 2


def test_a_missing_document_or_speaker_id_is_refused_on_every_path(
    client,
    auth,
    make,
    session,
    tokens,  # noqa: F811
):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("Ministry statement")
    claim = make.claim(editor, document=document)
    auth.login("ed@example.org")
    # The form: an id picked from the suggestions, deleted since; nothing is created in its place.
    refused = auth.post("/claims/new", _row(document="Old memo", document_id="99999"))
    assert refused.status_code == 422
    assert "There is no document 99999 any more" in refused.get_data(as_text=True)
    # The API, for a new claim, an added citation and a document's authors.
    for url, body, field, message in [
        ("/api/v1/claims", {"text": "x", "citations": [{"document": 99999}]},
         "citations[0].document", "There is no document 99999."),
        ("/api/v1/claims", {"text": "x", "citations": [{"document": document.id, "speaker": 99999}]},
         "citations[0].speaker", "There is no source 99999."),
        (f"/api/v1/claims/{claim.id}/citations", {"document": 99999},
         "document", "There is no document 99999."),
        ("/api/v1/documents", {"title": "Minutes", "authors": [99999]},
         "authors", "There is no source 99999."),
    ]:  # fmt: skip
        response = client.post(url, json=body, headers=tokens["editor"])
        assert (response.status_code, response.json["fields"]) == (422, {field: message}), url
    # The domain, which the intake, capture and the command line call with ids.
    with pytest.raises(ValidationFailed) as domain:
        save_claim(
            session, editor, ClaimInput(text="x", citations=[CitationInput(document_id=2**31)])
        )
    assert domain.value.fields == {"citations-0-document": f"There is no document {2**31}."}
    assert _count(session, Claim) == 1 and _count(session, Document) == 1
    assert _count(session, Source) == 0


def test_the_intake_refuses_a_missing_claim_to_add_a_quote_to(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    review = auth.post("/intake/", {"title": "Behind the trip", "url": "https://ledger.example/trip",
                                    "doc_type": "news_article", "text": ARTICLE})  # fmt: skip
    form = _form_defaults(review.get_data(as_text=True))
    index = next(int(k.split("-")[1]) for k in form if k.startswith("accept-"))
    refused = auth.post("/intake/confirm", {**form, f"merge-{index}": "99999"})
    assert refused.status_code == 422
    assert "There is no claim 99999." in refused.get_data(as_text=True)
    assert _count(session, Document) == 0


def test_the_edit_form_names_each_citations_document_and_speaker_beside_their_ids(
    client, auth, make
):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("Ministry statement")
    speaker = make.source("Anna Berg")
    claim = make.claim(editor, document=document, speaker=speaker)
    auth.login("ed@example.org")
    page = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    assert f'name="citations-0-document_id" type="hidden" value="{document.id}"' in page
    assert f'name="citations-0-speaker_id" type="hidden" value="{speaker.id}"' in page
    assert 'value="Ministry statement"' in page and 'value="Anna Berg"' in page
    assert "[#" not in page
