"""The command line says what went wrong and what to do next, and fails when nothing was done."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factdb.cli import main


@pytest.fixture
def run(empty_database_url, monkeypatch):
    monkeypatch.setenv("FACTDB_DATABASE_URL", empty_database_url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    monkeypatch.delenv("FACTDB_CAPTURE_ALLOW_PRIVATE", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    assert invoke("init").exit_code == 0
    return invoke


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["--claim", "99999"], "No claim #99999."),
        (["--document", "99999"], "No document #99999."),
        (["--tag", "no-such-tag"], "No claim has the tag “no-such-tag”."),
    ],
)
def test_an_export_of_records_that_are_not_there_says_so_and_fails(run, args, told):
    result = run("export", "--format", "apa", *args)
    assert result.exit_code != 0
    assert told in result.output


def test_an_unknown_account_after_as_says_how_to_create_it(run, tmp_path):
    article = tmp_path / "refs.bib"
    article.write_text("@misc{k, title = {A harbour note}, year = {2020}}\n", encoding="utf-8")
    result = run("import", str(article), "--as", "nobody@example.org")
    assert result.exit_code != 0
    assert "There is no account nobody@example.org" in result.output
    assert "factdb user add nobody@example.org" in result.output


def test_a_refused_private_address_names_the_setting_that_allows_it(run):
    result = run("capture", "http://127.0.0.1:9/")
    assert result.exit_code != 0
    assert "FACTDB_CAPTURE_ALLOW_PRIVATE" in result.output


@pytest.mark.parametrize(
    ("written", "stored"),
    [("31 July 2013", "2013-07-31"), ("July 31, 2013", "2013-07-31"), ("July 2013", "2013-07"),
     ("2013-07-31", "2013-07-31"), ("2013", "2013")],
)  # fmt: skip
def test_a_publication_date_as_people_write_it_is_read(written, stored):
    from factdb.text import read_partial_date

    assert read_partial_date(written) == stored


ARTICLE = "\u201cThe north gate opens at six,\u201d said Mara Quill, the harbour master.\n"


@pytest.mark.parametrize("dry_run", [True, False])
def test_ingest_reads_a_written_date_and_refuses_one_it_cannot_read_alike(run, tmp_path, dry_run):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    extra = ["--dry-run"] if dry_run else []
    refused = run("ingest", str(article), "--title", "Gate times", "--published", "someday", *extra)
    assert refused.exit_code != 0
    assert "Use YYYY, YYYY-MM or YYYY-MM-DD" in refused.output
    read = run(
        "ingest", str(article), "--title", "Gate times", "--published", "31 July 2013", *extra
    )
    assert read.exit_code == 0, read.output


def _can_log_in(url: str, email: str, password: str) -> bool:
    from factdb.db import make_engine, make_session_factory
    from factdb.users import authenticate

    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            return authenticate(session, email, password) is not None
    finally:
        engine.dispose()


def test_user_list_set_password_disable_and_enable(run, empty_database_url):
    added = run("user", "add", "ana@example.org", "--role", "admin", "--name", "Ana Holm",
                input="first-password-1\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = run("user", "list")
    assert listed.exit_code == 0
    assert "ana@example.org" in listed.output and "admin" in listed.output
    assert "Ana Holm" in listed.output and "active" in listed.output

    reset = run("user", "set-password", "ana@example.org", input="second-password-2\n")
    assert reset.exit_code == 0, reset.output
    assert _can_log_in(empty_database_url, "ana@example.org", "second-password-2")
    assert not _can_log_in(empty_database_url, "ana@example.org", "first-password-1")
    short = run("user", "set-password", "ana@example.org", input="short\n")
    assert short.exit_code != 0 and "at least" in short.output

    last = run("user", "disable", "ana@example.org")
    assert last.exit_code != 0 and "last active admin" in last.output
    assert _can_log_in(empty_database_url, "ana@example.org", "second-password-2")
    added = run("user", "add", "bo@example.org", "--role", "admin", "--name", "Bo Lind",
                input="bo-password-12\n")  # fmt: skip
    assert added.exit_code == 0, added.output

    assert run("user", "disable", "ana@example.org").exit_code == 0
    assert not _can_log_in(empty_database_url, "ana@example.org", "second-password-2")
    assert "disabled" in run("user", "list").output
    assert run("user", "enable", "ana@example.org").exit_code == 0
    assert _can_log_in(empty_database_url, "ana@example.org", "second-password-2")

    unknown = run("user", "disable", "nobody@example.org")
    assert unknown.exit_code != 0
    assert "factdb user add nobody@example.org" in unknown.output


@pytest.mark.parametrize("piped", ["", "\n", "\r\n"])
def test_set_password_with_nothing_piped_refuses_and_keeps_the_old_password(
    run, empty_database_url, piped
):
    added = run("user", "add", "ana@example.org", "--role", "admin", input="first-password-1\n")
    assert added.exit_code == 0, added.output
    refused = run("user", "set-password", "ana@example.org", input=piped)
    assert refused.exit_code != 0
    assert "No new password" in refused.output
    assert "New password set" not in refused.output
    assert _can_log_in(empty_database_url, "ana@example.org", "first-password-1")


@pytest.mark.parametrize(
    ("url", "told"),
    [
        # A driver that is not installed: what to install, in one line, not a traceback.
        ("postgresql+pg8000://postgres@127.0.0.1/factdb", "pip install"),
        ("nosuchdb://somewhere/factdb", "factdb runs on SQLite and PostgreSQL"),
        ("mysql://someone@127.0.0.1/factdb", "factdb runs on SQLite and PostgreSQL"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/factdb", "Cannot open the database"),
        ("not a url at all", "is not a database URL"),
    ],
)
def test_a_database_url_it_cannot_use_is_named_with_what_to_do(monkeypatch, url, told):
    monkeypatch.setenv("FACTDB_DATABASE_URL", url)
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and result.exception is not None
    assert isinstance(result.exception, SystemExit), result.exception
    assert told in result.output and "FACTDB_DATABASE_URL" in result.output


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """A data folder with no database in it yet, and no database named in the environment."""
    folder = tmp_path / "data"
    monkeypatch.delenv("FACTDB_DATABASE_URL", raising=False)
    monkeypatch.setenv("FACTDB_DATA_DIR", str(folder))
    monkeypatch.setenv("FACTDB_SECRET_KEY", "cli-test")
    monkeypatch.setenv("FACTDB_QUEUE_URL", "immediate")
    return folder


@pytest.mark.parametrize(
    "args",
    [["audit"], ["export", "--format", "bibtex"], ["jobs", "list"], ["dump", "-"], ["backup"]],
)
def test_a_command_that_reads_says_where_it_looked_and_creates_no_database(
    data_folder, tmp_path, args
):
    if args == ["backup"]:
        args = ["backup", str(tmp_path / "copy.sqlite")]  # never a file where the tests run
    (data_folder / "demo.sqlite").parent.mkdir(parents=True)
    demo = data_folder / "demo.sqlite"
    demo.write_bytes(b"")  # where `factdb serve --demo` keeps its own database
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert f"No factdb database at {data_folder / 'factdb.sqlite'}" in result.output
    assert "factdb init" in result.output
    assert f"The demo database is at {demo}" in result.output
    assert "FACTDB_DATABASE_URL names" not in result.output
    assert not (data_folder / "factdb.sqlite").exists()


def test_an_empty_file_where_the_database_should_be_is_no_factdb_database(data_folder):
    data_folder.mkdir()
    (data_folder / "factdb.sqlite").write_bytes(b"")
    result = CliRunner().invoke(main, ["audit"])
    assert result.exit_code != 0
    assert f"No factdb database at {data_folder / 'factdb.sqlite'}" in result.output
    assert "demo" not in result.output  # there is none to point to
    assert "FACTDB_DATABASE_URL" not in result.output.split(":")[0]


def test_a_database_named_in_the_environment_is_blamed_only_then(
    data_folder, tmp_path, monkeypatch
):
    named = tmp_path / "elsewhere.sqlite"
    monkeypatch.setenv("FACTDB_DATABASE_URL", f"sqlite:///{named}")
    result = CliRunner().invoke(main, ["export", "--format", "bibtex"])
    assert result.exit_code != 0
    assert f"No factdb database at {named}, which FACTDB_DATABASE_URL names" in result.output
    assert not named.exists()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["audit", "--rule", "NOPE"], ["UNSOURCED", "LOW_RELIABILITY", "QUOTE_WITHDRAWN"]),
        (["jobs", "list", "--kind", "nope"], ["capture", "intake.read", "export.keep-references"]),
    ],
)
def test_an_unknown_name_lists_the_names_there_are(run, args, names):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert all(name in result.output for name in names), result.output
