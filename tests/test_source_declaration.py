"""One declaration of a source's fields: every entry point keeps the same rules."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from factdb import transfer
from factdb.api.bodies import SOURCE_BODY
from factdb.declarations.base import TEXT, URL
from factdb.declarations.source import SOURCE
from factdb.errors import ValidationFailed
from factdb.history import changes_for
from factdb.importer import import_references
from factdb.models import Source
from factdb.sources import SourceInput, create_source
from factdb.vocab import Role, SourceKind
from tests.test_api import tokens  # noqa: F401  (fixture)

LIMITED = [spec for spec in SOURCE.fields if spec.max_length and spec.kind in (TEXT, URL)]
CHOICES = ", ".join(kind.value for kind in SourceKind)


def _too_long(spec) -> str:
    if spec.kind == URL:
        return "https://x.example/" + "a" * spec.max_length
    return "x" * (spec.max_length + 1)


@pytest.mark.parametrize("spec", LIMITED, ids=lambda spec: spec.name)
def test_every_length_limit_is_refused_naming_its_field(session, spec):
    values = {"name": "Long", spec.name: _too_long(spec)}
    with pytest.raises(ValidationFailed) as refused:
        create_source(session, None, SourceInput(**values))
    assert refused.value.fields == {spec.name: spec.too_long_message()}


@pytest.mark.parametrize("spec", LIMITED, ids=lambda spec: spec.name)
def test_columns_hold_what_the_declaration_allows(spec):
    assert Source.__table__.c[spec.name].type.length == spec.max_length


def test_the_request_schema_is_the_declarations(client):
    assert SOURCE_BODY["properties"]["role"]["maxLength"] == 300
    assert SOURCE_BODY["properties"]["kind"]["enum"] == [kind.value for kind in SourceKind]
    served = client.get("/api/v1/openapi.json").json
    assert "Source" in served["components"]["schemas"]
    assert served["components"]["schemas"]["Source"]["properties"]["name"]["maxLength"] == 300


def _form(auth, **fields):
    values = {"name": "Dana Whitfield", "kind": "person", "reliability": "B", **fields}
    return auth.post("/sources/new", values)


def test_a_length_limit_is_refused_with_one_message_on_form_api_and_import(
    client,
    auth,
    make,
    session,
    tokens,  # noqa: F811
):
    message = "Keep the name under 300 characters."
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = _form(auth, name="n" * 301)
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True).split('name="name"', 1)[1]

    response = client.post("/api/v1/sources", json={"name": "n" * 301}, headers=tokens["editor"])
    assert (response.status_code, response.json["fields"]) == (422, {"name": message})

    # An imported reference's author becomes a source: the same rule, the same words.
    entry = "@article{a, title={A report}, author={" + "n" * 301 + "}, year={2024}}"
    with pytest.raises(ValidationFailed) as imported:
        import_references(session, None, entry.encode(), format_name="bibtex")
    assert f"line 1 (a): {message}" in str(imported.value)
    assert session.scalar(select(func.count(Source.id))) == 0


def test_a_choice_is_refused_with_one_message_on_form_and_api(client, auth, make, tokens):  # noqa: F811
    message = f"Choose one of: {CHOICES}."
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = _form(auth, kind="alien")
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True).split('name="kind"', 1)[1]
    response = client.post(
        "/api/v1/sources", json={"name": "Dana", "kind": "alien"}, headers=tokens["editor"]
    )
    assert (response.status_code, response.json["fields"]) == (422, {"kind": message})


def test_a_parent_is_taken_by_the_id_a_picked_suggestion_left(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    first = make.source("Senate", kind=SourceKind.GOVERNMENT, role="of Norvania")
    make.source("Senate", kind=SourceKind.GOVERNMENT, role="of Kestria")
    auth.login("ed@example.org")
    saved = _form(auth, parent="Senate (of Norvania)", parent_id=str(first.id))
    assert saved.status_code == 302
    assert (
        session.scalar(select(Source).where(Source.name == "Dana Whitfield")).parent_id == first.id
    )


def test_without_javascript_a_parent_is_found_by_its_exact_name(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    senate = make.source("Senate of Norvania", kind=SourceKind.GOVERNMENT)
    auth.login("ed@example.org")
    assert _form(auth, parent="senate of  norvania").status_code == 302
    assert (
        session.scalar(select(Source).where(Source.name == "Dana Whitfield")).parent_id == senate.id
    )


def test_an_ambiguous_parent_name_is_refused_and_kept(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    make.source("Senate", kind=SourceKind.GOVERNMENT)
    make.source("Senate", kind=SourceKind.GOVERNMENT)
    auth.login("ed@example.org")
    refused = _form(auth, parent="Senate")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    after_parent = page.split('name="parent"', 1)[1]
    assert 'value="Senate"' in after_parent.split(">", 1)[0]
    assert "2 sources are called that; pick one of the suggestions." in after_parent
    assert session.scalar(select(func.count(Source.id))) == 2


def test_a_changed_parent_name_wins_over_the_id_left_from_before(auth, make, session):
    """Without JavaScript the hidden id stays as the page was opened: the typed name decides."""
    make.user(Role.EDITOR, email="ed@example.org")
    old = make.source("Old Ministry", kind=SourceKind.GOVERNMENT)
    new = make.source("New Ministry", kind=SourceKind.GOVERNMENT)
    auth.login("ed@example.org")
    assert _form(auth, parent="New Ministry", parent_id=str(old.id)).status_code == 302
    assert session.scalar(select(Source).where(Source.name == "Dana Whitfield")).parent_id == new.id


def test_a_missing_parent_id_is_refused_on_every_path(client, auth, make, session, tokens):  # noqa: F811
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    # A form whose hidden id names a source deleted since it was picked.
    refused = _form(auth, parent="Gone Ministry", parent_id="99999")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "There is no source 99999 any more; pick one from the suggestions." in page
    assert 'value="Gone Ministry"' in page

    response = client.post(
        "/api/v1/sources", json={"name": "Dana", "parent_id": 99999}, headers=tokens["editor"]
    )
    assert (response.status_code, response.json["fields"]) == (
        422,
        {"parent_id": "There is no source 99999."},
    )
    response = client.post(
        "/api/v1/sources", json={"name": "Dana", "parent_id": "Senate"}, headers=tokens["editor"]
    )
    assert response.json["fields"] == {"parent_id": "Expected a source id."}

    with pytest.raises(ValidationFailed) as domain:
        create_source(session, None, SourceInput(name="Dana", parent_id=2**31))
    assert domain.value.fields == {"parent_id": f"There is no source {2**31}."}
    assert session.scalar(select(func.count(Source.id))) == 0


def test_the_edit_form_shows_the_parent_by_name_with_its_id_beside_it(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    ministry = make.source("Ministry of Defence", kind=SourceKind.GOVERNMENT)
    child = make.source("Anna Berg", parent_id=ministry.id)
    auth.login("ed@example.org")
    page = client.get(f"/sources/{child.id}/edit").get_data(as_text=True)
    assert 'value="Ministry of Defence"' in page
    assert f'name="parent_id" type="hidden" value="{ministry.id}"' in page


def test_history_names_each_changed_field_as_declared(auth, make, session):
    make.user(Role.EDITOR, email="ed@example.org")
    source = make.source("Anna Berg", role="spokeswoman")
    auth.login("ed@example.org")
    saved = auth.post(
        f"/sources/{source.id}/edit",
        {"version": str(source.version), "name": "Anna Berg", "kind": "person",
         "reliability": "U", "role": "press officer"},
    )  # fmt: skip
    assert saved.status_code == 302
    assert changes_for(session, "source", source.id)[-1].fields == {
        "role": ["spokeswoman", "press officer"]
    }
    page = auth.client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "role" in page and "press officer" in page


def test_the_declared_details_show_on_the_form_and_the_page(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    form = client.get("/sources/new").get_data(as_text=True)
    for spec in SOURCE.details:
        assert f'name="{spec.name}"' in form
    saved = _form(auth, homepage="https://senate.example/whitfield")
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert '<a href="https://senate.example/whitfield" rel="noopener noreferrer nofollow">' in page


def test_a_field_added_in_the_declaration_reaches_form_page_api_history_and_dump(
    client,
    auth,
    make,
    session,
    tokens,  # noqa: F811
):
    """`wikidata` was added with a line in the declaration and a migration, nothing else."""
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    message = "Give a Wikidata item id such as Q42."
    refused = _form(auth, wikidata="42")
    assert refused.status_code == 422
    assert message in refused.get_data(as_text=True).split('name="wikidata"', 1)[1]
    response = client.post(
        "/api/v1/sources", json={"name": "Dana", "wikidata": "Douglas"}, headers=tokens["editor"]
    )
    assert (response.status_code, response.json["fields"]) == (422, {"wikidata": message})

    saved = _form(auth, wikidata="Q42")
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert '<a href="https://www.wikidata.org/wiki/Q42"' in page
    source = session.scalar(select(Source).where(Source.name == "Dana Whitfield"))
    served = client.get(f"/api/v1/sources/{source.id}", headers=tokens["editor"]).json["data"]
    assert served["wikidata"] == "Q42"
    assert SOURCE_BODY["properties"]["wikidata"]["maxLength"] == 20

    changed = client.patch(
        f"/api/v1/sources/{source.id}",
        json={"version": served["version"], "wikidata": "Q7"},
        headers=tokens["editor"],
    )
    assert changed.status_code == 200
    session.rollback()  # read what the request wrote, not this session's earlier snapshot
    assert changes_for(session, "source", source.id)[-1].fields == {"wikidata": ["Q42", "Q7"]}
    history = client.get(f"/sources/{source.id}").get_data(as_text=True)
    assert "Wikidata item" in history

    dump = io.StringIO()
    transfer.dump(session, dump)
    assert '"wikidata": "Q7"' in dump.getvalue()
