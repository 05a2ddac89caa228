"""Whole-file operations: counts, checks, backup and restore of the SQLite file."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khoi_desktop.domain.errors import NotADatabaseError, OperationCancelled, StorageError
from khoi_desktop.durable import check_free_space, explain_os_error, finalise
from khoi_desktop.progress import Cancelled, Progress, Stages
from khoi_desktop.storage import backups_repo
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import (
    applied_migrations,
    check_header,
    explain_sqlite_error,
    open_database,
    quick_check_rows,
)

SPACE_SLACK = 1024 * 1024  # journal pages and file-system overhead beside the copied bytes
CHUNK = 1024 * 1024  # bytes copied between two progress reports

APP_TABLES = ("organizations", "people", "memberships", "meetings", "attendance", "audit_log")
COUNTED_TABLES = (
    "organizations", "people", "memberships", "meetings", "attendance", "talks", "commitments",
    "assessments", "inspections", "outreach", "exemplars", "documents", "audit_log",
)


def table_counts(db: Database) -> dict[str, int]:
    return {name: int(db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in COUNTED_TABLES}


def quick_check(db: Database) -> list[str]:
    return quick_check_rows(db.conn)


def quick_check_file(path: Path) -> list[str]:
    """``PRAGMA quick_check`` on a read-only connection of its own, so it can run beside the
    connection that serves the window instead of queueing the window's work behind it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return quick_check_rows(conn)
    except sqlite3.OperationalError:
        raise  # busy, locked, I/O: the check did not run, which says nothing about the file
    except sqlite3.DatabaseError:  # SQLite refuses to read on: that is the check's answer
        return ["dữ liệu trong tệp bị hỏng, không đọc được"]
    finally:
        conn.close()


def schema_names(db: Database) -> list[str]:
    return applied_migrations(db.conn)


def backup_to(db: Database, target: Path, progress: Progress | None = None) -> Path:
    """A checked, flushed, single-file copy at ``target``: written aside, renamed when whole."""
    if target.exists():
        raise StorageError(f"Tệp “{target}” đã có; hãy chọn tên khác để không ghi đè.")
    if not target.parent.exists():
        raise StorageError(f"Thư mục “{target.parent}” không tồn tại.")
    check_free_space(target.parent, backups_repo.database_size(db) + SPACE_SLACK, what="sao lưu")
    return backups_repo.write_backup(db, target, progress)


def validate_backup(source: Path, progress: Progress | None = None,
                    cancelled: Cancelled | None = None) -> dict[str, int]:
    """Check a candidate backup fully (on a copy in the temporary folder); its table counts."""
    with checked_copy(source, Path(tempfile.gettempdir()), progress, cancelled) as (_copy, counts):
        return counts


@contextmanager
def checked_copy(source: Path, folder: Path, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> Iterator[tuple[Path, dict[str, int]]]:
    """A checked, single-file copy of ``source`` (its ``-wal`` folded in) in a hidden folder
    inside ``folder``; yields the copy and its counts, and always removes the hidden folder.

    The copy keeps the source's name, so every refusal names the user's file. The source is
    only read: it may sit on a write-protected USB stick. ``progress`` gets bytes: those
    copied, then as many again once the full check (which reads them all) has passed.
    ``cancelled`` is asked between chunks: :class:`OperationCancelled`, nothing left behind.
    """
    _refuse_plainly_wrong(source)
    work = _work_folder(folder)
    try:
        copy = work / source.name
        counts = _copy_and_check(source, copy, progress, cancelled)
        yield copy, counts
    finally:
        shutil.rmtree(work, ignore_errors=True)


def file_bytes(path: Path) -> int:
    """Size of ``path`` with its ``-wal`` (what a copy of it reads); 0 for what is not there."""
    return sum(_size(Path(f"{path}{suffix}")) for suffix in ("", "-wal"))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _refuse_plainly_wrong(source: Path) -> None:
    if not source.is_file():
        raise StorageError(f"Không tìm thấy tệp “{source}”.")
    if source.stat().st_size == 0:
        raise NotADatabaseError(f"Tệp “{source.name}” rỗng (0 byte), không phải bản sao lưu; "
                                "dữ liệu hiện tại không bị thay đổi.")
    check_header(source)


def _work_folder(folder: Path) -> Path:
    try:
        return Path(tempfile.mkdtemp(prefix=".khoi-phuc-hoi-", dir=folder))
    except OSError as exc:
        raise explain_os_error(exc, folder / ".khoi-phuc-hoi", doing="ghi tệp tạm vào") from exc


def _copy_and_check(source: Path, copy: Path, progress: Progress | None = None,
                    cancelled: Cancelled | None = None) -> dict[str, int]:
    size = file_bytes(source)
    stages = Stages(progress, [size, size])
    copied = _Copied(stages.stage(0), size, cancelled)
    try:
        _copy_chunked(source, copy, copied)
        wal = Path(f"{source}-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            _copy_chunked(wal, Path(f"{copy}-wal"), copied)  # committed work not yet in the main file
    except OSError as exc:
        raise explain_os_error(exc, copy.parent / source.name, doing="chép bản sao lưu") from exc
    counts = _check_copy(source, copy)
    stages.finish(1)
    return counts


class _Copied:
    """Bytes copied so far across the files of one copy; asks about Hủy at every chunk."""

    def __init__(self, report: Progress, total: int, cancelled: Cancelled | None) -> None:
        self.report, self.total, self.cancelled, self.done = report, total, cancelled, 0

    def add(self, count: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise OperationCancelled("Đã hủy; dữ liệu không bị thay đổi và tệp tạm đã được xóa.")
        self.done += count
        self.report(self.done, self.total)


def _copy_chunked(source: Path, target: Path, copied: _Copied) -> None:
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(CHUNK):
            writer.write(chunk)
            copied.add(len(chunk))


def _check_copy(source: Path, copy: Path) -> dict[str, int]:
    db = open_database(copy, full_check=True)
    try:
        missing = [name for name in APP_TABLES if not db.table_exists(name)]
        if missing:
            raise NotADatabaseError(f"Tệp “{source.name}” là cơ sở dữ liệu SQLite nhưng thiếu bảng của "
                                    f"Khối Desktop (“{missing[0]}”), nên không dùng để phục hồi được.")
        counts = table_counts(db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to swap in
    except sqlite3.Error as exc:
        raise explain_sqlite_error(exc, source) from exc
    finally:
        db.close()
    return counts


def fold_wal(database: Path) -> None:
    """Move the committed pages of ``database``'s ``-wal`` into the file itself (content unchanged),
    so that no journal of the old file outlives a swap. A file SQLite cannot open has been
    copied byte for byte (with its -wal) before; its journal files are then removed."""
    if not Path(f"{database}-wal").exists() and not Path(f"{database}-shm").exists():
        return
    if not database.is_file():
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        return
    try:
        conn = sqlite3.connect(str(database), isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except sqlite3.Error:
        pass
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def swap_in(staged: Path, target: Path) -> None:
    """Put the checked ``staged`` file in place of ``target`` in one atomic, flushed rename."""
    try:
        fold_wal(target)
        finalise(staged, target)
    except OSError as exc:
        raise explain_os_error(exc, target, doing="phục hồi vào") from exc
