"""The generated secret key: one key for every process that starts, never readable by others."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from factdb.config import instance_secret_key


def test_a_key_another_process_has_just_written_is_kept(tmp_path, monkeypatch):
    """Two workers start together and both find no key: the second keeps the first one's.

    Otherwise each signs cookies with its own key, and a log-in made through one worker
    is logged out by the other.
    """
    folder = tmp_path / "data"
    first = instance_secret_key(folder)
    monkeypatch.setattr(Path, "exists", lambda self: False)  # it looked a moment before
    assert instance_secret_key(folder) == first
    assert (folder / "secret_key").read_text() == first
    assert sorted(path.name for path in folder.iterdir()) == ["secret_key"]


def test_the_key_file_is_made_readable_by_its_owner_only(tmp_path, monkeypatch):
    """From the start, whatever the umask: a process stopped half-way leaves no readable key."""
    monkeypatch.setattr(Path, "chmod", lambda self, mode: None)  # stopped before any chmod
    old = os.umask(0)
    try:
        instance_secret_key(tmp_path / "data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "data" / "secret_key").stat().st_mode) == 0o600


def test_a_folder_without_hard_links_still_gets_its_key(tmp_path, monkeypatch):
    """Some shares and FAT disks refuse a link: factdb must still start, its key kept."""

    def refused(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)
    folder = tmp_path / "data"
    key = instance_secret_key(folder)
    assert len(key) == 64 and instance_secret_key(folder) == key
    assert stat.S_IMODE((folder / "secret_key").stat().st_mode) == 0o600
    assert sorted(path.name for path in folder.iterdir()) == ["secret_key"]
