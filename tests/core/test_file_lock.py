"""The writer lock: the format of Qt's QLockFile, holders named, stale locks taken over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from khoi_desktop.file_lock import DatabaseBusyError, WriterLock, lock_path, read_holder, this_host


def test_the_lock_file_holds_pid_program_and_host(tmp_path: Path) -> None:
    """One line each, as QLockFile writes and reads them."""
    database = tmp_path / "khoi.sqlite"
    with WriterLock(database):
        lines = lock_path(database).read_text().split("\n")
        assert lines[0] == str(os.getpid()) and lines[1] and lines[2] == this_host()
    assert not lock_path(database).exists()


def test_a_second_writer_is_refused_naming_the_holder(tmp_path: Path) -> None:
    database = tmp_path / "khoi.sqlite"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from khoi_desktop.file_lock import WriterLock\n"
        f"lock = WriterLock(Path({str(database)!r})); lock.acquire(); print('giữ', flush=True); "
        "sys.stdin.read()")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2])
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "giữ"
        with pytest.raises(DatabaseBusyError, match=f"tiến trình số {holder.pid}") as caught:
            WriterLock(database).acquire()
        assert "“khoi.sqlite”" in caught.value.message and "Hãy đóng" in caught.value.message
    finally:
        holder.communicate("")
    with WriterLock(database):  # released when the holder ended
        pass


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    database = tmp_path / "khoi.sqlite"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    lock_path(database).write_text(f"{finished.stdout.strip()}\npython3\n{this_host()}\n")
    with WriterLock(database):
        assert read_holder(lock_path(database)).pid == os.getpid()  # type: ignore[union-attr]


def test_a_lock_from_another_machine_is_respected(tmp_path: Path) -> None:
    database = tmp_path / "khoi.sqlite"
    lock_path(database).write_text("1\nkhoi.exe\nMAY-KHAC\n")
    with pytest.raises(DatabaseBusyError, match="trên máy “MAY-KHAC”"):
        WriterLock(database).acquire()


def test_the_windows_qt_lock_refuses_the_command_line(tmp_path: Path) -> None:
    """A QLockFile held by another process (the window) blocks a writing command, and back."""
    pytest.importorskip("PySide6")
    database = tmp_path / "khoi.sqlite"
    window = subprocess.Popen([sys.executable, "-c", (
        "import sys; from PySide6.QtCore import QLockFile\n"
        f"lock = QLockFile({str(lock_path(database))!r}); lock.setStaleLockTime(0)\n"
        "print(lock.tryLock(0), flush=True); sys.stdin.read()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "True"
        with pytest.raises(DatabaseBusyError, match=f"tiến trình số {window.pid}"):
            WriterLock(database).acquire()
    finally:
        window.communicate("")
    with WriterLock(database):
        qt = subprocess.run([sys.executable, "-c", (
            "from PySide6.QtCore import QLockFile\n"
            f"lock = QLockFile({str(lock_path(database))!r}); lock.setStaleLockTime(0); print(lock.tryLock(0))")],
            capture_output=True, text=True)
        assert qt.stdout.strip() == "False"
