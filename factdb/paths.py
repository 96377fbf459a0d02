"""Locate the folders that ship beside the package.

In a wheel, `templates/` and `migrations/` are copied inside the package; in an
editable install they stay at the top of the checkout, one level up.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder `name`, looking inside the package first, then beside it."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"factdb cannot find its {name!r} folder next to {_PACKAGE_DIR}")


def templates_dir() -> Path:
    return resource_dir("templates")


def migrations_dir() -> Path:
    return resource_dir("migrations")
