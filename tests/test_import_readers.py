"""Readers take what reference managers write, never crash, and re-import creates nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from factdb import importer
from factdb.importer import dates
from factdb.models import Document, Source
from factdb.text import title_key
from factdb.vocab import DocumentType

DATA = Path(__file__).parent / "data"


def _read(name: str, format_name: str) -> dict[str, importer.Reference]:
    references = importer.parse((DATA / name).read_text(encoding="utf-8"), format_name)
    return {reference.document.title: reference for reference in references}


def test_bibtex_as_people_and_jabref_write_it():
    refs = _read("quirks.bib", "bibtex")
    capitals = refs["Capitalised Field Names Are Common"]
    assert capitals.label == "capitals2019" and capitals.line == 2
    assert capitals.document.container_title == "Journal of Hand-Written Files"
    assert capitals.document.published == "2019"
    assert "date '2019 ²' read as 2019" in capitals.notes
    assert [(a.name, a.family, a.given) for a in capitals.authors] == [
        ("Chidi Okafor", "Okafor", "Chidi"),
        ("Martin Luther King Jr.", "King", "Martin Luther"),
    ]
    assert capitals.document.url == "https://a.example/one"
    assert capitals.extra["url"] == "https://b.example/two https://c.example/three"
    assert any("first of 3 web addresses" in note for note in capitals.notes)
    assert refs["Unknown month"].document.published == "1999"
    assert refs["Open start"].document.published == "2004-01"
    assert refs["Uncertain year"].document.published == "2004"
    assert "uncertain or approximate" in refs["Uncertain year"].notes[0]
    # Two entries with one key are both read; the second says so.
    assert refs["Second with this key"].notes == ["the key 'dup' is used by another entry too"]
    concat = refs["Harbour Press and More"]  # @string defined after use, # concatenation
    assert concat.document.publisher == "Harbour Press"
    assert concat.document.published == "2016-09"
    assert [(a.family, a.given) for a in concat.authors] == [("van den Oord", "Aaron")]
    # An address typed without its scheme is read as https (Zotero keeps it as typed).
    assert concat.document.url == "https://www.no-scheme.example/page" and "url" not in concat.extra


def test_ris_with_the_quirks_of_real_exports():
    refs = _read("quirks.ris", "ris")
    first = refs["One space after the type"]
    assert first.line == 2 and first.document.container_title == "Nordic Journal of Checks"
    assert first.document.published == "2004" and first.notes[-1].startswith("kept the first of 2")
    assert first.extra["UR"] == "https://one.example/b"
    odd = refs["Journal in JO, a date with an odd digit"]
    assert odd.document.container_title == "Abbrev. J." and odd.document.published == "2019"
    long = refs["Journal in T2, title that goes on onto a second line"]
    assert long.document.container_title == "Review of Verification"
    assert long.document.published == "2021-03-15" and long.extra["N1"] == "A note we keep."


def test_csl_json_with_values_of_the_wrong_kind():
    refs = _read("quirks.json", "csl-json")
    for title in ("Empty date part", "Null date part", "Word date part", "Huge date part"):
        assert refs[title].document.published == ""
        assert "has no readable year" in refs[title].notes[0]
    assert refs["Author is a number"].authors == []
    assert refs["Author is a number"].notes == ["author is not a list of names and was left out"]
    assert refs["Spring issue"].document.published == "2004"
    assert "season spring" in refs["Spring issue"].notes[0]
    assert refs["Date parts as strings"].document.published == "2020-03-09"
    assert refs["Raw EDTF date"].document.published == "2004"
    particles = refs["Particles and suffixes"].authors
    assert [(a.name, a.family, a.given) for a in particles] == [
        ("Vincent van Gogh", "van Gogh", "Vincent"),
        ("Martin Luther King Jr.", "King", "Martin Luther"),
    ]


#: One reference as three exporters write it: character references (`&amp;`, `&#233;`,
#: `&eacute;`) in the title, the authors and the journal; a bare `&` in the publisher, a
#: `&D;` that names no character, and a web address whose query holds `&copy=`.
REFERENCES_WITH_CHARACTER_REFERENCES = {
    "bibtex": (
        "@article{cafe, title = {Caf\\&eacute; Culture \\&amp; the Harbour},\n"
        " author = {Quill, Ren\\&#233;e and {Harwick \\&amp; Marsh}},\n"
        " journal = {Quill \\&\\#38; Marsh Review}, publisher = {AT\\&T Press for R\\&D;},\n"
        " year = {2021}, url = {https://cafe.example/read?id=4&copy=2}}\n"
    ),
    "ris": (
        "TY  - JOUR\n"
        "TI  - Caf&eacute; Culture &amp; the Harbour\n"
        "AU  - Quill, Ren&#233;e\n"
        "AU  - Harwick &amp; Marsh\n"
        "T2  - Quill &#38; Marsh Review\n"
        "PB  - AT&T Press for R&D;\n"
        "PY  - 2021\n"
        "UR  - https://cafe.example/read?id=4&copy=2\n"
        "ER  - \n"
    ),
    "csl-json": json.dumps(
        [
            {
                "id": "cafe",
                "type": "article-journal",
                "title": "Caf&eacute; Culture &amp; the Harbour",
                "author": [
                    {"family": "Quill", "given": "Ren&#233;e"},
                    {"literal": "Harwick &amp; Marsh"},
                ],
                "container-title": "Quill &#38; Marsh Review",
                "publisher": "AT&T Press for R&D;",
                "issued": {"date-parts": [[2021]]},
                "URL": "https://cafe.example/read?id=4&copy=2",
            }
        ]
    ),
}


@pytest.mark.parametrize("format_name", list(REFERENCES_WITH_CHARACTER_REFERENCES))
def test_character_references_in_titles_and_names_are_read_as_their_characters(format_name):
    (reference,) = importer.parse(REFERENCES_WITH_CHARACTER_REFERENCES[format_name], format_name)
    document = reference.document
    assert document.title == "Caf\u00e9 Culture & the Harbour"
    assert [(a.name, a.family, a.given) for a in reference.authors] == [
        ("Ren\u00e9e Quill", "Quill", "Ren\u00e9e"),
        ("Harwick & Marsh", "", ""),
    ]
    assert document.container_title == "Quill & Marsh Review"
    # An ampersand that starts no character reference is the text's own.
    assert document.publisher == "AT&T Press for R&D;"
    assert document.url == "https://cafe.example/read?id=4&copy=2"


@pytest.mark.parametrize(
    ("parts", "value"),
    [([2004, "Spring"], "2004"), ([2004, "x", 3], "2004"), ([2004, 3, "9th"], "2004-03")],
)
def test_a_csl_date_part_that_is_not_a_number_is_noted_when_left_out(parts, value):
    read = dates.read_csl_date({"date-parts": [parts]}, "issued")
    assert read.value == value
    assert read.note.endswith("(a part that is not a number was left out)")


def test_empty_csl_date_parts_after_the_year_leave_nothing_out():
    read = dates.read_csl_date({"date-parts": [["2020", "", None]]}, "issued")
    assert (read.value, read.note) == ("2020", "")


@pytest.mark.parametrize(
    ("read", "value", "expected"),
    [
        (dates.read_edtf, "2024-03-09", "2024-03-09"),
        (dates.read_edtf, "2024-03-09T10:00:00Z", "2024-03-09"),
        (dates.read_edtf, "1993-00-00", "1993"),
        (dates.read_edtf, "2004/2005", "2004"),
        (dates.read_edtf, "2004-02-30", "2004-02"),
        (dates.read_edtf, "March 15, 2026", "2026-03-15"),
        (dates.read_edtf, "30-Mar-2020", "2020-03-30"),
        (dates.read_edtf, "Spring 2004", "2004"),
        (dates.read_edtf, "no date", ""),
        (dates.read_edtf, "1-2 April, 2001", "2001-04-01"),
        (dates.read_edtf, "12-14 March 2019", "2019-03-12"),
        (dates.read_ris_date, "2004///", "2004"),
        (dates.read_ris_date, "2004/03//", "2004-03"),
        (dates.read_ris_date, "2004/3/9/", "2004-03-09"),
        (lambda v: dates.read_bibtex_date("2026", v, ""), "March", "2026-03"),
        (lambda v: dates.read_bibtex_date("2026", v, "14"), "mar", "2026-03-14"),
        (lambda v: dates.read_bibtex_date("2026", v, ""), "13", "2026"),
    ],
)
def test_dates_keep_what_can_be_kept(read, value, expected):
    assert read(value).value == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Über die Grenzen", "über die grenzen"),
        ("ÜBER DIE GRENZEN!", "über die grenzen"),
        ("Ærø:  the ferry—report", "ærø the ferry report"),
        ("ﬁnancial  Élysée", "financial élysée"),
    ],
)
def test_title_key_folds_case_width_punctuation_and_space(title, expected):
    assert title_key(title) == expected


CONFERENCE_DATES = """@inproceedings{cook, title={Principles for designing}, author={Cook, Perry},
  booktitle={Proceedings of the conference}, date={1-2 April, 2001}, year={2001}}
