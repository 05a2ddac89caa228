"""The database handle: writes commit at once outside atomic(), atomic() commits or rolls back as a
whole, nested blocks are savepoints, and loading the core pulls in no command-line library."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from khoi_desktop.storage.connection import Database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    handle = Database(tmp_path / "thu.sqlite")
    handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    yield handle
    handle.close()


def _names(path: Path) -> list[str]:
    """What another connection sees: only what was committed."""
    with sqlite3.connect(path) as other:
        return [row[0] for row in other.execute("SELECT name FROM t ORDER BY id")]


def test_a_write_outside_atomic_is_committed_at_once(db: Database, tmp_path: Path) -> None:
    """Another connection sees the row as soon as execute() returns."""
    db.execute("INSERT INTO t (name) VALUES (?)", ["Nguyễn Văn An"])
    assert _names(tmp_path / "thu.sqlite") == ["Nguyễn Văn An"]


def test_a_write_on_a_transaction_opening_connection_is_committed_too(tmp_path: Path) -> None:
    """With Python's default isolation level (implicit BEGIN), execute() still commits a lone write,
    and a failing write leaves no transaction open behind it."""
    handle = Database(sqlite3.connect(tmp_path / "mac-dinh.sqlite"))
    handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    handle.execute("INSERT INTO t (name) VALUES ('An')")
    with pytest.raises(sqlite3.IntegrityError):
        handle.execute("INSERT INTO t (name) VALUES (NULL)")
    assert not handle.conn.in_transaction
    with sqlite3.connect(tmp_path / "mac-dinh.sqlite") as other:
        assert other.execute("SELECT name FROM t").fetchall() == [("An",)]
    handle.close()


def test_atomic_keeps_all_or_nothing(db: Database, tmp_path: Path) -> None:
    """An exception inside atomic() undoes every write of the block and propagates unchanged."""
    with db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('An')")
    with pytest.raises(ValueError, match="dừng"), db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('Bình')")
        raise ValueError("dừng")
    assert _names(tmp_path / "thu.sqlite") == ["An"]
    assert not db.conn.in_transaction


def test_a_nested_block_rolls_back_alone(db: Database) -> None:
    """A failed inner block (a savepoint) undoes only its own writes; the outer block commits."""
    with db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('An')")
        with pytest.raises(KeyError), db.atomic():
            db.execute("INSERT INTO t (name) VALUES ('Bình')")
            raise KeyError("x")
        db.execute("INSERT INTO t (name) VALUES ('Chi')")
    assert [row["name"] for row in db.query("SELECT name FROM t ORDER BY id")] == ["An", "Chi"]


def test_a_trigger_that_ends_the_transaction_keeps_its_own_error(db: Database) -> None:
    """RAISE(ROLLBACK) inside a nested block ends everything; its error, not 'no such savepoint', reaches the caller."""
    db.execute("CREATE TRIGGER t_no_x BEFORE INSERT ON t WHEN NEW.name = 'x' BEGIN"
               " SELECT RAISE(ROLLBACK, 'không được ghi x'); END")
    with pytest.raises(sqlite3.IntegrityError, match="không được ghi x"), db.atomic():
        db.execute("INSERT INTO t (name) VALUES ('An')")
        with db.atomic():
            db.execute("INSERT INTO t (name) VALUES ('x')")
    assert list(db.query("SELECT name FROM t")) == []
    assert not db.conn.in_transaction


def test_query_gives_rows_by_column_name_and_tables_are_listed(db: Database) -> None:
    """query() yields dictionaries; table_exists/table_names read sqlite_master."""
    db.execute("INSERT INTO t (name) VALUES (?)", ["Lê Thị <Hoa> & Cúc"])
    assert list(db.query("SELECT id, name FROM t")) == [{"id": 1, "name": "Lê Thị <Hoa> & Cúc"}]
    assert db.table_exists("t") and not db.table_exists("khong_co")
    assert db.table_names() == ["t"]


def test_the_core_loads_no_command_line_library() -> None:
    """The window's services (and the database they open) import neither click, pluggy nor dateutil:
    sqlite-utils pulled all three in, about 70 ms of every start."""
    script = ("import json, sys\nimport khoi_desktop.services.app, khoi_desktop.storage.database\n"
              "print(json.dumps(sorted(m for m in ('click', 'pluggy', 'dateutil', 'sqlite_utils') if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout) == []


def test_query_runs_its_statement_at_once_and_triggers_may_recurse(db: Database) -> None:
    """A bad statement fails at the call, not at the first row read; recursive triggers are on, as
    sqlite-utils set them (a REPLACE then fires the DELETE triggers of the row it removes)."""
    with pytest.raises(sqlite3.OperationalError, match="khong_co"):
        db.query("SELECT * FROM khong_co")
    assert db.execute("PRAGMA recursive_triggers").fetchone()[0] == 1
