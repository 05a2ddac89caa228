"""The Windows bundle's spec leaves out only what the app never imports."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _excluded_names() -> set[str]:
    """Every string in the spec's EXCLUDED_MODULES (Qt modules appear by their bare name too)."""
    tree = ast.parse((ROOT / "packaging" / "khoi_desktop.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "EXCLUDED_MODULES" for t in node.targets):
            return {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    raise AssertionError("EXCLUDED_MODULES not found in packaging/khoi_desktop.spec")


def _qt_modules_imported() -> set[str]:
    found: set[str] = set()
    for folder in ("ui", "khoi_desktop"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                    found.add(node.module.split(".")[1])
    return found


def test_no_qt_module_the_app_imports_is_left_out_of_the_bundle() -> None:
    """A Qt module imported anywhere (QtPrintSupport for the preview's Print…) is bundled."""
    imported = _qt_modules_imported()
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= imported
    assert imported & _excluded_names() == set()


def test_every_lazily_loaded_command_is_bundled() -> None:
    """Commands are imported by name when they run, which PyInstaller cannot see: the spec collects
    the whole khoi_desktop.cli package, and every command lives in it (the bundle once lacked them all)."""
    from khoi_desktop.cli.main import COMMANDS  # noqa: PLC0415

    spec = (ROOT / "packaging" / "khoi_desktop.spec").read_text(encoding="utf-8")
    assert 'collect_submodules("khoi_desktop.cli")' in spec
    modules = {target.split(":")[0] for target in COMMANDS.values()}
    assert modules and all(module.startswith("khoi_desktop.cli.") for module in modules)
