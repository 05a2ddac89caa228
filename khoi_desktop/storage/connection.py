"""The handle storage and services share: one sqlite3 connection, its transactions, its rows.

This keeps the part of sqlite-utils' ``Database`` the app used (``execute``, ``query``,
``atomic``) with the same behaviour, recursive triggers on as it set them; what it left out:
``query`` does not refuse a statement returning no rows, nor rename repeated column names. sqlite-utils itself is no longer imported: loading it pulls
in click, pluggy and dateutil (about 70 ms), a sixth of the window's start and of a whole
``minutes`` command, for none of which the app has a use.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Parameters = Sequence[Any] | dict[str, Any] | None

# Statements that manage a transaction themselves: ``execute`` must not commit after them.
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})
_savepoint_numbers = itertools.count(1)


class Database:
    """One SQLite connection. Writes outside ``atomic()`` are committed at once."""

    def __init__(self, connection: sqlite3.Connection | str | Path) -> None:
        if isinstance(connection, sqlite3.Connection):
            self.conn = connection
        else:  # a path: autocommit, as open_database connects
            self.conn = sqlite3.connect(str(connection), isolation_level=None)
        self.conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils set it on every connection

    def execute(self, sql: str, parameters: Parameters = None) -> sqlite3.Cursor:
        """Run one statement; on a connection that opens transactions itself, a write commits at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # the failed statement's implicit transaction
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, parameters: Parameters = None) -> Iterator[dict[str, Any]]:
        """The rows of a reading statement as dictionaries keyed by column name.

        The statement runs now (its error is raised here); the rows are read as they are iterated.
        """
        cursor = self.execute(sql, parameters)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction; nested, a savepoint. An exception rolls back this level and propagates."""
        if not self.conn.in_transaction:
            yield from self._transaction()
            return
        savepoint = f"khoi_{next(_savepoint_numbers)}"
        self.conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield self
        except BaseException:
            # A RAISE(ROLLBACK) trigger may have ended the whole transaction, savepoint and all.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")

    def _transaction(self) -> Iterator[Database]:
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_exists(self, name: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()
        return row is not None

    def table_names(self) -> list[str]:
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        return [row[0] for row in rows]

    def close(self) -> None:
        self.conn.close()


def _first_keyword(sql: str) -> str:
    words = sql.lstrip().split(None, 1)
    return words[0].rstrip(";").upper() if words else ""