@inproceedings{wang, title={A second paper}, author={Wang, Ge}, date={Spring 1999}, year={2001}}
"""


def test_a_date_field_that_disagrees_with_the_year_keeps_the_year(session):
    """A conference's day range in `date` is not an ISO date: the year must survive it."""
    items, _ = importer.import_references(
        session, None, CONFERENCE_DATES.encode(), format_name="bibtex"
    )
    session.commit()
    published = dict(session.execute(select(Document.title, Document.published)).all())
    assert published == {"Principles for designing": "2001-04-01", "A second paper": "2001"}
    assert any("1999" in note for item in items for note in item.reference.notes)


RIS_CONFERENCE = """TY  - CONF
TI  - Principles for designing
AU  - Cook, Perry
PY  - 2001
DA  - 1-2 April, 2001
ER  -
TY  - CONF
TI  - A second paper
AU  - Wang, Ge
PY  - 2001
DA  - 1999/03/04
ER  -
"""


def test_a_ris_day_that_disagrees_with_py_keeps_py(session):
    items, _ = importer.import_references(session, None, RIS_CONFERENCE.encode(), format_name="ris")
    session.commit()
    published = dict(session.execute(select(Document.title, Document.published)).all())
    assert published == {"Principles for designing": "2001-04-01", "A second paper": "2001"}
    assert any("PY 2001" in note for item in items for note in item.reference.notes)


