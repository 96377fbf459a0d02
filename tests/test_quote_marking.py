"""A paraphrase is never shown in quotation marks, and user text is laid out in its own
direction (right-to-left claims, quotes and titles opened at the left before)."""

from __future__ import annotations

import re

import pytest

from factdb.claims import CitationInput
from factdb.vocab import QuoteType, Relation, Role

_WORDS = "the harbour fees would have doubled by spring"
_RTL = "قال الوزير إن الرسوم تضاعفت"


@pytest.fixture
def recorded(make, auth):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    document = make.document("نشرة الميناء")
    speaker = make.source("Orla Demmet")
    claim = make.claim(
        editor,
        _RTL,
        citations=[
            CitationInput(
                document_id=document.id,
                speaker_id=speaker.id,
                relation=Relation.ASSERTS,
                quote=_WORDS,
                quote_type=QuoteType.PARAPHRASE,
            )
        ],
    )
    auth.login("ed@example.org")
    return claim, document


@pytest.mark.parametrize("page", ["document", "claim", "in-context"])
def test_a_paraphrase_is_marked_and_never_in_quotation_marks(client, recorded, page):
    claim, document = recorded
    url = {
        "document": f"/documents/{document.id}",
        "claim": f"/claims/{claim.id}",
        "in-context": f"/audit/citations/{claim.citations[0].id}",
    }[page]
    html = client.get(url).get_data(as_text=True)
    assert _WORDS in html
    assert f"\u201c{_WORDS}" not in html
    assert re.search(re.escape(_WORDS) + r"(</span>)?\s*<small>\(paraphrase\)</small>", html)


@pytest.mark.parametrize("page", ["document", "claim", "claims"])
def test_user_text_carries_its_own_direction(client, recorded, page):
    claim, document = recorded
    url = {
        "document": f"/documents/{document.id}",
        "claim": f"/claims/{claim.id}",
        "claims": "/",
    }[page]
    html = client.get(url).get_data(as_text=True)
    for text in (_RTL, "نشرة الميناء") if page != "claims" else (_RTL,):
        assert re.search(r'dir="auto"[^>]*>[^<]*' + re.escape(text), html), text


def test_text_inputs_take_the_direction_of_what_is_typed(client, recorded):
    claim, _ = recorded
    html = client.get(f"/claims/{claim.id}/edit").get_data(as_text=True)
    textareas = re.findall(r"<textarea[^>]*>", html)
    assert textareas and all('dir="auto"' in tag for tag in textareas)
