"""Exporting everything from the browser: the claims list's Export with nothing ticked exports
what the list shows (the whole library when it is unfiltered), previewed first and streamed,
and a library holding nothing for the format gives its empty file, as the command and the API do."""

from __future__ import annotations

from factdb.export import EMPTY_LIBRARY, NOTHING_TO_EXPORT
from factdb.vocab import Role


def _library(make):
    editor = make.user(Role.EDITOR, email="ed@example.org")
    ports = make.document("Harbour dues report", url="https://dues.example", published="2025")
    courts = make.document("Court fees review", url="https://fees.example", published="2024")
    make.claim(editor, "Harbour dues doubled.", document=ports)
    make.claim(editor, "Court fees fell.", document=courts, tags=["courts"])
    return editor


def test_export_with_nothing_ticked_exports_the_whole_unfiltered_list(client, auth, make):
    _library(make)
    auth.login("ed@example.org")
    answer = auth.post("/claims/bulk", {"action": "export", "format": "bibtex", "back": "/"})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert answer.location.startswith("/export?") and "claim=" not in answer.location
    preview = client.get(answer.location).get_data(as_text=True)
    # the preview says what is exported before anything is downloaded
    assert "Exporting the whole database: 2 documents." in preview
    assert "Harbour dues report" in preview and "Court fees review" in preview


def test_export_with_nothing_ticked_keeps_the_lists_filters(client, auth, make):
    _library(make)
    auth.login("ed@example.org")
    answer = auth.post(
        "/claims/bulk", {"action": "export", "format": "bibtex", "back": "/?tag=courts&page=2"}
    )
    assert answer.status_code == 303
    assert "tag=courts" in answer.location and "page=" not in answer.location
    preview = client.get(answer.location).get_data(as_text=True)
    assert "1 claim matching the filters" in preview
    assert "Court fees review" in preview and "Harbour dues report" not in preview


def test_the_whole_library_downloads_as_a_stream(client, auth, make):
    _library(make)
    auth.login("ed@example.org")
    download = client.get("/export/download?format=ris")
    assert download.status_code == 200 and download.is_streamed
    body = download.get_data(as_text=True)
    assert "TI  - Harbour dues report" in body and "TI  - Court fees review" in body


def test_a_library_holding_nothing_gives_its_empty_file_as_the_command_does(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = client.get("/export?format=bibtex").get_data(as_text=True)
    assert EMPTY_LIBRARY.removeprefix("Notice: ") in preview
    assert NOTHING_TO_EXPORT not in preview
    download = client.get("/export/download?format=bibtex")
    assert download.status_code == 200 and download.data == b""
    # a filter that matches nothing is still refused: an empty file would pass for the answer
    refused = client.get("/export/download?format=bibtex&status=true")
    assert refused.status_code == 422
    assert NOTHING_TO_EXPORT in refused.get_data(as_text=True)
