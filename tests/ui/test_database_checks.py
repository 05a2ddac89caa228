"""The window's guards around a file: a file a command is writing is not opened beside it, and
damage found by the background integrity check is told to the clerk, not only logged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

import ui.database_controller
from khoi_desktop.services.app import Services
from tests.ui.conftest import make_database, shown_main_window
from tests.ui.fakes import FakePrompts
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

# A writing command as the command line runs one: it holds the core's writer lock, then waits.
COMMAND_HOLDING_THE_LOCK = """
import sys, time
from pathlib import Path
from khoi_desktop.file_lock import WriterLock
with WriterLock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def window(qtbot, services: Services, settings: QSettings, tasks: TaskRunner,
           prompts: FakePrompts) -> Iterator[MainWindow]:
    with shown_main_window(qtbot, services, settings, tasks, prompts) as built:
        yield built


def _damaged(path: Path) -> Path:
    """A database the app opens (header and schema intact) with one data page of a table overwritten."""
    make_database(path, "Chi bộ Hồ sơ hỏng")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # one file to damage
        conn.execute("CREATE TABLE ghi_chep (noi_dung TEXT)")
        conn.executemany("INSERT INTO ghi_chep VALUES (?)", [("chữ " * 200,)] * 300)
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ghi_chep'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    return path


def test_a_file_a_command_is_writing_is_not_opened(window: MainWindow, services: Services,
                                                    prompts: FakePrompts, tasks: TaskRunner,
                                                    tmp_path: Path) -> None:
    """While `main.py import-members` (any writing command) holds the file, Mở… says who holds it
    and the window keeps the file it had."""
    (tmp_path / "Dữ liệu chi bộ").mkdir()
    busy = make_database(tmp_path / "Dữ liệu chi bộ" / "đang ghi.sqlite", "Chi bộ Đang ghi")
    command = subprocess.Popen([sys.executable, "-c", COMMAND_HOLDING_THE_LOCK, str(busy)],
                               stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert command.stdout is not None and command.stdout.readline().strip() == "locked"
        prompts.open_paths = [busy]
        window.action_open.trigger()
        tasks.wait_idle()
    finally:
        command.kill()
        command.wait()
    warnings = [text for kind, text in prompts.asked if kind == "warn"]
    assert len(warnings) == 1 and "“đang ghi.sqlite” đang được mở bởi" in warnings[0]
    assert f"tiến trình số {command.pid}" in warnings[0]
    assert window.controller.services is services


def test_damage_found_after_start_is_told_to_the_clerk(window: MainWindow, prompts: FakePrompts,
                                                       tasks: TaskRunner, tmp_path: Path, qtbot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that opens but fails PRAGMA quick_check: a few moments after it is shown, a warning
    names the file and points to Phục hồi; the window stays usable on it."""
    monkeypatch.setattr(ui.database_controller, "INTEGRITY_CHECK_DELAY_MS", 0)
    damaged = _damaged(tmp_path / "hỏng.sqlite")
    prompts.open_paths = [damaged]
    window.action_open.trigger()
    qtbot.waitUntil(lambda: any(kind == "warn" for kind, _ in prompts.asked), timeout=30_000)
    warning = next(text for kind, text in prompts.asked if kind == "warn")
    assert "Kiểm tra toàn vẹn tệp “hỏng.sqlite” phát hiện lỗi" in warning and "Phục hồi" in warning
    assert window.controller.services.path == damaged
