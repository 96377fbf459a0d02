"""Details of the formatted and bibliographic exports that readers notice."""

from __future__ import annotations

from factdb.export import formatted


def _web_item(**extra: object) -> dict:
    return {
        "id": "ref1",
        "type": "webpage",
        "title": "Tower cranes return to the harbour",
        "container-title": "Harbour Trade Weekly",
        "URL": "https://harbour.example/cranes",
        "custom": {"factdb-document-id": 1},
        **extra,
    }


def test_apa_says_retrieved_only_with_an_access_date():
    undated = "".join(formatted.bibliography([_web_item()], "apa", "text"))
    assert "Retrieved" not in undated
    assert "(n.d.). Harbour Trade Weekly. https://harbour.example/cranes" in undated
    accessed = _web_item(accessed={"date-parts": [[2026, 3, 15]]})
    text = "".join(formatted.bibliography([accessed], "apa", "text"))
    assert "Retrieved March 15, 2026, from https://harbour.example/cranes" in text


def test_bibtex_braces_a_capitalised_word_without_its_punctuation():
    from factdb.export.bibtex import protect_case

    assert protect_case("Talks with Quill, Marsh (NATO) stall") == (
        "Talks with {Quill}, {Marsh} ({NATO}) stall"
    )


def test_an_html_entity_escaped_for_latex_is_read_as_its_character():
    from factdb.importer import bibtex

    source = (
        "@book{k1, title = {Harbour Cranes}, year = {2018},\n"
        " publisher = {Morgan \\&\\#38; Claypool and Quill \\&amp; Sons}}\n"
    )
    (reference,), problems = bibtex.parse(source)
    assert not problems
    assert reference.document.publisher == "Morgan & Claypool and Quill & Sons"


def test_a_book_with_only_editors_keeps_them_as_editors_in_every_export(session):
    import json

    from sqlalchemy import select

    from factdb import importer
    from factdb.export import export
    from factdb.models import Document

    source = (
        "@book{cranes, editor = {Quill, Mara and van Marsh, Lena}, year = {2018},\n"
        " title = {Cranes of the Northern Harbours}, publisher = {Harwick Press}}\n"
        "@book{gulls, editor = {Quill, Mara}, year = {2019}, title = {Gulls}, publisher = {Harwick Press}}\n"
    )
    importer.import_references(session, None, source.encode(), filename="books.bib")
    session.commit()
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    item = json.loads(export(session, "csl-json", claim_ids=[], document_ids=ids).content)[0]
    assert item["editor"] == [
        {"family": "Quill", "given": "Mara"},
        {"family": "Marsh", "given": "Lena", "non-dropping-particle": "van"},
    ]
    assert "author" not in item
    apa = export(session, "apa", claim_ids=[], document_ids=ids, output="text").content
    assert "Quill, M., & van Marsh, L. (Eds.). (2018)." in apa
    bib = export(session, "bibtex", claim_ids=[], document_ids=ids).content
    assert "editor = {Quill, Mara and van Marsh, Lena}" in bib


def test_editors_read_from_csl_json_are_exported_to_bibtex(session):
    import json

    from sqlalchemy import select

    from factdb import importer
    from factdb.export import export
    from factdb.models import Document

    items = [{"id": "a", "type": "book", "title": "Gulls of the Quay", "issued": {"date-parts": [[2019]]},
              "editor": [{"family": "Quill", "given": "Mara"}, {"literal": "Harbour Board"}, "junk"]}]  # fmt: skip
    importer.import_references(session, None, json.dumps(items).encode(), filename="a.json")
    session.commit()
    ids = list(session.scalars(select(Document.id)))
    bib = export(session, "bibtex", claim_ids=[], document_ids=ids).content
    assert "editor = {Quill, Mara and {Harbour Board}}" in bib
