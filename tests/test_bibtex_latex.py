"""LaTeX commands, ties, dashes and crossref in a .bib file keep every word through import and export."""

from __future__ import annotations

import json
from io import BytesIO

from click.testing import CliRunner
from sqlalchemy import select

from factdb import importer
from factdb.export import export
from factdb.models import Document
from factdb.vocab import DocumentType, Role

COMMANDS = r"""
@article{quill2001,
  author = {Quill, Mara},
  title = {The {\TeX book} habit and \emph{Ferry} timetables in \textit{Port} \texttt{Alba}},
  journal = {Harbour Notes}, year = 2001,
  annotation = {Kept in \texttt{alba.tex}, see \mkbibquote{Tide} and \textbf{bold} \textsc{caps}},
}
@article{brisk2003,
  author = {Brisk, Odo},
  title = {{\LaTeX{}} for harbour clerks: methodology\hyphen independent notes},
  journal = {Harbour Notes}, year = 2003,
}
@article{tern2005,
  author = {Tern, Ina},
  title = {Gull \harbourmark{census} counts},
  journal = {Harbour Notes}, year = 2005,
}
"""


def _by_key(source: str) -> dict[str, importer.Reference]:
    references, problems = importer.bibtex.parse(source)
    assert not problems
    return {reference.key: reference for reference in references}


def test_words_inside_latex_commands_are_kept():
    refs = _by_key(COMMANDS)
    assert refs["quill2001"].document.title == (
        "The TeXbook habit and Ferry timetables in Port Alba"
    )
    assert refs["quill2001"].extra["annotation"] == "Kept in alba.tex, see “Tide” and bold caps"
    assert refs["brisk2003"].document.title == (
        "LaTeX for harbour clerks: methodology-independent notes"
    )


def test_an_unknown_command_keeps_its_argument_and_is_named_in_a_note():
    tern = _by_key(COMMANDS)["tern2005"]
    assert tern.document.title == "Gull census counts"
    assert "unknown LaTeX command \\harbourmark: its text was kept" in tern.notes
    assert not _by_key(COMMANDS)["quill2001"].notes


TIES = r"""
@string{hn = {J.~Invented Stud.}}
@article{gull2010,
  author = {D.~E. Marrow and Quill, M.~A.},
  title = {Tides---and ferries--a survey of 1999--2004},
  journal = hn, year = 2010, pages = {3--9},
  url = {https://example.org/~marrow/tides},
  doi = {10.5555/tide~1},
}
"""


def test_a_tie_is_a_space_and_dashes_are_dashes_but_addresses_stay_verbatim():
    gull = _by_key(TIES)["gull2010"]
    assert gull.document.container_title == "J. Invented Stud."
    assert gull.document.title == "Tides—and ferries–a survey of 1999–2004"
    assert [(a.family, a.given) for a in gull.authors] == [("Marrow", "D. E."), ("Quill", "M. A.")]
    assert gull.document.pages == "3-9"
    assert gull.document.url == "https://example.org/~marrow/tides"
    assert gull.document.doi == "10.5555/tide~1"


def _import(session, source: str) -> list[int]:
    importer.import_references(session, None, source.encode(), filename="refs.bib")
    session.commit()
    return list(session.scalars(select(Document.id).order_by(Document.id)))


def _exports(session, ids: list[int]) -> dict[str, str]:
    return {
        name: export(session, name, claim_ids=[], document_ids=ids).content
        for name in ("bibtex", "biblatex", "ris", "csl-json", "apa")
    }


def test_the_exports_keep_every_word_and_write_no_literal_tilde(session):
    ids = _import(session, COMMANDS + TIES)
    for name, written in _exports(session, ids).items():
        content = written.replace("{TeXbook}", "TeXbook")  # braced in .bib, as the file did
        assert "The TeXbook habit and Ferry timetables in Port Alba" in content, name
        assert "methodology-independent" in content, name
        verbatim = ("example.org/~marrow", "10.5555/tide~1")  # addresses keep their tilde
        assert verbatim[1] in content, name  # (APA gives the DOI, not the URL, as it should)
        assert "~" not in content.replace(verbatim[0], "").replace(verbatim[1], ""), name
        assert "textasciitilde" not in content, name
        assert "J. Invented Stud." in content, name


