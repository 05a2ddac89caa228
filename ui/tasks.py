"""Database and file work off the GUI thread: one worker, results back by signal.

Every call that touches the database goes through :class:`TaskRunner` so exactly one
thread uses the SQLite connection at a time. Long jobs get a progress dialog with a
"Hủy" button; the job polls ``control.cancelled()`` and stops cleanly.

Nothing made for the GUI thread dies on the worker: a job, its closure, its result or
exception and its control stay in a record the runner keeps on the GUI thread. The worker
only borrows the record, drops its own references, and then posts the record's number
back; the GUI thread takes the record out of its table, runs the callbacks and frees it.
(Freeing Python wrappers of Qt objects on the worker while the GUI thread was connecting
signals froze the window.)
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

log = logging.getLogger(__name__)
SHOW_PROGRESS_AFTER_MS = 300


class _Bus(QObject):
    """The runner's one channel from the worker; carries only numbers."""

    finished = Signal(int)
    progressed = Signal(int, int, int)


class TaskControl:
    """Handed to a job: report progress, ask whether the user pressed Hủy."""

    def __init__(self, bus: _Bus, task_id: int) -> None:
        self._bus = bus
        self._task_id = task_id
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._bus.progressed.emit(self._task_id, int(done), int(total))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


@dataclass
class _Record:
    """One queued job and what became of it; owned by the GUI thread."""

    job: Callable[[TaskControl], Any]
    control: TaskControl
    on_success: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    dialog: QProgressDialog | None = None
    outcome: list[Any] = field(default_factory=list)  # [result] or [exception], set by the worker
    failed: bool = False


class TaskRunner(QObject):
    """Runs jobs one at a time on a single background thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one thread owns the SQLite connection at a time
        self._bus = _Bus(self)
        self._bus.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._bus.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        self._records: dict[int, _Record] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def run(
        self,
        job: Callable[[TaskControl], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        progress_title: str | None = None,
        parent: QWidget | None = None,
        cancellable: bool = False,
    ) -> TaskControl:
        """Queue ``job(control)``; the callbacks run on the GUI thread."""
        task_id = next(self._ids)
        control = TaskControl(self._bus, task_id)
        record = _Record(job, control, on_success, on_error)
        if progress_title:
            record.dialog = self._progress_dialog(progress_title, parent, control, cancellable)
        with self._lock:
            self._records[task_id] = record
        del record  # from here only the table holds it
        if len(self._records) == 1:
            self.busy_changed.emit(True)
        self._pool.start(functools.partial(self._execute, task_id))  # holds only the runner and a number
        return control

    def call(self, job: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None) -> TaskControl:
        """Shorthand for a job that needs no progress or cancel."""
        return self.run(lambda _control: job(), on_success, on_error)

    def is_busy(self) -> bool:
        return bool(self._records)

    def wait_for_jobs(self, timeout_ms: int = -1) -> bool:
        """Block until the jobs running or queued have run, without their callbacks: safe to call
        from another runner's worker (QThreadPool.waitForDone is thread-safe)."""
        return self._pool.waitForDone(timeout_ms)

    def wait_idle(self, timeout_ms: int = 30000) -> bool:
        """Block until every queued job has run and its callbacks fired (tests, shutdown).

        Callbacks may queue further jobs (a chain such as check → confirm → restore); the
        wait goes on until the whole chain is done or ``timeout_ms`` has passed.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        app = QApplication.instance()
        while True:
            remaining_ms = max(0, int((deadline - time.monotonic()) * 1000))
            finished = self._pool.waitForDone(remaining_ms)
            if app is not None:
                app.processEvents()
            if finished and not self._records:
                return True
            if time.monotonic() >= deadline:
                return False

    def _execute(self, task_id: int) -> None:
        """On the worker: run the job, leave its outcome in the record, keep no reference."""
        with self._lock:
            record = self._records[task_id]
        try:
            record.outcome.append(record.job(record.control))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            record.failed = True
            record.outcome.append(exc)
        del record
        self._bus.finished.emit(task_id)

    def _finish(self, task_id: int) -> None:
        """On the GUI thread: the callbacks, then the record dies here."""
        with self._lock:
            record = self._records.pop(task_id)
        if record.dialog is not None:
            record.dialog.close()
            record.dialog.deleteLater()
        outcome = record.outcome[0] if record.outcome else None
        try:
            if record.failed:
                self._fail(outcome, record.on_error)
            elif record.on_success is not None:
                record.on_success(outcome)
        finally:
            if not self._records:
                self.busy_changed.emit(False)

    def _progress(self, task_id: int, done: int, total: int) -> None:
        record = self._records.get(task_id)
        if record is not None and record.dialog is not None:
            _show_progress(record.dialog, done, total)

    def _fail(self, exc: BaseException, on_error: Callable[[BaseException], None] | None) -> None:
        if on_error is not None:
            on_error(exc)
        else:
            log.error("Lỗi trong tác vụ nền", exc_info=exc)

    def _progress_dialog(self, title: str, parent: QWidget | None, control: TaskControl,
                         cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(title, "Hủy" if cancellable else "", 0, 0, parent)
        dialog.setWindowTitle("Đang xử lý")
        dialog.setMinimumWidth(420)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(control.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText("Đang dừng…"))
        QTimer.singleShot(0, lambda: dialog.setValue(0))
        return dialog


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0 and dialog.maximum() != total:
        dialog.setMaximum(total)
    dialog.setValue(min(done, total) if total > 0 else 0)
