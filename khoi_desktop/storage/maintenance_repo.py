"""Whole-file operations: counts, checks, backup and restore of the SQLite file."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from khoi_desktop.domain.errors import StorageError
from khoi_desktop.storage.database import applied_migrations, backup_connection, open_database

COUNTED_TABLES = (
    "organizations", "people", "memberships", "meetings", "attendance", "talks", "commitments",
    "assessments", "inspections", "outreach", "exemplars", "documents", "audit_log",
)


def table_counts(db: Database) -> dict[str, int]:
    return {name: int(db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]) for name in COUNTED_TABLES}


def quick_check(db: Database) -> list[str]:
    return [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]


def schema_names(db: Database) -> list[str]:
    return applied_migrations(db.conn)


def backup_to(db: Database, target: Path) -> Path:
    if target.exists():
        raise StorageError(f"Tệp “{target}” đã có; hãy chọn tên khác để không ghi đè.")
    if not target.parent.exists():
        raise StorageError(f"Thư mục “{target.parent}” không tồn tại.")
    try:
        return backup_connection(db.conn, target)
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise StorageError(f"Không sao lưu được vào “{target}”: {exc}.") from exc


def validate_backup(source: Path) -> dict[str, int]:
    """Open a candidate backup read-only-ish (on a temporary copy) and check it fully."""
    if not source.is_file():
        raise StorageError(f"Không tìm thấy tệp “{source}”.")
    # The copy goes to a temporary folder: the source may sit on a write-protected USB stick.
    with tempfile.TemporaryDirectory(prefix="khoi-kiem-tra-") as folder:
        probe = Path(folder) / "kiem-tra.sqlite"
        shutil.copyfile(source, probe)
        db = open_database(probe)
        try:
            return table_counts(db)
        finally:
            db.close()


def restore_file(source: Path, target: Path) -> Path | None:
    """Replace ``target`` with ``source`` after checking it; keep a copy of the current file.

    Returns the path of the kept copy (None when there was no current file).
    """
    validate_backup(source)
    kept: Path | None = None
    if target.exists():
        kept = target.with_name(f"{target.stem}.truoc-phuc-hoi-{datetime.now():%Y%m%d-%H%M%S}{target.suffix}")
        current = open_database(target, migrate=False)
        try:
            backup_connection(current.conn, kept)
        finally:
            current.close()
    staged = target.with_name(target.name + ".dang-phuc-hoi")
    shutil.copyfile(source, staged)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    staged.replace(target)  # atomic rename: the old file is whole until this moment
    return kept
