"""Automatic backups in the GUI: one check at start, then every 30 minutes, and at exit.

The decisions (is a backup due?) live in :class:`khoi_desktop.services.backups.BackupService`;
this class only runs them on the task runner at the right moments. The composition root
creates one scheduler for the life of the app and tells it which database is open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from khoi_desktop.domain.backups import BackupInfo
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import PERIODIC_INTERVAL, BackupService
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PERIODIC_MS = int(PERIODIC_INTERVAL.total_seconds() * 1000)


class BackupScheduler(QObject):
    """Runs the start-up and periodic backup checks of the open database on the worker."""

    backup_made = Signal(object)    # BackupInfo
    backup_failed = Signal(object)  # the exception; the app goes on

    def __init__(self, services: Services | None, tasks: TaskRunner, *, interval_ms: int = PERIODIC_MS,
                 clock: Callable[[], datetime] = datetime.now, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._clock = clock
        self._service: BackupService | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_periodic)
        self.set_services(services, check=False)

    @property
    def service(self) -> BackupService | None:
        return self._service

    def start(self) -> None:
        """Check at once whether a start-up backup is due, then every interval."""
        self.timer.start()
        self.check_at_start()

    def stop(self) -> None:
        self.timer.stop()

    def set_services(self, services: Services | None, *, check: bool = True) -> None:
        """Follow the open database (after opening another file or a restore); None pauses."""
        self._service = BackupService(services.db, services.path, clock=self._clock) if services else None
        if check and self._service is not None and self.timer.isActive():
            self.check_at_start()

    def note_change(self, _changes: object = None) -> None:
        """Connect to the window's change notifications; edits are also noticed without it."""
        if self._service is not None:
            self._service.note_change()

    def check_at_start(self) -> None:
        self._run(lambda service: service.backup_at_start(self._clock()))

    def check_periodic(self) -> None:
        self._run(lambda service: service.backup_periodic(self._clock()))

    def shutdown(self) -> None:
        """Stop the timer and queue a last backup of unsaved-to-backup edits (before closing)."""
        self.stop()
        self._run(lambda service: service.backup_at_exit())

    def _run(self, job: Callable[[BackupService], BackupInfo | None]) -> None:
        service = self._service
        if service is None:
            return
        self._tasks.call(lambda: job(service), self._done, self._failed)

    def _done(self, info: BackupInfo | None) -> None:
        if info is not None:
            self.backup_made.emit(info)

    def _failed(self, exc: BaseException) -> None:
        log.warning("Sao lưu tự động không thành công", exc_info=exc)
        self.backup_failed.emit(exc)
