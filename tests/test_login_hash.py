"""Log-in checks a password hash whether or not the e-mail is known, and importing the
accounts module makes none (every command imports it; only a log-in needs one)."""

from __future__ import annotations

import subprocess
import sys

from argon2 import PasswordHasher

from factdb import users
from factdb.vocab import Role


def test_importing_the_accounts_module_makes_no_password_hash():
    """An Argon2 hash at import cost every command about 0.2 s of CPU."""
    code = (
        "import argon2\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit('a password was hashed at import')\n"
        "argon2.PasswordHasher.hash = refuse\n"
        "import factdb.users\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_log_in_checks_a_hash_whether_or_not_the_email_is_known(session, monkeypatch):
    users.create_user(
        session, email="known@example.org", name="Known", role=Role.EDITOR, password="long password"
    )
    session.commit()
    checked: list[str] = []

    class Recording(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            checked.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(users, "_hasher", Recording(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(users, "_dummy_hash", "")
    assert users.authenticate(session, "nobody@example.org", "long password") is None
    assert users.authenticate(session, "known@example.org", "wrong password") is None
    assert users.authenticate(session, "known@example.org", "long password") is not None
    assert len(checked) == 3 and all(hashed.startswith("$argon2") for hashed in checked)
