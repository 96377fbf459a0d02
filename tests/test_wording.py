"""Messages read as sentences: a count agrees with its noun, a log-in saves nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factdb.cli import main
from factdb.wording import counted
from tests.factories import Factory


@pytest.mark.parametrize(
    ("number", "noun", "plural", "said"),
    [(0, "claim", None, "0 claims"), (1, "claim", None, "1 claim"), (2, "claim", None, "2 claims"),
     (1234, "row", None, "1,234 rows"), (1, "passage", None, "1 passage"),
     (2, "entry", "entries", "2 entries"), (1, "entry", "entries", "1 entry")],
)  # fmt: skip
def test_a_count_agrees_with_its_noun(number, noun, plural, said):
    assert counted(number, noun, plural) == said


def test_a_refused_log_in_does_not_speak_of_saving(client, auth, make: Factory):
    make.user(email="editor@example.org")
    page = auth.post("/login", {"email": "editor@example.org", "password": "not it"})
    page = page.get_data(as_text=True)
    assert "do not match an active account" in page
    assert "saved" not in page


def test_a_refused_claim_form_still_says_nothing_was_saved(client, auth, make: Factory):
    make.user(email="editor@example.org")
    auth.login("editor@example.org")
    page = auth.post("/claims/new", {"text": "", "save": "Save claim"}).get_data(as_text=True)
    assert "nothing was saved" in page


def test_the_command_line_counts_one_claim_as_one_claim(
    empty_database_url, monkeypatch, tmp_path, make: Factory, session
):
    editor = make.user()
    make.claim(editor, "The only claim.")
    out = tmp_path / "one.json"
    monkeypatch.setenv("FACTDB_SECRET_KEY", "wording")
    monkeypatch.setenv(
        "FACTDB_DATABASE_URL", str(session.get_bind().url.render_as_string(hide_password=False))
    )
    dumped = CliRunner().invoke(main, ["dump", str(out)])
    assert dumped.exit_code == 0, dumped.output
    assert "(1 claim)" in dumped.output
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    loaded = CliRunner().invoke(main, ["load", str(out)])
    assert loaded.exit_code == 0, loaded.output
    assert "(1 claim)." in loaded.output