CROSSREF = r"""
@inproceedings{quill2019,
  author = {Quill, Mara},
  title = {Ferry timetables at dawn},
  crossref = {harbour2019},
  pages = {10--20},
}
@proceedings{harbour2019,
  title = {Proceedings of the Harbour Clerks' Meeting},
  editor = {Tern, Ina},
  publisher = {Gull Press}, address = {Port Alba}, year = 2019,
}
@incollection{brisk2020,
  author = {Brisk, Odo},
  title = {Counting gulls},
  crossref = {gulls2020},
  pages = {1--9},
}
@inproceedings{marrow2021,
  author = {Marrow, Ewan},
  title = {Tide tables without a meeting},
  crossref = {nowhere2021},
  year = 2021,
}
"""
LATER_PARENT = r"""
@collection{gulls2020,
  title = {Gulls of the Harbour},
  editor = {Tern, Ina},
  publisher = {Gull Press}, year = 2020,
}
"""


def test_crossref_fills_what_the_child_lacks_from_a_parent_before_or_after_it():
    refs = _by_key(CROSSREF + LATER_PARENT)
    paper = refs["quill2019"].document
    assert paper.container_title == "Proceedings of the Harbour Clerks' Meeting"
    assert paper.title == "Ferry timetables at dawn"
    assert (paper.publisher, paper.published, paper.pages) == ("Gull Press", "2019", "10-20")
    assert refs["quill2019"].kept["csl.editor"] and paper.place == "Port Alba"
    chapter = refs["brisk2020"].document
    assert (chapter.container_title, chapter.publisher, chapter.published) == (
        "Gulls of the Harbour", "Gull Press", "2020",
    )  # fmt: skip
    # The parent keeps its own title; it is no one's child.
    assert refs["harbour2019"].document.title == "Proceedings of the Harbour Clerks' Meeting"
    lone = refs["marrow2021"]
    assert lone.line == 19 and lone.document.published == "2021"
    assert "crossref 'nowhere2021' names no entry in the file; nothing was inherited" in lone.notes


def test_xdata_fields_are_inherited_and_xdata_and_set_entries_are_no_documents():
    refs = _by_key(
        "@set{birds, entryset = {tern2022}}\n"
        "@xdata{gullpress, publisher = {Gull Press}, location = {Port Alba}}\n"
        "@book{tern2022, author = {Tern, Ina}, title = {Harbour birds}, year = 2022,"
        " xdata = {gullpress}}\n"
    )
    assert list(refs) == ["tern2022"]
    assert refs["tern2022"].document.publisher == "Gull Press"
    assert refs["tern2022"].document.place == "Port Alba" and "xdata" not in refs["tern2022"].extra


def test_a_crossref_child_exports_with_its_container_year_and_pages(session):
    ids = _import(session, CROSSREF + LATER_PARENT)
    done = _exports(session, ids)
    assert "@inproceedings{quill2019," in done["biblatex"]
    assert "booktitle = {Proceedings of the Harbour Clerks' Meeting}" in done["biblatex"]
    assert "pages = {10--20}" in done["biblatex"] and "pages = {10--20}" in done["bibtex"]
    assert "T2  - Proceedings of the Harbour Clerks' Meeting" in done["ris"]
    paper = next(item for item in json.loads(done["csl-json"]) if item["id"] == "quill2019")
    assert paper["container-title"] == "Proceedings of the Harbour Clerks' Meeting"
    assert paper["issued"]["date-parts"] == [[2019]] and paper["page"] == "10-20"
    assert "Quill, M. (2019). Ferry timetables at dawn" in done["apa"]
    assert "(n.d.)" not in done["apa"].split("Quill, M.")[1].split("\n")[0]


