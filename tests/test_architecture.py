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


#: A module longer than this does more than one job; a function more complex than this
#: (radon's grade C ends at 20) is too many decisions to read at once.
MAX_MODULE_LINES = 400
MAX_COMPLEXITY = 20


def _blocks(blocks):
    """Every function, method and closure radon found, classes opened into their methods."""
    for block in blocks:
        if hasattr(block, "methods"):
            yield from _blocks(block.methods)
            yield from _blocks(getattr(block, "inner_classes", []))
        else:
            yield block
            yield from _blocks(getattr(block, "closures", []))


def test_every_module_is_short_and_every_function_readable():
    from radon.complexity import cc_visit

    package = Path(__file__).parent.parent / "factdb"
    long_modules, complex_functions = [], []
    for path in sorted(package.rglob("*.py")):
        name = str(path.relative_to(package))
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long_modules.append(f"{name}: {text.count(chr(10))} lines")
        complex_functions += [
            f"{name}:{block.lineno} {block.fullname} ({block.complexity})"
            for block in _blocks(cc_visit(text))
            if block.complexity > MAX_COMPLEXITY
        ]
    assert long_modules == [], "split these by job"
    assert complex_functions == [], "split these into named steps"
