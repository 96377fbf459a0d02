"""APA 7's rules that its CSL file cannot apply alone: the publisher that is the author left
out, a press release dated to the day."""

from __future__ import annotations

from factdb.export.formatted import bibliography

_RELEASE = {
    "id": "ministry2026statement",
    "type": "report",
    "genre": "Press release",
    "title": "Statement on the harbour closures",
    "author": [{"literal": "Ministry of Ports of Vostria"}],
    "publisher": "Ministry of Ports of Vostria",
    "issued": {"date-parts": [[2026, 3, 11]]},
    "URL": "https://ports.example/press/11",
    "custom": {"factdb-document-id": 1},
}
_REPORT = {
    "id": "institute2025tides",
    "type": "report",
    "title": "Tides and traffic",
    "author": [{"literal": "Harbour Studies Institute"}, {"family": "Quill", "given": "Marten"}],
    "publisher": "Harbour Studies Institute",
    "issued": {"date-parts": [[2025, 6, 2]]},
    "custom": {"factdb-document-id": 2},
}
_BOOK = {
    "id": "quill2020lanterns",
    "type": "book",
    "title": "Lanterns",
    "author": [{"family": "Quill", "given": "Marten"}],
    "publisher": "Coastal Press",
    "issued": {"date-parts": [[2020, 1, 5]]},
    "custom": {"factdb-document-id": 3},
}


def _entries(style: str) -> str:
    return "\n".join(bibliography([_RELEASE, _REPORT, _BOOK], style))


def test_apa_leaves_out_a_publisher_that_is_the_author_and_dates_a_press_release_by_day():
    text = _entries("apa")
    assert (
        "Ministry of Ports of Vostria. (2026, March 11). Statement on the harbour closures "
        "[Press release]. https://ports.example/press/11"
    ) in text
    assert "Tides and traffic. https" not in text  # (no URL: the entry ends at its title)
    assert text.count("Harbour Studies Institute") == 1, text
    assert "(2025)" in text  # a report stays dated by its year
    assert "Coastal Press" in text  # another publisher stays


def test_other_styles_keep_the_publisher_as_their_manuals_print_it():
    assert _entries("chicago-author-date").count("Ministry of Ports of Vostria") == 2
