"""Opening the one SQLite file safely: checks first, then PRAGMAs, a copy aside, migrations."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PureWindowsPath
from urllib.parse import quote

from khoi_desktop.domain.errors import (
    CorruptDatabaseError,
    NetworkPathError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)
from khoi_desktop.domain.vntext import register_collation
from khoi_desktop.durable import explain_os_error, replacing
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.migrations import KNOWN, MIGRATION_SET, SCHEMA

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive
# SQLite sorts GROUP BY / ORDER BY rows in memory up to the page cache's size, then spills them to
# temporary files: at the default 2 MB a bloc's year of study attendance (~60,000 rows, the
# overview's figures) spills; 16 MB keeps it in memory (the cache grows only as pages are read).
CACHE_SIZE_KIB = 16_000


def open_database(path: Path | str, *, migrate: bool = True, read_only: bool = False,
                  full_check: bool = False) -> Database:
    """Open (or create) the database at ``path``, ready for the services.

    Refuses network paths, non-SQLite files, damaged files and files written by a newer
    version, each with a Vietnamese message and without writing anything to the file.
    A plain open checks the header and the schema; ``full_check`` adds ``PRAGMA quick_check``
    (``check``, backups and restores ask for it; it costs about 0.5 s on a bloc file).
    ``read_only`` opens an existing file without ever writing to it (reading commands beside
    an open window, a file on a write-protected drive); it never creates one.
    """
    path = Path(path)
    refuse_network_path(path)
    if read_only:
        return _open_read_only(path, full_check=full_check)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        check_header(path)
    elif not path.parent.exists():
        raise StorageError(f"Thư mục “{path.parent}” không tồn tại; không thể tạo cơ sở dữ liệu ở đó.")
    conn = _connect(str(path), path)
    try:
        return _prepare(conn, path, existed=existed, migrate=migrate, full_check=full_check)
    except BaseException:
        conn.close()
        raise


def _open_read_only(path: Path, *, full_check: bool) -> Database:
    if not path.is_file():
        raise StorageError(f"Không tìm thấy cơ sở dữ liệu “{path}”.")
    if path.stat().st_size == 0:
        raise NotADatabaseError(f"Tệp “{path.name}” rỗng (0 byte), không phải cơ sở dữ liệu của Khối Desktop.")
    check_header(path)
    conn = _connect(f"file:{quote(path.resolve().as_posix())}?mode=ro", path, uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if full_check:
            _quick_check(conn, path)
        _refuse_unknown_migrations(conn, path)
        missing = [name for name in KNOWN if name not in applied_migrations(conn)]
        conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")  # reads the schema: after the checks
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise explain_sqlite_error(exc, path) from exc
    if missing:
        conn.close()
        raise StorageError(f"Tệp “{path.name}” được ghi bởi phiên bản cũ hơn và cần nâng cấp trước khi đọc. "
                           "Hãy mở tệp một lần trong ứng dụng (với tệp chỉ cho phép đọc: chép tệp sang "
                           "thư mục khác trước).")
    register_collation(conn)
    return Database(conn)


def _connect(target: str, path: Path, *, uri: bool = False) -> sqlite3.Connection:
    try:
        # isolation_level=None: no implicit transactions; services use db.atomic().
        return sqlite3.connect(target, check_same_thread=False, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, uri=uri)
    except sqlite3.Error as exc:
        raise explain_sqlite_error(exc, path) from exc


def _prepare(conn: sqlite3.Connection, path: Path, *, existed: bool, migrate: bool,
             full_check: bool) -> Database:
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if existed:
            if full_check:
                _quick_check(conn, path)
            _refuse_unknown_migrations(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")  # reads the schema: after the checks
    except sqlite3.DatabaseError as exc:
        raise explain_sqlite_error(exc, path) from exc
    register_collation(conn)
    db = Database(conn)
    if migrate and SCHEMA.pending(db):
        if existed:
            copy_aside(conn, path)
        try:
            SCHEMA.apply(db)
        except sqlite3.DatabaseError as exc:
            raise explain_sqlite_error(exc, path) from exc
    return db


def check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise explain_os_error(exc, path, doing="đọc tệp") from exc
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"Tệp “{path.name}” không phải cơ sở dữ liệu của Khối Desktop (không phải tệp SQLite)."
        )


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    rows = quick_check_rows(conn)
    if rows != ["ok"]:
        raise CorruptDatabaseError(
            f"Tệp “{path.name}” bị hỏng (kiểm tra phát hiện: {rows[0]}). Hãy phục hồi từ một bản sao lưu."
        )


def quick_check_rows(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check``'s lines; a damaged file may put undecodable bytes in them."""
    previous = conn.text_factory
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    except UnicodeDecodeError:  # the check's own report quotes the damaged bytes
        return ["dữ liệu trong tệp bị hỏng, không đọc được"]
    finally:
        conn.text_factory = previous


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of our migrations recorded in the file, read without writing anything."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
    )
    return [row[0] for row in rows]