def test_the_command_line_and_the_browser_read_the_same(
    app, database_url, monkeypatch, session, tmp_path, client, auth, make
):
    from factdb.cli import main

    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "refs.bib"
    path.write_text(COMMANDS + CROSSREF + LATER_PARENT, encoding="utf-8")
    done = CliRunner().invoke(main, ["import", str(path)])
    assert done.exit_code == 0, done.output
    assert "unknown LaTeX command \\harbourmark" in done.output
    assert "crossref 'nowhere2021' names no entry" in done.output
    session.rollback()
    titles = set(session.scalars(select(Document.title)))
    assert "The TeXbook habit and Ferry timetables in Port Alba" in titles
    paper = session.scalars(select(Document).where(Document.title == "Ferry timetables at dawn"))
    assert paper.one().container_title == "Proceedings of the Harbour Clerks' Meeting"
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    preview = auth.post(
        "/import",
        {"file": (BytesIO((COMMANDS + TIES).encode()), "refs.bib"), "format": ""},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "methodology-independent" in preview
    assert "harbourmark" in preview


def test_hyphens_typed_in_factdb_come_back_as_hyphens_not_dashes(session, make):
    """A typed `--dry-run` reads as an en dash in LaTeX, and came back from the .bib as one."""
    typed = "Run the ferry log with --dry-run --- twice -- then ship"
    document = make.document(
        typed,
        doc_type=DocumentType.JOURNAL_ARTICLE,
        container_title="Notes -- Harbour",
        published="2024",
    )
    for name in ("bibtex", "biblatex"):
        bib = export(session, name, claim_ids=[], document_ids=[document.id]).content
        assert "-{}-dry-run" in bib and "-{}-{}-" in bib, name
        (read,), _ = importer.bibtex.parse(bib)
        assert read.document.title == typed, name
        assert read.document.container_title == "Notes -- Harbour", name


def test_verbatim_fields_kept_from_a_file_are_written_back_verbatim(session):
    ids = _import(
        session,
        "@online{gull2024, author = {Tern, Ina}, title = {Gull counts}, date = 2024,\n"
        " url = {https://example.org/~tern}, eprint = {gull_counts~2}, eprinttype = {arxiv},\n"
        " file = {/home/tern/gull_counts.pdf}}\n",
    )
    for name in ("bibtex", "biblatex"):
        bib = export(session, name, claim_ids=[], document_ids=ids).content
        assert "eprint = {gull_counts~2}" in bib, name
        assert "file = {/home/tern/gull_counts.pdf}" in bib, name
        assert "url = {https://example.org/~tern}" in bib, name


SIBLINGS = r"""
@proceedings{harbour2020,
  title = {Proceedings of the Harbour Clerks' Meeting 2020},
  editor = {Tern, Ina}, publisher = {Gull Press}, year = 2020,
  doi = {10.5555/harbour.2020}, url = {https://example.org/harbour2020},
  isbn = {978-0-00-000000-2}, eprint = {harbour2020}, eprinttype = {arxiv},
}
@inproceedings{quill2020,
  author = {Quill, Mara}, title = {Ferry timetables at noon}, crossref = {harbour2020},
}
@inproceedings{brisk2020b,
  author = {Brisk, Odo}, title = {Counting terns}, crossref = {harbour2020},
}
"""


def test_crossref_children_keep_their_own_identity_and_both_are_imported(session):
    refs = _by_key(SIBLINGS)
    for key in ("quill2020", "brisk2020b"):
        paper = refs[key].document
        assert paper.container_title == "Proceedings of the Harbour Clerks' Meeting 2020", key
        assert (paper.doi, paper.url, paper.isbn) == ("", "", ""), key
        assert not {"eprint", "eprinttype"} & set(refs[key].extra), key
    assert refs["harbour2020"].document.isbn and refs["harbour2020"].extra["eprint"]
    ids = _import(session, SIBLINGS)
    titles = set(session.scalars(select(Document.title).where(Document.id.in_(ids))))
    assert titles == {
        "Proceedings of the Harbour Clerks' Meeting 2020",
        "Ferry timetables at noon",
        "Counting terns",
    }


def test_old_font_switches_keep_their_words_and_are_no_unknown_commands():
    refs = _by_key(
        r"@article{tern2006, author = {Tern, Ina}, journal = {Harbour Notes}, year = 2006,"
        r" title = {{\em Gull} and {\bf tern} in {\it Port} {\sl Alba}, {\sc a} {\rm b}"
        r" {\tt c} {\sf d} {\itshape e} {\bfseries f}}}"
    )
    assert refs["tern2006"].document.title == "Gull and tern in Port Alba, a b c d e f"
    assert not refs["tern2006"].notes


def test_a_tilde_in_an_address_in_a_note_is_kept():
    refs = _by_key(
        r"@misc{alba2007, author = {Tern, Ina}, title = {Alba tides}, year = 2007,"
        r" note = {See http://example.org/~alba and \url{http://example.org/~tern/a_b%20c},"
        r" \path{~/tides} or \nolinkurl{www.example.org/~gull}; Ina~Tern}}"
    )
    assert refs["alba2007"].extra["note"] == (
        "See http://example.org/~alba and http://example.org/~tern/a_b%20c,"
        " ~/tides or www.example.org/~gull; Ina Tern"
    )
    assert not refs["alba2007"].notes
