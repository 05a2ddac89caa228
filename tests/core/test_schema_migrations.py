"""Migrations: applied once each, in order, with their record in the same transaction; the
record table is the one sqlite-utils kept, so older files open unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.schema_migrations import MIGRATIONS_TABLE, Migrations

# As sqlite-utils 4.2 created it (read from a database the app made before this module existed).
SQLITE_UTILS_TABLE = ('CREATE TABLE "_sqlite_migrations" (\n   "id" INTEGER PRIMARY KEY,\n   "migration_set" TEXT,\n'
                      '   "name" TEXT,\n   "applied_at" TEXT\n)')
SQLITE_UTILS_INDEX = ('CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n'
                      '    ON "_sqlite_migrations" ("migration_set", "name")')


def _set(calls: list[str], *, failing: str = "") -> Migrations:
    migrations = Migrations("thu")
    for name in ("m1_tao", "m2_them", "m3_cuoi"):
        def run(db: Database, name: str = name) -> None:
            calls.append(name)
            db.execute(f"CREATE TABLE {name} (x)")
            if name == failing:
                raise RuntimeError(f"{name} hỏng")
        migrations(name=name)(run)
    return migrations


def test_pending_ones_run_once_in_order(tmp_path: Path) -> None:
    """A second apply runs nothing; applied() lists the names in the order they ran."""
    db, calls = Database(tmp_path / "a.sqlite"), []
    migrations = _set(calls)
    migrations.apply(db, stop_before="m3_cuoi")
    assert calls == ["m1_tao", "m2_them"] and [m.name for m in migrations.pending(db)] == ["m3_cuoi"]
    migrations.apply(db)
    migrations.apply(db)
    assert calls == ["m1_tao", "m2_them", "m3_cuoi"]
    assert [m.name for m in migrations.applied(db)] == calls
    with pytest.raises(ValueError, match="already applied"):
        migrations.apply(db, stop_before="m1_tao")


def test_a_failing_migration_leaves_nothing_of_itself(tmp_path: Path) -> None:
    """Its changes and its record roll back together; the ones before it stay applied."""
    db, calls = Database(tmp_path / "b.sqlite"), []
    with pytest.raises(RuntimeError, match="m2_them hỏng"):
        _set(calls, failing="m2_them").apply(db)
    assert db.table_exists("m1_tao") and not db.table_exists("m2_them")
    assert [row[0] for row in db.execute(f"SELECT name FROM {MIGRATIONS_TABLE}")] == ["m1_tao"]


def test_the_record_table_is_the_one_sqlite_utils_made(tmp_path: Path) -> None:
    """Same table and unique index, word for word, so either version reads the other's files."""
    db = Database(tmp_path / "c.sqlite")
    _set([]).apply(db)
    schema = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = ?", [MIGRATIONS_TABLE]).fetchall())
    assert schema == {MIGRATIONS_TABLE: SQLITE_UTILS_TABLE, "idx__sqlite_migrations_migration_set_name": SQLITE_UTILS_INDEX}


def test_a_name_is_registered_once() -> None:
    """Two migrations under one name would make the record ambiguous: refused when registered."""
    migrations = Migrations("thu")
    migrations(name="m1")(lambda db: None)
    with pytest.raises(ValueError, match="already registered"):
        migrations(name="m1")(lambda db: None)
