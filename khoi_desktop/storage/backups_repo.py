"""Backup files on disk: write one with SQLite's backup API, read its counts, list, delete.

A backup is written under a temporary name, checked, switched to a single self-contained
file (journal_mode=DELETE, so it can be copied to a USB drive alone) and only then given
its final name: a half-written backup never appears in the list.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from khoi_desktop.domain.backups import (
    PREFIX,
    STAMP_FORMAT,
    BackupFile,
    backup_name,
    format_size,
    parse_backup_name,
)
from khoi_desktop.domain.errors import StorageError
from khoi_desktop.durable import finalise, replacing
from khoi_desktop.progress import Progress, Stages
from khoi_desktop.storage.connection import Database

PARTIAL_SUFFIX = ".dang-ghi"
SPACE_MARGIN = 1.2  # room asked for, relative to the database size
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def free_name(folder: Path, created: datetime, reason: str) -> tuple[Path, datetime]:
    """The file name for a backup made at ``created``; a second later while that moment is taken.

    Every backup in a folder has its own timestamp, whatever its reason, so the retention
    rule and the list order never meet a tie.
    """
    stamp = created.replace(microsecond=0)
    while any(folder.glob(f"{PREFIX}-{stamp.strftime(STAMP_FORMAT)}-*")):
        stamp += timedelta(seconds=1)
    return folder / backup_name(stamp, reason), stamp


def database_size(db: Database) -> int:
    """Bytes the database occupies (pages in use plus free pages)."""
    page_count = db.execute("PRAGMA page_count").fetchone()[0]
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    return int(page_count) * int(page_size)


def change_count(db: Database) -> int:
    """Rows changed through this connection since it was opened (cheap; no query)."""
    return int(db.conn.total_changes)


def check_folder(folder: Path, needed: int) -> None:
    """Raise a Vietnamese :class:`StorageError` unless ``folder`` can take ``needed`` bytes."""
    if not folder.is_dir():
        raise StorageError(f"Không tìm thấy thư mục “{folder}”. Hãy kiểm tra ổ USB đã được cắm chưa.")
    probe = folder / f".khoi-thu-ghi-{os.getpid()}"
    try:
        probe.write_bytes(b"")
    except OSError as exc:
        raise _explain(exc, folder) from exc
    finally:
        probe.unlink(missing_ok=True)
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    wanted = int(needed * SPACE_MARGIN) + 64 * 1024
    if free < wanted:
        raise StorageError(
            f"Ổ chứa “{folder}” không đủ chỗ trống: cần khoảng {format_size(wanted)}, "
            f"chỉ còn {format_size(free)}. Hãy xóa bớt tệp trên ổ đó hoặc chọn ổ khác."
        )


def write_backup(db: Database, target: Path, progress: Progress | None = None) -> Path:
    """A consistent, checked, single-file copy of the live database at ``target``.

    ``progress`` gets pages: the copy reports them as SQLite copies them, and the check
    of the written copy, which reads every page again, counts as many once it is done.
    """
    if target.exists():
        raise StorageError(f"Tệp “{target}” đã có; không ghi đè.")
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        _copy_into(db.conn, partial, progress)
        finalise(partial, target)
    except OSError as exc:
        raise _explain(exc, target.parent) from exc
    except sqlite3.Error as exc:
        raise _explain_sqlite(exc, target) from exc
    finally:
        _remove(partial)
    return target


def _copy_into(conn: sqlite3.Connection, partial: Path, progress: Progress | None = None) -> None:
    _remove(partial)
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    stages = Stages(progress, [pages, pages])
    copied = stages.stage(0)
    destination = sqlite3.connect(str(partial), isolation_level=None)
    try:
        conn.backup(destination, pages=_pages_per_step(pages),
                    progress=lambda _status, remaining, total: copied(total - remaining, total))
        stages.finish(0)
        destination.execute("PRAGMA journal_mode = DELETE")
        result = destination.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StorageError(f"Bản sao lưu vừa ghi không đọc lại được ({result}); hãy thử lại.")
        stages.finish(1)
    finally:
        destination.close()


def _pages_per_step(pages: int) -> int:
    """About a hundred steps per copy, none smaller than 64 pages (each step takes the read lock)."""
    return max(64, pages // 100)


def copy_raw(source: Path, target: Path) -> Path:
    """Byte copy of a file that cannot be opened as a database (kept as evidence, with its -wal)."""
    wal = Path(f"{source}-wal")
    try:
        if wal.exists():
            with replacing(Path(f"{target}-wal")) as temporary:
                shutil.copyfile(wal, temporary)
        with replacing(target) as temporary:
            shutil.copyfile(source, temporary)
    except OSError as exc:
        raise _explain(exc, target.parent) from exc
    return target


def scan(folder: Path) -> list[BackupFile]:
    """Every backup in ``folder``, newest first (other files are ignored)."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        parsed = parse_backup_name(entry.name)
        if parsed is None or not entry.is_file():
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupFile(entry, parsed[0], parsed[1], size))
    return sorted(found, key=lambda item: item.created, reverse=True)


def remove_leftovers(folder: Path) -> int:
    """Delete half-written backups left by a crash; returns how many."""
    if not folder.is_dir():
        return 0
    leftovers = [*folder.glob(f"*{PARTIAL_SUFFIX}*"), *folder.glob(".*.tmp")]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return len(leftovers)


def read_counts(path: Path) -> tuple[int | None, int | None]:
    """(people, meetings) read straight from a backup file, without changing it."""
    uri = f"file:{quote(path.resolve().as_posix())}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return None, None
    try:
        return _count(conn, "people"), _count(conn, "meetings")
    finally:
        conn.close()


def _count(conn: sqlite3.Connection, table: str) -> int | None:
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return None


def delete(path: Path) -> None:
    _remove(path)


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _explain(exc: OSError, folder: Path) -> StorageError:
    if exc.errno in _FULL:
        return StorageError(f"Ổ chứa “{folder}” đã đầy; bản sao lưu chưa được ghi. "
                            "Hãy xóa bớt tệp hoặc chọn ổ khác.")
    if exc.errno in _DENIED or isinstance(exc, PermissionError):
        return StorageError(f"Không ghi được vào thư mục “{folder}”: ổ chỉ cho phép đọc hoặc bạn không "
                            "có quyền ghi. Hãy chọn thư mục khác (với USB: kiểm tra khóa chống ghi).")
    return StorageError(f"Không ghi được bản sao lưu vào “{folder}”: {exc.strerror or exc}.")


def _explain_sqlite(exc: sqlite3.Error, target: Path) -> StorageError:
    text = str(exc).lower()
    if "full" in text:
        return _explain(OSError(errno.ENOSPC, "full"), target.parent)
    if "readonly" in text or "unable to open" in text:
        return _explain(OSError(errno.EACCES, "denied"), target.parent)
    return StorageError(f"Không sao lưu được vào “{target}”: {exc}.")
