"""Settings: read from the environment, and every one documented in README.md."""

from __future__ import annotations

from pathlib import Path

from factdb import config

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in config.SETTINGS if f"FACTDB_{name}" not in text]
    assert missing == []


def test_settings_are_coerced_from_the_environment():
    settings = config.from_environment(
        {"FACTDB_ALLOW_SELF_REVIEW": "yes", "FACTDB_PAGE_SIZE": "50"}
    )
    assert settings["ALLOW_SELF_REVIEW"] is True
    assert settings["PAGE_SIZE"] == 50
    assert settings["DATABASE_URL"] is None


def test_secret_key_is_generated_once_and_kept(tmp_path):
    first = config.instance_secret_key(tmp_path)
    assert len(first) == 64
    assert config.instance_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
