"""One running copy per database: a QLockFile next to it, ``<database>.lock``.

The lock is held for the whole session, so it must never expire by age
(``setStaleLockTime(0)``). A lock left behind by a crash is still taken over: QLockFile
records the owner's process id, host and program name, and ``tryLock`` removes the file
when that process is no longer running on this machine. A lock file whose content cannot
be read (power cut while it was being written) is removed once it is a few seconds old.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QSysInfo

from khoi_desktop.file_lock import UNREADABLE_GRACE_S, LockHolder, holder_text, lock_path

log = logging.getLogger(__name__)

ShowMessage = Callable[[str, str], None]


class LockState(Enum):
    ACQUIRED = "acquired"
    HELD_ELSEWHERE = "held_elsewhere"
    UNAVAILABLE = "unavailable"  # the folder does not allow a lock file; go on without one


class DatabaseLock:
    """The lock of one database file, held from opening to closing."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database)
        self.path = lock_path(self.database)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # long-lived: never stale by age, only by a dead owner
        self.owner: LockHolder | None = None

    def acquire(self) -> LockState:
        """Take the lock, or learn who holds it (``owner``)."""
        if self._lock.isLocked() or self._lock.tryLock(0):
            return LockState.ACQUIRED
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            log.warning("Không tạo được tệp khóa %s (%s)", self.path, self._lock.error())
            return LockState.UNAVAILABLE
        pid, host, program = self._lock.getLockInfo()
        if pid <= 0 and self._unreadable_for_a_while() and self._lock.removeStaleLockFile() \
                and self._lock.tryLock(0):
            log.warning("Đã gỡ tệp khóa hỏng %s", self.path)
            return LockState.ACQUIRED
        self.owner = LockHolder(int(pid), str(program), str(host))
        return LockState.HELD_ELSEWHERE

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def is_held(self) -> bool:
        return self._lock.isLocked()

    def _unreadable_for_a_while(self) -> bool:
        try:
            return time.time() - self.path.stat().st_mtime > UNREADABLE_GRACE_S
        except OSError:
            return True


def already_open_message(database: Path, owner: LockHolder | None) -> str:
    """Names the holder as the command line does (:func:`khoi_desktop.file_lock.holder_text`):
    the lock may be held by another window or by a command (``restore``, ``import-members``)."""
    if owner is not None and owner.host == _this_host():
        owner = replace(owner, host="")  # Qt's name for this machine may differ from the socket's
    return (
        f"Cơ sở dữ liệu “{database.name}” đang được mở bởi {holder_text(owner)}.\n\n"
        "Hãy chuyển sang cửa sổ đó (xem trên thanh tác vụ). Nếu muốn mở lại ở đây, hãy đóng "
        "cửa sổ kia trước. Hai cửa sổ cùng sửa một tệp có thể ghi đè công việc của nhau."
    )


def _this_host() -> str:
    return QSysInfo.machineHostName()  # what QLockFile records as the host


def ensure_single_instance(database: Path, show_message: ShowMessage) -> DatabaseLock | None:
    """Lock ``database`` for this window; if another window has it, say so and return None.

    ``show_message(title, text)`` is usually ``prompts.warn``. Keep the returned lock for the
    whole session and call ``release()`` after closing the database.
    """
    lock = DatabaseLock(database)
    state = lock.acquire()
    if state is LockState.HELD_ELSEWHERE:
        show_message("Cơ sở dữ liệu đang mở", already_open_message(lock.database, lock.owner))
        return None
    return lock