def test_long_title_keys_stay_short_and_distinct():
    one, two = "word " * 300 + "one", "word " * 300 + "two"
    assert len(title_key(one)) == 200 and title_key(one) != title_key(two)


NON_ASCII = """@book{a, title={Über die Grenzen der Prüfung}, year={2023}}
@report{b, title={ÆRØ ferry timetable}, year={2022}, institution={Ærø Kommune}}
@misc{c, title={Déclaration de l'ÉLYSÉE}, year={2024}, author={Élysée, Palais}}
@misc{d, title={ИЗВЕСТИЯ о визите}, year={2024}}
"""


def test_reimporting_the_same_file_three_times_creates_nothing(session):
    for _ in range(3):
        importer.import_references(session, None, NON_ASCII.encode(), format_name="bibtex")
        session.commit()
    assert session.scalar(select(func.count()).select_from(Document)) == 4
    items, _ = importer.import_references(
        session, None, NON_ASCII.upper().replace("@BOOK", "@book").encode(), format_name="bibtex",
        dry_run=True,
    )  # fmt: skip
    assert [item.reason for item in items] == ["title and year"] * 4
    assert session.scalar(select(func.count()).select_from(Source)) == 1


@pytest.mark.parametrize("name", ["quirks.bib", "quirks.ris", "quirks.json"])
def test_quirky_files_import_once(session, name):
    data = (DATA / name).read_bytes()
    _, first = importer.import_references(session, None, data, filename=name)
    session.commit()
    for _ in range(2):
        _, result = importer.import_references(session, None, data, filename=name)
        session.commit()
        assert result is not None and result.created == []
    assert first is not None and len(first.created) > 0
    assert session.scalar(select(func.count()).select_from(Document)) == len(first.created)


# ----------------------------------------------------------------------------- never crash

