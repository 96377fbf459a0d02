"""A claims list page past the end links to the last page; a list search that finds nothing
links to the search of everything (the list box reads no speakers' names)."""

from __future__ import annotations

from factdb.vocab import Role


def test_a_page_past_the_end_links_to_the_last_page(app, client, auth, make):
    app.config["PAGE_SIZE"] = 2
    editor = make.user(Role.EDITOR, email="ed@example.org")
    for number in range(5):
        make.claim(editor, f"Ferry fares rose by {number} per cent in Keswater")
    make.user(Role.VIEWER, email="reader@example.org")
    auth.login("reader@example.org")
    html = client.get("/?page=999").get_data(as_text=True)
    assert "Page 999 is past the end of this list, which has 3 pages:" in html
    assert 'href="/?page=3">last page (3)</a>' in html


def test_a_list_search_that_finds_nothing_links_to_the_search_of_everything(client, auth, make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    make.claim(editor, "Ferry fares rose by nine per cent in Keswater")
    auth.login("ed@example.org")
    html = client.get("/?q=Penhale").get_data(as_text=True)
    assert "Search claims and quotes (not speakers' names)" in html
    assert 'href="/search?q=Penhale">search everything for “Penhale”</a>' in html
