"""The pinned PySide6 keeps Python's reference counts right (6.12.0 did not, and aborted)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])

    class Emitter(QObject):
        flag = Signal(bool)

    class Empty(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()): return 1
        def columnCount(self, parent=QModelIndex()): return 1
        def data(self, index, role=Qt.ItemDataRole.DisplayRole): return None

    emitter = Emitter()
    emitter.flag.connect(lambda value: None)
    for _ in range(5000):
        emitter.flag.emit(True)
    model = Empty()  # kept alive: the index points into it
    index = model.index(0, 0)
    for _ in range(5000):
        index.data(Qt.ItemDataRole.ToolTipRole)
    label = QLabel()
    for number in range(5000):
        label.setText(str(number))
    print("ok")
""")


def test_bool_signals_and_empty_data_do_not_corrupt_the_interpreter() -> None:
    """5,000 Signal(bool) emits, data() → None calls and setText calls leave Python alive (the app does all day)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
