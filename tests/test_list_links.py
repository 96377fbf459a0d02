"""A list's row links, built without url_for, are the URLs url_for builds; badges and speaker
links read as before."""

from __future__ import annotations

import pytest
from flask import url_for

from factdb.claims.filters import ClaimFilters
from factdb.vocab import Relation, Role, SourceKind, Status
from factdb.web.filters import claims_list_url, source_link, status_badge


@pytest.mark.parametrize(
    "filters",
    [
        ClaimFilters(),
        ClaimFilters(q='ferry "fares" -bus OR brid*', status="in_review", sort="updated", page=3),
        ClaimFilters(tag="rail & sea", source_id=7, document_id=9),
        ClaimFilters(q="Zürich 50% a/b?c=d#e", tag="été+hiver"),
    ],
)
@pytest.mark.parametrize("tag", ["budget", "transport & ports", "ünï cødé/100%"])
def test_a_tag_link_is_the_url_url_for_builds(app, filters, tag):
    query = filters.as_query(tag=tag, page="")
    with app.test_request_context("/"):
        assert claims_list_url(query) == url_for("claims.index", **query)
    with app.test_request_context("/", base_url="http://example.org/factdb"):
        assert claims_list_url(query) == url_for("claims.index", **query)
        assert claims_list_url({}) == url_for("claims.index")


def test_badges_and_speaker_links_are_escaped_and_labelled(app):
    class Speaker:
        id = 12
        name = 'Anna <b>"Berg"</b> & Co'

    with app.test_request_context("/"):
        assert str(status_badge(Status.MOSTLY_FALSE)) == (
            f'<span class="badge tone-bad">{Status.MOSTLY_FALSE.label}</span>'
        )
        assert str(source_link(Speaker())) == (
            '<a href="/sources/12" dir="auto">Anna &lt;b&gt;&#34;Berg&#34;&lt;/b&gt; &amp; Co</a>'
        )


def test_the_list_shows_badges_tags_and_speakers(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    speaker = make.source("Anna & Berg", kind=SourceKind.PERSON)
    document = make.document("Statement", url="https://x.example", full_text="fares rose")
    make.claim(
        editor,
        "Ferry fares rose",
        document=document,
        speaker=speaker,
        relation=Relation.SUPPORTS,
        quote="fares rose",
        tags=["ports & sea"],
    )
    auth.login("ed@example.org")
    html = client.get("/?q=fares").get_data(as_text=True)
    assert f'<span class="badge tone-neutral">{Status.UNVERIFIED.label}</span>' in html
    assert f'<a href="/sources/{speaker.id}" dir="auto">Anna &amp; Berg</a>' in html
    assert 'class="tag" href="/?q=fares&amp;tag=ports+%26+sea">ports &amp; sea</a>' in html
