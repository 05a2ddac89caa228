"""One open database with its service context and, for a command that writes, its writer lock.

:class:`~khoi_desktop.services.app.Services` builds every service over a session for the GUI;
a command that needs one service (``minutes``) opens a bare session and builds just that one,
so its start does not import the modules of services it never calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Self

from khoi_desktop.file_lock import WriterLock
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.database import open_database


class DatabaseSession:
    def __init__(self, db: Database, path: Path, context: ServiceContext | None = None,
                 lock: WriterLock | None = None) -> None:
        self.db = db
        self.path = path
        self._lock = lock
        self.context = context or ServiceContext(db)

    @classmethod
    def open(cls, path: Path | str, *, migrate: bool = True, read_only: bool = False,
             full_check: bool = False) -> Self:
        """Open ``path``; ``read_only`` never writes to it (see :func:`open_database`)."""
        path = Path(path)
        db = open_database(path, migrate=migrate, read_only=read_only, full_check=full_check)
        return cls(db, path, ServiceContext(db, read_only=True) if read_only else None)

    @classmethod
    def open_for_writing(cls, path: Path | str, *, full_check: bool = False) -> Self:
        """Open ``path`` holding its writer lock until :meth:`close` (the command line's way):
        refused, naming the holder, while a window or another command has the file."""
        path = Path(path)
        lock = WriterLock(path)
        lock.acquire()
        try:
            return cls(open_database(path, full_check=full_check), path, lock=lock)
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
