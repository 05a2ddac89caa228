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
    """No module under ui/ imports sqlite3 or the storage layer."""
    forbidden = ("sqlite3", "khoi_desktop.storage")
    offenders = {
        path: sorted(name for name in names if name.startswith(forbidden))
        for path, names in _imported_modules("ui").items()
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def _module_name(path: str) -> str:
    name = path.removesuffix(".py").replace("/", ".").replace("\\", ".")
    return name.removesuffix(".__init__")


def _first_party_graph() -> dict[str, set[str]]:
    """Module → the first-party modules it imports anywhere (function-local imports included)."""
    found = {**_imported_modules("khoi_desktop"), **_imported_modules("ui")}
    modules = {_module_name(path) for path in found}
    graph: dict[str, set[str]] = {}
    for path, names in found.items():
        targets = set()
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name:
                targets.add(name)
        graph[_module_name(path)] = targets - {_module_name(path)}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    """No two modules import each other, directly or through others, even inside a function."""
    graph = {name: {t for t in targets if not t.endswith("__init__")} for name, targets in _first_party_graph().items()}
    packages = {name for name in graph if (ROOT / name.replace(".", "/")).is_dir()}
    graph = {name: targets - packages for name, targets in graph.items() if name not in packages}
    assert _cycles(graph) == []


def test_use_cases_never_import_the_demo_generator() -> None:
    """services/ lists use cases; the demo generator under services/demo is reached only from outside."""
    offenders = {
        path: sorted(name for name in names if name.startswith("khoi_desktop.services.demo"))
        for path, names in _imported_modules("khoi_desktop/services").items()
        if "demo" not in Path(path).parts
    }
    assert {path: names for path, names in offenders.items() if names} == {}
