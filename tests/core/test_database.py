"""open_database: PRAGMAs, checks before writing, migrations, refusals."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from khoi_desktop.domain.errors import (
    CorruptDatabaseError,
    NetworkPathError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
)
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import CACHE_SIZE_KIB, DRIVE_REMOTE, open_database, refuse_network_path
from khoi_desktop.storage.migrations import KNOWN, SCHEMA, schema_version


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fresh_database_has_safe_pragmas(db_path: Path) -> None:
    """A new file runs in WAL with synchronous=FULL, foreign keys on and a busy timeout."""
    db = open_database(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    db.close()


def test_both_kinds_of_connection_sort_a_bloc_year_in_memory(db_path: Path) -> None:
    """The page cache, up to which SQLite sorts in memory, is 16 MB on a writing and on a read-only connection."""
    writing = open_database(db_path)
    reading = open_database(db_path, read_only=True)
    try:
        assert [db.execute("PRAGMA cache_size").fetchone()[0] for db in (writing, reading)] == [-CACHE_SIZE_KIB] * 2
        assert CACHE_SIZE_KIB >= 16_000
    finally:
        reading.close()
        writing.close()


def test_fresh_database_holds_the_whole_domain(db_path: Path) -> None:
    """Every domain table exists and all known migrations are recorded."""
    db = open_database(db_path)
    tables = set(db.table_names())
    for name in ("organizations", "terms", "people", "memberships", "positions", "status_history",
                 "year_plans", "meetings", "attendance", "talks", "agenda_items", "speeches", "votes",
                 "commitments", "commitment_items", "assessments", "inspections", "outreach", "exemplars",
                 "documents", "settings", "rule_presets", "audit_log"):
        assert name in tables
    assert [m.name for m in SCHEMA.applied(db)] == KNOWN
    db.close()


def test_migration_names_are_unique_and_ordered() -> None:
    """Migration names never repeat and carry increasing step numbers."""
    assert len(KNOWN) == len(set(KNOWN))
    assert sorted(KNOWN) == KNOWN
    assert schema_version() == KNOWN[-1]


def test_upgrade_from_previous_step_copies_the_file_aside(db_path: Path) -> None:
    """A database one step behind is copied aside, then upgraded, keeping its data."""
    db = Database(sqlite3.connect(db_path, isolation_level=None))
    SCHEMA.apply(db, stop_before=KNOWN[-1])
    db.execute("INSERT INTO settings (key, value) VALUES ('operator_name', 'Lan')")
    db.close()
    upgraded = open_database(db_path)
    assert [m.name for m in SCHEMA.applied(upgraded)] == KNOWN
    assert upgraded.execute("SELECT value FROM settings").fetchone()[0] == "Lan"
    upgraded.close()
    copies = list(db_path.parent.glob("khoi.truoc-nang-cap-*.sqlite"))
    assert len(copies) == 1
    old = sqlite3.connect(copies[0])
    assert KNOWN[-1] not in {row[0] for row in old.execute("SELECT name FROM _sqlite_migrations")}
    old.close()


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    """An unknown migration name means a newer app wrote the file: refuse, change nothing."""
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('khoi', 'm9999_future', 'x')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db_path)
    with pytest.raises(NewerDatabaseError, match="phiên bản Khối Desktop mới hơn"):
        open_database(db_path)
    assert _digest(db_path) == before


def test_non_sqlite_file_is_refused(tmp_path: Path) -> None:
    """A text file named .sqlite is not opened and not changed."""
    path = tmp_path / "ghi-chu.sqlite"
    path.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    with pytest.raises(NotADatabaseError, match="không phải"):
        open_database(path)
    assert path.read_text(encoding="utf-8") == "không phải cơ sở dữ liệu"


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    """Another program's SQLite file is not silently migrated into ours."""
    path = tmp_path / "khac.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotADatabaseError, match="không phải của Khối Desktop"):
        open_database(path)


def test_corrupt_database_is_refused(db_path: Path) -> None:
    """Damage inside the file is reported as corruption, with a hint to restore."""
    open_database(db_path).close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096 + 100, min(len(data), 4096 * 6), 7):
        data[offset] = 0xFF
    db_path.write_bytes(bytes(data))
    with pytest.raises((CorruptDatabaseError, NotADatabaseError)):
        open_database(db_path)


def test_missing_folder_is_explained(tmp_path: Path) -> None:
    """A database path in a folder that does not exist gets a Vietnamese message."""
    with pytest.raises(StorageError, match="không tồn tại"):
        open_database(tmp_path / "khong-co" / "khoi.sqlite")


@pytest.mark.parametrize("path", [r"\\maychu\chung\khoi.sqlite", "//maychu/chung/khoi.sqlite"])
def test_unc_paths_are_refused(path: str) -> None:
    """UNC paths to a share are refused with the reason."""
    with pytest.raises(NetworkPathError, match="ổ mạng"):
        refuse_network_path(Path(path))


def test_mapped_network_drive_is_refused() -> None:
    """A drive letter Windows reports as remote is refused; a local one is fine."""
    with pytest.raises(NetworkPathError):
        refuse_network_path(Path("Z:/khoi.sqlite"), is_windows=True, drive_type=lambda root: DRIVE_REMOTE)
    refuse_network_path(Path("C:/khoi.sqlite"), is_windows=True, drive_type=lambda root: 3)


def test_integrity_check_aside_reads_without_writing_beside_an_open_writer(tmp_path: Path) -> None:
    """The window's background check: its own read-only connection says "ok" while the app's
    connection holds a write transaction, works on a path with spaces and diacritics, changes nothing."""
    from khoi_desktop.storage.maintenance_repo import quick_check_file

    path = tmp_path / "Dữ liệu chi bộ" / "khối #1.sqlite"
    path.parent.mkdir()
    db = open_database(path)
    try:
        db.execute("CREATE TABLE ghi_chu (noi_dung TEXT)")
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.execute("INSERT INTO ghi_chu VALUES ('đang ghi')")
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        assert quick_check_file(path) == ["ok"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        db.conn.execute("ROLLBACK")
    finally:
        db.close()


def test_integrity_check_aside_reports_a_damaged_file(tmp_path: Path) -> None:
    """A page of the file overwritten with junk: the check answers with the problem (never "ok", never
    an exception the window would only log)."""
    from khoi_desktop.storage.maintenance_repo import quick_check_file

    path = tmp_path / "hong.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 200)
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 2 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    assert quick_check_file(path) != ["ok"]
