"""One window per database: a second lock is refused with a message; a dead owner's lock is taken over."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from khoi_desktop.file_lock import UNREADABLE_GRACE_S, LockHolder, lock_path
from ui.single_instance import (
    DatabaseLock,
    LockState,
    already_open_message,
    ensure_single_instance,
)

HOLDER = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(0) else "failed", flush=True)
time.sleep(60)
"""


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "khoi.sqlite"


@pytest.fixture
def first(database: Path) -> Iterator[DatabaseLock]:
    lock = DatabaseLock(database)
    yield lock
    lock.release()


def _start_holder(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_lock_file_sits_next_to_the_database(database: Path, first: DatabaseLock) -> None:
    """The lock is '<database>.lock' and exists while held."""
    assert first.acquire() is LockState.ACQUIRED
    assert first.path == lock_path(database) == database.with_name("khoi.sqlite.lock")
    assert first.path.exists() and first.is_held()
    first.release()
    assert not first.path.exists()


def test_second_lock_on_the_same_database_is_refused(database: Path, first: DatabaseLock) -> None:
    """A second lock object (a second start) cannot take a held lock and learns the owner."""
    assert first.acquire() is LockState.ACQUIRED
    second = DatabaseLock(database)
    assert second.acquire() is LockState.HELD_ELSEWHERE
    assert second.owner is not None and second.owner.pid == os.getpid()
    first.release()
    assert second.acquire() is LockState.ACQUIRED
    second.release()


def test_other_databases_are_independent(tmp_path: Path, first: DatabaseLock) -> None:
    """Two different files can be open in two windows."""
    assert first.acquire() is LockState.ACQUIRED
    other = DatabaseLock(tmp_path / "khac.sqlite")
    assert other.acquire() is LockState.ACQUIRED
    other.release()


def test_lock_held_by_another_live_process_is_respected(database: Path) -> None:
    """A lock held by a running process is not taken over."""
    holder = _start_holder(lock_path(database))
    try:
        lock = DatabaseLock(database)
        assert lock.acquire() is LockState.HELD_ELSEWHERE
        assert lock.owner is not None and lock.owner.pid == holder.pid
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_of_a_killed_process_is_taken_over(database: Path) -> None:
    """After the owner is killed (a crash), the next start takes the lock over."""
    holder = _start_holder(lock_path(database))
    holder.kill()
    holder.wait()
    assert lock_path(database).exists()
    lock = DatabaseLock(database)
    assert lock.acquire() is LockState.ACQUIRED
    lock.release()


def test_unreadable_lock_file_is_taken_over_once_old(database: Path) -> None:
    """An empty lock file (power cut while writing it) is removed after a few seconds, not before."""
    path = lock_path(database)
    path.write_bytes(b"")
    lock = DatabaseLock(database)
    assert lock.acquire() is LockState.HELD_ELSEWHERE
    old = time.time() - UNREADABLE_GRACE_S - 1
    os.utime(path, (old, old))
    assert lock.acquire() is LockState.ACQUIRED
    lock.release()


def test_second_start_shows_a_friendly_message(database: Path, first: DatabaseLock) -> None:
    """ensure_single_instance shows a Vietnamese message and returns None when the file is open."""
    first.acquire()
    shown: list[tuple[str, str]] = []
    assert ensure_single_instance(database, lambda title, text: shown.append((title, text))) is None
    (title, text), = shown
    assert title == "Cơ sở dữ liệu đang mở"
    assert "khoi.sqlite" in text and "đang được mở bởi Khối Desktop (chương trình" in text and "tiến trình số" in text
    first.release()
    lock = ensure_single_instance(database, lambda title, text: shown.append((title, text)))
    assert lock is not None and lock.is_held()
    lock.release()


def test_message_names_another_host(database: Path) -> None:
    """A lock taken on another computer names that computer."""
    assert "trên máy “PC-KE-TOAN”" in already_open_message(database, LockHolder(42, "khoi", "PC-KE-TOAN"))