_FIXTURES = {
    "bibtex": (DATA / "quirks.bib").read_text(encoding="utf-8")
    + (DATA / "zotero.bib").read_text(encoding="utf-8-sig"),
    "ris": (DATA / "quirks.ris").read_text(encoding="utf-8")
    + (DATA / "zotero.ris").read_text(encoding="utf-8-sig"),
    "csl-json": (DATA / "zotero.json").read_text(encoding="utf-8-sig"),
}
_NASTY = st.sampled_from(
    ["{", "}", "\\", "@", "#", ",", "=", '"', "\n", "²", "\x00", "\ud800", "and", "TY  - ", "ER  - ",
     "1e400", "null", "[", "]", ":", "-", "/", "$", "%", "{\\\"U}", "Jr.", "date-parts", "  -"]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, format_name: str) -> str:
    """A real fixture with random cuts and insertions of the characters readers trip on."""
    text = _FIXTURES[format_name]
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:position] + text[position + draw(st.integers(0, 40)) :]
        else:
            insertion = draw(st.one_of(_NASTY, st.text(max_size=8)))
            text = text[:position] + insertion + text[position:]
    return text


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)  # fmt: skip
_CSL_KEYS = st.sampled_from(
    ["id", "type", "title", "author", "issued", "accessed", "URL", "DOI", "custom", "container-title",
     "publisher", "genre", "language", "editor", "page"]
)  # fmt: skip
_CSL_ITEMS = st.lists(st.dictionaries(_CSL_KEYS, _JSON_VALUES, max_size=8), max_size=4)
_CSL_DATES = st.fixed_dictionaries(
    {"title": st.just("t"), "issued": st.fixed_dictionaries({"date-parts": st.lists(st.lists(_JSON_VALUES, max_size=4), max_size=2)})}
)  # fmt: skip


def _never_crashes(text: str, format_name: str) -> None:
    try:
        references = importer.parse(text, format_name)
    except importer.ImportFailed as failed:
        assert failed.problems
        for problem in failed.problems:
            assert isinstance(problem.message, str) and problem.message
            assert problem.line is None or problem.line >= 0
        return
    for reference in references:
        assert reference.document.title
        assert reference.document.published == "" or reference.document.published[:4].isdigit()


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(text=st.one_of(mutated("bibtex"), st.text(max_size=300)))
def test_bibtex_reader_never_crashes(text):
    _never_crashes(text, "bibtex")


@_SETTINGS
@given(text=st.one_of(mutated("ris"), st.text(max_size=300)))
def test_ris_reader_never_crashes(text):
    _never_crashes(text, "ris")


@_SETTINGS
@given(
    text=st.one_of(
        mutated("csl-json"),
        _CSL_ITEMS.map(json.dumps),
        st.lists(_CSL_DATES, min_size=1, max_size=2).map(json.dumps),
        st.text(max_size=200),
    )
)
def test_csl_json_reader_never_crashes(text):
    _never_crashes(text, "csl-json")


def test_a_type_csl_does_not_define_is_read_as_other_and_named_in_the_report(
    app, database_url, monkeypatch, tmp_path
):
    from click.testing import CliRunner

    from factdb.cli import main

    items = [
        {"id": "a", "type": "nonsense-type", "title": "Quay Walls"},
        {"id": "b", "type": "map", "title": "Harbour Chart"},
        {"id": "c", "type": "report", "genre": "Press release", "title": "Dredging Ends"},
        {"id": "d", "title": "Untyped Notes"},
        {"id": "e", "type": "nonsense-type", "genre": "Press release", "title": "Berth Plan"},
    ]
    quay, chart, release, untyped, berth = importer.parse(json.dumps(items, indent=1), "csl-json")
    assert quay.document.doc_type is DocumentType.OTHER
    assert quay.notes == ["type 'nonsense-type' is not a CSL type; read as other"]
    # A CSL type factdb has no type for is read as other quietly, as is a known type.
    assert (chart.document.doc_type, chart.notes) == (DocumentType.OTHER, [])
    assert (release.document.doc_type, release.notes) == (DocumentType.PRESS_RELEASE, [])
    assert untyped.notes == ["no type; read as other"]
    assert berth.document.doc_type is DocumentType.PRESS_RELEASE
    assert berth.notes == ["type 'nonsense-type' is not a CSL type; read as press release or official statement"]  # fmt: skip
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(items[:1], indent=1))
    done = CliRunner().invoke(main, ["import", str(path)])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[:2] == [
        f"line     2  {'created':<40} Quay Walls",
        "            note: type 'nonsense-type' is not a CSL type; read as other",
    ]
