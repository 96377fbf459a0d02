"""What the page, the API and the command share: one rule each for export and audit selections."""

from __future__ import annotations

import re

from click.testing import CliRunner
from sqlalchemy import select

from factdb.api.spec import openapi
from factdb.audit.scope import audit_scope
from factdb.claims import ClaimFilters
from factdb.cli import main
from factdb.export import FORMATS
from factdb.export.scope import export_scope
from factdb.models import Claim
from factdb.vocab import Role


def _menu(html: str) -> list[str]:
    menu = html[html.index('class="export-menu"') :]
    menu = menu[: menu.index("</select>")]
    return re.findall(r'<option value="([^"]+)"', menu)


def test_the_web_menu_the_api_and_the_command_offer_the_registry_s_formats(client, auth, make):
    editor = make.user(Role.EDITOR, email="jonas@example.org")
    claim = make.claim(editor, "Exports are declared once")
    auth.login("jonas@example.org")
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert _menu(page) == list(FORMATS)
    parameters = openapi()["paths"]["/api/v1/export"]["get"]["parameters"]
    (format_parameter,) = [p for p in parameters if p["name"] == "format"]
    assert format_parameter["schema"]["enum"] == list(FORMATS)
    helped = CliRunner().invoke(main, ["export", "--help"])
    assert all(name in " ".join(helped.output.split()) for name in FORMATS), helped.output


def test_an_export_covers_what_is_named_and_a_filter_matching_nothing_exports_nothing(
    session, make
):
    editor = make.user(Role.EDITOR)
    tagged = make.claim(editor, "Tagged", tags=["budget"])
    other = make.claim(editor, "Other")
    assert export_scope(session).everything
    assert export_scope(session, filters=ClaimFilters(sort="oldest")).everything
    nothing = export_scope(session, filters=ClaimFilters(tag="no-such-tag"))
    assert (nothing.claim_ids, nothing.document_ids) == ([], [])
    both = export_scope(session, claim_ids=[other.id], filters=ClaimFilters(tag="budget"))
    assert (sorted(both.claim_ids or []), both.document_ids) == (sorted([tagged.id, other.id]), [])
    documents = export_scope(session, document_ids=[7])
    assert (documents.claim_ids, documents.document_ids) == ([], [7])


def test_an_audit_scope_is_the_claims_named_with_those_the_filters_match(session, make):
    editor = make.user(Role.EDITOR)
    speaker = make.source("Olga Petrova")
    document = make.document("A report")
    spoken = make.claim(editor, "Spoken", document=document, speaker=speaker, quote="Spoken")
    named = make.claim(editor, "Named")
    make.claim(editor, "Neither")
    assert audit_scope(session).whole
    assert audit_scope(session, filters=ClaimFilters()).whole
    scope = audit_scope(session, claim_ids=[named.id], filters=ClaimFilters(source_id=speaker.id))
    assert scope.claims is not None and scope.document_ids == ()
    assert sorted(session.scalars(select(Claim.id).where(Claim.id.in_(scope.claims)))) == sorted(
        [spoken.id, named.id]
    )
    of_document = audit_scope(session, filters=ClaimFilters(document_id=document.id))
    assert of_document.document_ids == (document.id,)


def test_a_missing_or_forbidden_record_gets_the_same_answer_from_every_page(
    client, auth, make, session
):
    """The domain's NotFound and NotAllowed become a 404 and a 403 in one place, writing nothing."""
    from factdb.team import notes

    make.user(Role.EDITOR, email="jonas@example.org")
    author = make.user(Role.EDITOR, email="li@example.org")
    claim = make.claim(author, "The tunnel opened in 1994")
    note = notes.add_note(session, author, claim.id, "Check the opening date")
    session.commit()
    note_id, version = note.id, note.version
    auth.login("jonas@example.org")
    missing = auth.post("/notes/99999/edit", {"text": "x", "version": "1"})
    assert missing.status_code == 404
    assert "There is no note 99999." in missing.get_data(as_text=True)
    theirs = auth.post(f"/notes/{note_id}/edit", {"text": "Mine now", "version": str(version)})
    assert theirs.status_code == 403 and "Only the note" in theirs.get_data(as_text=True)
    session.rollback()
    assert notes.note_view(session, note_id).text == "Check the opening date"
    assert client.get("/jobs/99999").status_code == 404
    assert client.get("/claims/99999/edit").status_code == 404


def test_the_page_and_the_api_read_list_filters_alike_and_differ_only_on_nonsense():
    import pytest

    from factdb.claims.params import filters_from_args
    from factdb.errors import ValidationFailed

    args = {"q": " bridge ", "status": "false", "tag": "budget", "source": "3", "page": "2",
            "sort": "oldest", "after": "x"}  # fmt: skip
    assert filters_from_args(args) == filters_from_args(args, strict=True)
    assert filters_from_args(args).q == "bridge"
    nonsense = {"status": "maybe", "sort": "sideways", "source": "abc", "page": "²"}
    lenient = filters_from_args(nonsense)
    assert (lenient.status, lenient.sort, lenient.source_id, lenient.page) == (
        "",
        "newest",
        None,
        1,
    )
    assert filters_from_args({"document": str(10**30)}).document_id == 0  # matches nothing
    for name, value in nonsense.items():
        with pytest.raises(ValidationFailed) as refused:
            filters_from_args({name: value}, strict=True)
        assert name in refused.value.fields
