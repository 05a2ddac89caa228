"""Fast bulk writes for generated data: ``executemany`` inside one transaction per batch.

Table and column names come from the application's own code, never from user input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from khoi_desktop.storage.connection import Database


def insert_rows(db: Database, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """INSERT many rows of one table with one prepared statement (no transaction of its own)."""
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def insert_batch(db: Database, tables: Iterable[tuple[str, Sequence[str], Sequence[Sequence[object]]]]) -> int:
    """Insert several tables' rows in one transaction: all of the batch, or nothing. Returns the row count."""
    count = 0
    with db.atomic():
        for table, columns, rows in tables:
            insert_rows(db, table, columns, rows)
            count += len(rows)
    return count


@contextmanager
def loading_mode(db: Database) -> Iterator[None]:
    """Write a *private, freshly created* file as fast as SQLite can, then make it normal again.

    No rollback journal, no fsync, no foreign-key enforcement and no secondary indexes
    while loading: a crash can corrupt the file, and a failure leaves it without its
    indexes, so use this only on a temporary file that is thrown away on failure. After
    a successful load the indexes are rebuilt and the file is back in WAL mode with full
    sync and foreign keys on.
    """
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB: the index builds at the end sort in memory
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    try:
        yield
        for _name, sql in indexes:  # built once from the loaded rows: faster and denser than row by row
            conn.execute(sql)
    finally:
        conn.execute("PRAGMA cache_size = -2000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")


def foreign_key_violations(db: Database, limit: int = 10) -> list[tuple]:
    """(table, rowid, parent table, fk index) of rows whose parent is missing; empty when all is well."""
    rows = db.conn.execute("PRAGMA foreign_key_check").fetchmany(limit)
    return [tuple(row) for row in rows]
