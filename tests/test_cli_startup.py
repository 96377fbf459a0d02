"""An export from the command line builds no web app: importing every page (the article
reader and its language model among them) cost each export about 1.3 s of CPU."""

from __future__ import annotations

import os
import subprocess
import sys

_EXPORT = """
import sys
from click.testing import CliRunner
from factdb.cli import main

result = CliRunner().invoke(main, ["export", "--format", "csl-json"], catch_exceptions=False)
assert result.exit_code == 0, result.output
assert result.stdout.strip() == "[]", result.output  # an empty library: an empty list
heavy = ("spacy", "factdb.intake", "factdb.web.claims", "factdb.web.capture")
print(" ".join(name for name in heavy if name in sys.modules))
"""


def test_an_export_imports_no_page_and_no_article_reader(database_url):
    env = {**os.environ, "FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "cli-test"}
    done = subprocess.run(
        [sys.executable, "-c", _EXPORT], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


_HELP = """
import sys
from click.testing import CliRunner
from factdb.cli import main

result = CliRunner().invoke(main, ["--help"], catch_exceptions=False)
assert result.exit_code == 0, result.output
print(result.output)
print("BUILT" if "factdb.web.claims" in sys.modules else "")
"""


def test_help_builds_no_app_and_lists_only_factdb_s_own_commands_and_options(database_url):
    """`factdb --help` took 3 s of CPU (it built the web app to look for its commands) and
    offered Flask's --app, --env-file and --debug, which factdb does not use."""
    env = {**os.environ, "FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "cli-test"}
    done = subprocess.run(
        [sys.executable, "-c", _HELP], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "BUILT" not in done.stdout
    for flask_only in ("--app", "--env-file", "--debug", "python-dotenv"):
        assert flask_only not in done.stdout
    for command in ("serve", "export", "ingest", "audit", "import"):
        assert f"  {command} " in done.stdout
    assert "revision" not in done.stdout, "a developers' command, documented in README"


_APP = """
import sys
from factdb import create_app

READERS = ("spacy", "factdb.intake", "trafilatura", "extruct", "htmldate", "pypdf")

app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "x"})
assert app.test_client().get("/login").status_code == 200
print(" ".join(name for name in READERS if name in sys.modules))
"""


def test_a_web_worker_imports_the_readers_only_when_it_reads_an_article_or_a_page(database_url):
    """spaCy made every gunicorn worker about 35 MB larger from its start (174 MB), and the
    capture's page readers about 20 MB more."""
    done = subprocess.run(
        [sys.executable, "-c", _APP, database_url], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_each_listed_command_line_is_the_command_s_own_and_every_module_command_is_listed():
    """`factdb --help` lists the commands without importing them, from `COMMANDS`; each
    command's own help opens with the same line (`described`), so it is written once."""
    import importlib

    from factdb.cli import COMMANDS, load_command

    for name, (_, _, line) in COMMANDS.items():
        command = load_command(name)
        assert command.name == name
        first = "" if command.hidden else (command.help or "").split("\n\n")[0].replace("\n", " ")
        assert line == first, name
    modules = {module for module, _, _ in COMMANDS.values()}
    defined = {
        command.name
        for module in modules
        for command in importlib.import_module(f"factdb.cli.{module}").COMMANDS
    }
    assert defined == set(COMMANDS)


_LIGHT = """
import sys
from click.testing import CliRunner
from factdb.cli import main

for args in (["--help"], ["audit", "--help"]):
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
heavy = ("spacy", "factdb.web", "factdb.intake", "factdb.export.formats", "factdb.models")
print(" ".join(name for name in heavy if name in sys.modules))
"""


def test_help_of_the_group_and_of_a_command_imports_no_page_model_or_export():
    """`factdb --help` took 6-7 s on a busy machine: it imported every command's module,
    and with them the pages, the models and the exports."""
    done = subprocess.run(
        [sys.executable, "-c", _LIGHT], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


_AUDIT = """
import sys
from click.testing import CliRunner
from factdb.cli import main

result = CliRunner().invoke(
    main, ["audit", "--claim", sys.argv[1], "--fail-on", "never"], catch_exceptions=False
)
assert result.exit_code == 0, result.output
print(result.output)
heavy = ("spacy", "factdb.intake", "factdb.web.claims", "factdb.web.capture")
print("HEAVY:" + " ".join(name for name in heavy if name in sys.modules))
"""


def test_one_claims_audit_imports_no_page_and_no_article_reader(database_url, make):
    # Building the web app took 11 of the 12.7 s of `factdb audit --claim 13`; reading the
    # claim's kept findings takes a fraction of a second.
    from factdb.vocab import Role

    claim = make.claim(make.user(Role.EDITOR), "The Brannock weir rose two metres.")
    env = {**os.environ, "FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "cli-test"}
    done = subprocess.run(
        [sys.executable, "-c", _AUDIT, str(claim.id)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Claim #{claim.id} has no citation." in done.stdout
    assert done.stdout.strip().endswith("HEAVY:")


_IMPORT = """
import sys
from click.testing import CliRunner
from factdb.cli import main

result = CliRunner().invoke(main, ["import", sys.argv[1]], catch_exceptions=False)
assert result.exit_code == 0, result.output
print(result.output)
heavy = ("spacy", "factdb.intake", "factdb.web.claims", "factdb.web.capture")
print("HEAVY:" + " ".join(name for name in heavy if name in sys.modules))
"""


def test_an_import_imports_no_page_and_no_article_reader(database_url, tmp_path):
    """`factdb import` of four entries took 11-13 s: it built every page, and the job it
    leaves to format the new references loaded every job kind, the article reader and its
    language model among them."""
    bib = tmp_path / "weirs.bib"
    bib.write_text("@book{weirs, title = {Weirs of the Brannock}, year = {1998}}\n")
    env = {**os.environ, "FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "cli-test"}
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(bib)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "created 1" in done.stdout
    assert done.stdout.strip().endswith("HEAVY:")


_INGEST = """
import sys
from click.testing import CliRunner
from factdb.cli import main

result = CliRunner().invoke(main, ["ingest", "--dry-run", sys.argv[1]])
assert result.exit_code == 1, result.output
print(result.output)
print("HEAVY:" + " ".join(name for name in ("spacy", "factdb.intake") if name in sys.modules))
"""


def test_an_article_too_long_is_refused_before_the_language_model_is_loaded(database_url, tmp_path):
    """A 4 MB file took 10.7 s to be told it was too long: the model was loaded first."""
    from factdb.models.limits import MAX_ARTICLE_CHARACTERS

    article = tmp_path / "long.txt"
    article.write_text("The weir rose. " * (MAX_ARTICLE_CHARACTERS // 15 + 1))
    env = {**os.environ, "FACTDB_DATABASE_URL": database_url, "FACTDB_SECRET_KEY": "cli-test"}
    done = subprocess.run(
        [sys.executable, "-c", _INGEST, str(article)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "The text is too long" in done.stdout
    assert done.stdout.strip().endswith("HEAVY:")
