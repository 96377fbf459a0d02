"""The capture and cite forms hold each field to its declaration, and never cut a selection."""

from __future__ import annotations

from urllib.parse import quote_plus

import pytest

from factdb.declarations.citation import CITATION
from factdb.declarations.document import DOCUMENT
from factdb.declarations.source import SOURCE
from factdb.vocab import Role

LONG_SELECTION = "The harbour dues rose by a tenth. " * 360  # some 12,000 characters


@pytest.mark.parametrize(
    ("name", "declared"),
    [("quote", CITATION["quote"]), ("speaker", SOURCE["name"]), ("locator", CITATION["locator"])],
)
def test_the_cite_form_takes_each_declared_limit(app, name, declared):
    from factdb.web.capture import CiteForm

    for length, errors in ((declared.max_length, []), (declared.max_length + 1, ["refused"])):
        with app.test_request_context(method="POST", data={name: "x" * length}):
            form = CiteForm(meta={"csrf": False})
            getattr(form, name).validate(form)
            told = getattr(form, name).errors
            assert (["refused"] if told else []) == errors, (name, length)
            assert all(f"{declared.max_length:,}" in message for message in told)


def test_the_capture_form_takes_the_declared_address_limit(app):
    from factdb.web.capture import CaptureForm

    url = "https://news.example/" + "a" * (DOCUMENT["url"].max_length + 1)
    with app.test_request_context(method="POST", data={"url": url}):
        form = CaptureForm(meta={"csrf": False})
        form.url.validate(form)
        assert any(f"{DOCUMENT['url'].max_length:,}" in message for message in form.url.errors)


def test_a_long_selection_reaches_the_cite_form_whole(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("Known page", url="https://news.example/known")
    make.commit()
    auth.login("ed@example.org")
    landed = client.get(
        f"/documents/clip?url=https://news.example/known&quote={quote_plus(LONG_SELECTION)}"
    )
    assert quote_plus(LONG_SELECTION.strip()) in landed.headers["Location"].replace("%20", "+")
    form = client.get(f"/documents/{document.id}/cite?quote={quote_plus(LONG_SELECTION)}")
    assert LONG_SELECTION.strip() in form.get_data(as_text=True)
