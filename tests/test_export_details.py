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
