"""One writer per database: the ``<database>.lock`` file, shared by the window and the command line.

The window takes it with Qt's ``QLockFile`` (``ui/single_instance.py``); the core cannot load
Qt, so this module speaks the same format: the file is created exclusively and holds the
owner's process id, program name and host name, one per line (Qt adds a machine and a
boot id after them; readers ignore what they do not know). Like Qt on Unix, the holder
also keeps an ``flock`` on it, and a lock whose owner is no longer running on this machine
is stale and taken over. Either program therefore refuses while the other holds the file.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from khoi_desktop.domain.errors import StorageError

UNREADABLE_GRACE_S = 5.0  # a live owner writes its details right after creating the file


class DatabaseBusyError(StorageError):
    """Another program (a window, another command) holds the database's lock."""


@dataclass(frozen=True)
class LockHolder:
    pid: int
    program: str
    host: str


def lock_path(database: Path) -> Path:
    return Path(f"{database}.lock")


def this_host() -> str:
    return socket.gethostname()


def program_name() -> str:
    """What Qt records for a process: the file name of its executable."""
    try:
        return Path(os.readlink("/proc/self/exe")).name  # Qt reads /proc/<pid>/exe on Linux
    except OSError:
        return Path(sys.executable).name


def read_holder(path: Path) -> LockHolder | None:
    """The owner recorded in a lock file (None when it is empty or unreadable)."""
    try:
        lines = path.read_bytes().decode("utf-8", "replace").split("\n")
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    program = lines[1] if len(lines) > 1 else ""
    host = lines[2] if len(lines) > 2 else ""
    return LockHolder(pid, program, host)


def holder_text(holder: LockHolder | None) -> str:
    """“Khối Desktop (chương trình “python3.11”, tiến trình số 4321, trên máy “PC-01”)”."""
    if holder is None:
        return "một chương trình Khối Desktop khác"
    where = f", trên máy “{holder.host}”" if holder.host and holder.host != this_host() else ""
    program = f"chương trình “{holder.program}”, " if holder.program else ""
    return f"Khối Desktop ({program}tiến trình số {holder.pid}{where})"


def busy_message(database: Path, holder: LockHolder | None) -> str:
    return (f"Cơ sở dữ liệu “{database.name}” đang được mở bởi {holder_text(holder)}. "
            "Hãy đóng cửa sổ Khối Desktop đang mở tệp này (xem trên thanh tác vụ) rồi chạy lại lệnh; "
            "không có gì được ghi.")


class WriterLock:
    """The lock of one database for a writing command; use as a context manager."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database)
        self.path = lock_path(self.database)
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        """Take the lock or raise :class:`DatabaseBusyError` naming the holder.

        A folder where no lock file can be made (read-only) is left to the database's own
        refusal to write, as the window does.
        """
        for _attempt in range(3):
            if self._try_create():
                return
            holder = read_holder(self.path)
            if not self._is_stale(holder):
                raise DatabaseBusyError(busy_message(self.database, holder))
            self.path.unlink(missing_ok=True)
        raise DatabaseBusyError(busy_message(self.database, read_holder(self.path)))

    def release(self) -> None:
        if self._fd is None:
            return
        self.path.unlink(missing_ok=True)  # removed while still held, as Qt does
        os.close(self._fd)
        self._fd = None

    def _try_create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError:
            return True  # read-only folder: no lock possible; the database refuses writes itself
        content = f"{os.getpid()}\n{program_name()}\n{this_host()}\n".encode()
        os.write(fd, content)
        _native_lock(fd)
        self._fd = fd
        return True

    def _is_stale(self, holder: LockHolder | None) -> bool:
        if holder is None:
            return self._unreadable_for_a_while()
        if holder.host and holder.host != this_host():
            return False
        if holder.pid == os.getpid():
            return False  # this very process holds it (the window's own lock)
        if not process_running(holder.pid):
            return True
        # The id may belong to another program now: nobody holding the flock for a while says so.
        return self._unreadable_for_a_while() and _free_of_native_lock(self.path)

    def _unreadable_for_a_while(self) -> bool:
        """The file is older than the few seconds an owner needs to write its details."""
        try:
            return time.time() - self.path.stat().st_mtime > UNREADABLE_GRACE_S
        except OSError:
            return True


def process_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_process_running(pid: int) -> bool:
    import ctypes  # noqa: PLC0415 - Windows-only API, loaded only there

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _native_lock(fd: int) -> bool:
    """Qt holds an ``flock`` on its lock file on Unix; so do we (Windows: the open handle suffices)."""
    if sys.platform == "win32":
        return True
    import fcntl  # noqa: PLC0415 - Unix only

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _free_of_native_lock(path: Path) -> bool:
    """True when nobody holds the ``flock``: the recorded owner is gone or was another process."""
    if sys.platform == "win32":
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return _native_lock(fd)
    finally:
        os.close(fd)
