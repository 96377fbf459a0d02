"""An import's counts read as sentences, and say where a match was found: recorded or in the file."""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner

from factdb.cli import main
from factdb.importer.summary import Tally, imported, previewed
from factdb.vocab import Role
from factdb.wording import agree

#: One new entry, one recorded already, one repeating the first (same DOI), and one whose title
#: is longer than a document takes, left out when the user chooses to skip such entries.
_FILE = """@article{a, title={Tides of the north}, doi={10.5555/tides}, year={2020}}
@misc{b, title={Pier to reopen}, url={https://gazette.example/pier}, year={2026}}
@article{c, title={Tides of the north (preprint)}, doi={10.5555/TIDES}, year={2020}}
@misc{d, title={%s}, year={2021}}
""" % ("Long " * 300)


def test_a_verb_agrees_with_its_count():
    assert [agree(n, "is", "are") for n in (0, 1, 2)] == ["are", "is", "are"]


@pytest.mark.parametrize(
    ("tally", "preview", "done"),
    [
        (Tally(1, 1, 1), "1 new document will be created; 1 document is already recorded and will "
         "be left as it is; 1 entry repeats an earlier one in this file and is merged into it.",
         "Imported 1 new document; 1 was already recorded; 1 entry repeated an earlier one in this "
         "file; 1 entry was skipped."),
        (Tally(2, 2, 0), "2 new documents will be created; 2 documents are already recorded and "
         "will be left as they are.",
         "Imported 2 new documents; 2 were already recorded; 2 entries were skipped."),
        (Tally(0, 0, 2), "0 new documents will be created; 2 entries repeat an earlier one in this "
         "file and are merged into it.", "Imported 0 new documents; 2 entries repeated an earlier "
         "one in this file."),
    ],
)  # fmt: skip
def test_the_sentences_agree_with_their_counts(tally, preview, done):
    assert previewed(tally) == preview
    skipped = 1 if tally.created == 1 else (2 if tally.created == 2 else 0)
    assert imported(tally, skipped) == done


def _upload(auth, text: str):
    return auth.post(
        "/import",
        {"file": (BytesIO(text.encode()), "library.bib"), "format": ""},
        content_type="multipart/form-data",
    )


def test_the_preview_and_the_import_say_what_they_found(client, auth, make, session):
    make.document("Pier to reopen", url="https://gazette.example/pier", published="2026")
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    page = auth.post(
        "/import/skipping", {"content": _FILE, "format": "bibtex", "skip_invalid": "1"}
    ).get_data(as_text=True)
    assert (
        "1 new document will be created; 1 document is already recorded and will be left as it "
        "is; 1 entry repeats an earlier one in this file and is merged into it." in page
    )
    assert "1 entry is left out, as you chose" in page
    done = auth.post(
        "/import/confirm",
        {"content": _FILE, "format": "bibtex", "skip_invalid": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert (
        "Imported 1 new document; 1 was already recorded; 1 entry repeated an earlier one in "
        "this file; 1 entry was skipped." in done
    )


def test_the_command_line_tells_a_repeat_in_the_file_from_a_recorded_document(
    app, database_url, monkeypatch, make, tmp_path
):
    make.document("Pier to reopen", url="https://gazette.example/pier", published="2026")
    path = tmp_path / "library.bib"
    path.write_text(_FILE)
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    done = CliRunner().invoke(main, ["import", str(path), "--skip-invalid"])
    assert done.exit_code == 0, done.output
    assert (
        "3 references: created 1, 1 already present, 1 repeating an earlier entry in this file, "
        "1 skipped." in done.output
    )
