"""A preview of formatted references formats only the bibliography's first batch, which
is the start of the whole export, entry for entry."""

from __future__ import annotations

import html
import random
import re

import pytest

from factdb.export import collation, formatted
from factdb.export.head import first_batch
from factdb.vocab import DocumentType
from tests.test_formatted_groups import _items


def _entries(text: str) -> list[str]:
    return text.rstrip("\n").split("\n\n")


@pytest.mark.parametrize("style", ["apa", "mla"])
@pytest.mark.parametrize("size", [1, 10, 30, 500])
def test_the_first_batch_is_the_start_of_the_whole_bibliography(style, size, monkeypatch):
    monkeypatch.setattr(collation, "BATCH_SIZE", size)
    items = _items()
    shuffled = list(items)
    random.Random(size).shuffle(shuffled)
    first = first_batch([shuffled[:25], shuffled[25:]])
    assert first == next(collation.batches(items))
    whole = _entries("".join(formatted.bibliography(items, style, "text")))
    shown = _entries("".join(formatted.bibliography(first, style, "text")))
    assert shown == whole[: len(shown)]
    assert (len(first) < len(items)) == (size < 500)


def test_the_preview_shows_the_first_entries_of_the_download(client, make, auth, monkeypatch):
    monkeypatch.setattr(collation, "BATCH_SIZE", 4)
    editor = make.user(email="ed@example.org")
    names = ["Wren, Ada", "Lindqvist, Eli", "Wren, Bo", "Okafor, Tomas", "Brandt, Ilse"]
    sources = [make.source(name) for name in names]
    for number in range(15):
        document = make.document(
            f"Harbour survey {number}",
            doc_type=DocumentType.NEWS_ARTICLE,
            published=str(2019 + number % 2),
            container_title="The Ledger",
            authors=[sources[number % len(sources)].id],
        )
        make.claim(editor, f"Claim {number}", document=document)
    auth.login("ed@example.org")
    for output in ("text", "html"):
        page = client.get(f"/export?format=apa&as={output}").get_data(as_text=True)
        shown = re.search(r'<textarea id="export-content"[^>]*>(.*?)</textarea>', page, re.DOTALL)
        assert shown is not None
        preview = html.unescape(shown.group(1))
        download = client.get(f"/export/download?format=apa&as={output}").get_data(as_text=True)
        if output == "text":
            # Brandt's and Lindqvist's works: the first authors reaching the batch size.
            assert len(_entries(preview)) == 6 and len(_entries(download)) == 15
            assert _entries(preview) == _entries(download)[:6]
        else:
            assert preview.count('class="csl-entry"') == 6
            assert download.startswith(preview.removesuffix("</div>\n"))  # the list closed
        assert "The preview is cut short" in page and "15 documents" in page
    document = client.get("/export?format=apa&document_only=1").get_data(as_text=True)
    assert "cut short" not in document and "1 document" in document
