"""The dependency rule: the core never imports Qt or the GUI; the GUI never runs SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_import_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml (core Qt-free, layers, GUI without SQL) are kept."""
    lint = Path(sys.executable).with_name("lint-imports.exe" if sys.platform == "win32" else "lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_never_imports_qt_or_ui() -> None:
    """No module under khoi_desktop/ imports PySide6, shiboken6 or ui, even lazily inside a function."""
    offenders = {
        path: sorted(name for name in names if name.split(".")[0] in {"PySide6", "shiboken6", "ui"})
        for path, names in _imported_modules("khoi_desktop").items()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_gui_never_touches_sqlite() -> None:
    """No module under ui/ imports sqlite3, sqlite_utils or the storage layer."""
    forbidden = ("sqlite3", "sqlite_utils", "khoi_desktop.storage")
    offenders = {
        path: sorted(name for name in names if name.startswith(forbidden))
        for path, names in _imported_modules("ui").items()
    }
    assert {path: names for path, names in offenders.items() if names} == {}