def _refuse_unknown_migrations(conn: sqlite3.Connection, path: Path) -> None:
    applied = applied_migrations(conn)
    if not applied:
        has_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if has_tables:
            raise NotADatabaseError(
                f"Tệp “{path.name}” là cơ sở dữ liệu SQLite nhưng không phải của Khối Desktop."
            )
        return
    unknown = [name for name in applied if name not in KNOWN]
    if unknown:
        raise NewerDatabaseError(
            f"Tệp “{path.name}” được ghi bởi phiên bản Khối Desktop mới hơn (có bước nâng cấp "
            f"“{unknown[0]}” mà phiên bản này không biết). Hãy cài phiên bản mới nhất để mở tệp; "
            "tệp không bị thay đổi."
        )


def copy_aside(conn: sqlite3.Connection, path: Path) -> Path:
    """Back the file up with SQLite's backup API before a migration changes it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.truoc-nang-cap-{stamp}{path.suffix}")
    backup_connection(conn, target)
    return target


def backup_connection(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of a live database (safe while it is in use), flushed, then named."""
    with replacing(target) as temporary:
        destination = sqlite3.connect(str(temporary))
        try:
            conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    return target


def explain_sqlite_error(exc: sqlite3.Error, path: Path) -> StorageError:
    """SQLite's English error as a Vietnamese sentence naming the user's file and what to do."""
    text = str(exc).lower()
    if "not a database" in text or "file is encrypted" in text:
        return NotADatabaseError(f"Tệp “{path.name}” không phải cơ sở dữ liệu SQLite hợp lệ.")
    if "malformed" in text or "corrupt" in text:
        return CorruptDatabaseError(f"Tệp “{path.name}” bị hỏng. Hãy phục hồi từ một bản sao lưu.")
    if "full" in text:
        return StorageError(f"Ổ chứa “{path.parent}” đã đầy nên không ghi được vào “{path.name}”; thay đổi "
                            "vừa rồi chưa được lưu, dữ liệu đã lưu trước đó vẫn còn nguyên. Hãy xóa bớt tệp "
                            "trên ổ đó rồi thử lại.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StorageError(
            f"Không ghi được vào “{path}”: thư mục hoặc tệp chỉ cho phép đọc. "
            "Hãy chép tệp vào một thư mục bạn có quyền ghi (ví dụ Tài liệu) rồi mở bản chép."
        )
    if "locked" in text or "busy" in text:
        return StorageError(f"Tệp “{path.name}” đang được một chương trình khác ghi (có thể là một cửa sổ "
                            "Khối Desktop khác). Hãy đóng chương trình đó rồi thử lại.")
    if "disk i/o" in text or "i/o error" in text:
        return StorageError(f"Ổ đĩa báo lỗi đọc ghi với tệp “{path.name}” (ổ USB bị rút, ổ hỏng hoặc tệp bị "
                            "chương trình diệt virus giữ). Hãy kiểm tra ổ đĩa, chép tệp sang ổ khác rồi thử lại.")
    return StorageError(f"Lỗi cơ sở dữ liệu với tệp “{path.name}”; thay đổi vừa rồi chưa được lưu. "
                        "Hãy chạy “check” để kiểm tra tệp, hoặc phục hồi từ một bản sao lưu.")


def refuse_network_path(
    path: Path,
    *,
    is_windows: bool | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> None:
    """Raise :class:`NetworkPathError` for a UNC path or a mapped network drive.

    ``is_windows`` and ``drive_type`` are injectable so tests can play Windows on Linux.
    """
    windows = (os.name == "nt") if is_windows is None else is_windows
    text = str(path)
    if text.startswith(("\\\\", "//")):
        raise NetworkPathError(_network_message(text))
    if not windows:
        return
    drive = PureWindowsPath(text).drive
    if not drive:
        return
    probe = drive_type or _windows_drive_type
    if probe(drive + "\\") == DRIVE_REMOTE:
        raise NetworkPathError(_network_message(text))


def _network_message(text: str) -> str:
    return (
        f"“{text}” nằm trên ổ mạng dùng chung. Cơ sở dữ liệu trên ổ mạng có thể bị hỏng khi mất kết nối "
        "hoặc khi hai máy cùng ghi, nên Khối Desktop chỉ mở tệp trên ổ đĩa của máy này. "
        "Hãy chép tệp về máy (ví dụ thư mục Tài liệu) rồi mở lại."
    )


def _windows_drive_type(root: str) -> int:
    if sys.platform != "win32":
        return 0
    import ctypes  # noqa: PLC0415 - Windows-only API, loaded only there

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))
