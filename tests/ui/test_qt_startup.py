"""PySide6's per-import source scan is off once ``ui`` is imported, and features still work for
a module that opts in: ours keep Qt's own names either way."""

from __future__ import annotations

import linecache
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ui  # noqa: F401 - the package's import is what switches the scan off
from ui.qt_startup import FEATURE_MODULE, stop_feature_scan


def test_a_module_imported_after_ui_is_not_read_for_pyside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PySide6 no longer reads each new module's source (inspect.getsource fills linecache)."""
    module = tmp_path / "khoi_scan_probe.py"
    module.write_text("from PySide6.QtCore import QObject\n\nVALUE = QObject.__name__\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    probe = __import__("khoi_scan_probe")  # an import statement: PySide6 hooks __import__
    assert probe.VALUE == "QObject"
    assert str(module) not in linecache.cache
    assert sys.modules[FEATURE_MODULE].pyside_feature_dict.get("khoi_scan_probe") is None


def test_switching_off_is_repeatable() -> None:
    """A second call finds the hook already off and still reports it off."""
    assert stop_feature_scan() and stop_feature_scan()


FEATURE_PROBE = """
import ui.main_window
from __feature__ import snake_case
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
label.set_text("snake_case")
placeholder = ui.main_window._placeholder()  # our code: Qt's own camelCase names
print(label.text(), type(placeholder).__name__)
"""


def test_a_module_opting_into_snake_case_still_gets_it() -> None:
    """``from __feature__ import snake_case`` works after ``ui``, and ``ui``'s modules keep camelCase."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", FEATURE_PROBE], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["snake_case", "QWidget"]
