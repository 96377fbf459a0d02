"""A JSON file with nothing CSL-JSON describes is refused: it had been "would create 1:
[Untitled work: csl]", a document made of a stray key."""

from __future__ import annotations

from io import BytesIO

import pytest
from click.testing import CliRunner

from factdb.cli import main
from factdb.importer import ImportFailed, read
from factdb.vocab import Role

NOT_AN_ITEM = "not a CSL-JSON item: an item needs at least one of type, title, author"


@pytest.mark.parametrize("text", ['{"not": "csl"}', '[{"not": "csl"}, {"id": "x1"}]', "[{}]"])
def test_json_without_a_csl_item_is_refused(text):
    with pytest.raises(ImportFailed) as failed:
        read(text, "csl-json")
    assert NOT_AN_ITEM in str(failed.value)


def test_the_csl_items_of_a_file_are_read_and_the_others_named():
    text = '[{"title": "Tides of the Velmar estuary"}, {"note2": "x"}]'
    with pytest.raises(ImportFailed) as failed:
        read(text, "csl-json")
    assert NOT_AN_ITEM in str(failed.value) and failed.value.readable == 1
    reading = read(text, "csl-json", skip_invalid=True)
    assert [r.document.title for r in reading.references] == ["Tides of the Velmar estuary"]


def test_the_command_refuses_it(monkeypatch, database_url, tmp_path):
    monkeypatch.setenv("FACTDB_DATABASE_URL", database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "x")
    path = tmp_path / "settings.json"
    path.write_text('{"not": "csl"}', encoding="utf-8")
    done = CliRunner().invoke(main, ["import", "--dry-run", str(path)])
    assert done.exit_code == 1
    assert NOT_AN_ITEM in done.output and "would create" not in done.output


def test_the_import_page_refuses_it(client, auth, make):
    make.user(Role.EDITOR, email="ed@example.org")
    auth.login("ed@example.org")
    refused = auth.post(
        "/import",
        {"file": (BytesIO(b'{"not": "csl"}'), "settings.json"), "format": ""},
        content_type="multipart/form-data",
    )
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert NOT_AN_ITEM in body and "Nothing was imported." in body
