"""The package's shape: what the running app may import, and what it may not."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path


def _modules_after(code: str) -> set[str]:
    """The factdb modules loaded by a fresh interpreter after running `code`."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('factdb'))))"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(output.splitlines()[-1]))


def test_the_app_and_its_command_never_import_the_developer_tools(tmp_path):
    loaded = _modules_after(
        "from factdb import create_app\n"
        f"app = create_app({{'DATABASE_URL': 'sqlite:///{tmp_path}/x.sqlite', 'SECRET_KEY': 'x'}})\n"
        "import factdb.cli\n"
        "app.test_client().get('/health')"
    )
    assert "factdb.web" in loaded and "factdb.api" in loaded and "factdb.cli" in loaded
    assert not [name for name in loaded if name.startswith("factdb.devtools")]


def test_no_domain_module_imports_flask():
    """Only the pages, the API, the command line and the glue that builds the app know Flask."""
    package = Path(__file__).parent.parent / "factdb"
    interfaces = {"web", "api", "cli"}
    glue = {package / "__init__.py", package / "jobs" / "app.py"}
    importing = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.relative_to(package).parts[0] not in interfaces
        and path not in glue
        and re.search(r"^\s*(from flask\b|import flask\b)", path.read_text(), re.MULTILINE)
    ]
    assert importing == []
