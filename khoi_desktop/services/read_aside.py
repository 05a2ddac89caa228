"""Reading on other cores: works run on helper threads, each over its own read-only connection.

Python's sqlite3 lets go of the interpreter while SQLite works, so connections reading the
same file on several threads use several cores: the overview has each of its two years of
study attendance counted this way while it counts everything else on the caller's connection.
A helper gains only while SQLite works: its Python (making objects of many rows, say) takes
turns with the caller's for the one interpreter, so it should run long statements with small
results.

Each helper thread opens its connection itself (``open_database(read_only=True)``), runs its
work, closes the connection, and is joined before :func:`aside` returns, whatever happens:
nothing is left running or open. A helper that cannot open the file leaves its work to the
caller's connection: slower, never a page without figures. The works run on the caller's own connection instead, each
when its result is first asked for, when there is no file another connection could open (an
in-memory database) or when the caller is inside a transaction (another connection could not
see its uncommitted changes).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TypeVar

from khoi_desktop.domain.errors import StorageError
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import open_database

T = TypeVar("T")
Work = Callable[[ServiceContext], T]


def readable_file(db: Database) -> Path | None:
    """The file a second connection could read the same data from, or None (see the module's docstring)."""
    if db.conn.in_transaction:
        return None
    main = next((row[2] for row in db.execute("PRAGMA database_list").fetchall() if row[1] == "main"), "")
    return Path(main) if main else None


@contextmanager
def aside(context: ServiceContext, works: Sequence[Work[T]]) -> Iterator[list[Callable[[], T]]]:
    """Start each of ``works`` on a helper thread; yield, for each, a function that waits for its result.

    Each work gets a context like ``context`` whose database is its helper's read-only
    connection (read-only: it writes no audit line). A work's exception is raised by its
    function. The helpers are joined when the block ends, even when it raises.
    """
    path = readable_file(context.db)
    if path is None:
        yield [cache(lambda work=work: work(context)) for work in works]
        return
    futures: list[Future[T | _NotOpened]] = [Future() for _ in works]
    helpers = [threading.Thread(target=_run, args=(context, path, work, future), name="khoi-read-aside", daemon=True)
               for work, future in zip(works, futures, strict=True)]
    for helper in helpers:
        helper.start()
    try:
        yield [cache(lambda work=work, future=future: _answer(context, work, future))
               for work, future in zip(works, futures, strict=True)]
    finally:
        for helper in helpers:
            helper.join()


class _NotOpened:
    """A helper could not open its own connection (a file briefly locked by an antivirus, say)."""


def _answer(context: ServiceContext, work: Work[T], future: Future[T | _NotOpened]) -> T:
    """The helper's result; when it could not open the file, the work runs on the caller's connection."""
    result = future.result()
    return work(context) if isinstance(result, _NotOpened) else result


def _run(context: ServiceContext, path: Path, work: Work[T], future: Future[T | _NotOpened]) -> None:
    future.set_running_or_notify_cancel()  # never cancelled: marks it running, as the caller may check
    try:
        try:
            db = open_database(path, read_only=True)
        except (StorageError, sqlite3.Error):
            future.set_result(_NotOpened())
            return
        try:
            future.set_result(work(replace(context, db=db, read_only=True)))
        finally:
            db.close()
    except BaseException as exc:  # noqa: BLE001 - raised in the caller's thread by future.result
        future.set_exception(exc)
