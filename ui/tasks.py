"""Database and file work off the GUI thread: one worker, results back by signal.

Every call that touches the database goes through :class:`TaskRunner` so exactly one
thread uses the SQLite connection at a time. Long jobs get a progress dialog with a
"Hủy" button; the job polls ``control.cancelled()`` and stops cleanly.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

log = logging.getLogger(__name__)
SHOW_PROGRESS_AFTER_MS = 300


class TaskControl:
    """Handed to a job: report progress, ask whether the user pressed Hủy."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        self._signals.progressed.emit(int(done), int(total))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)
    finished = Signal()


class _Task(QRunnable):
    def __init__(self, job: Callable[[TaskControl], Any], signals: _Signals, control: TaskControl) -> None:
        super().__init__()
        self._job = job
        self._signals = signals
        self._control = control

    def run(self) -> None:
        try:
            result = self._job(self._control)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)
        finally:
            self._signals.finished.emit()


class TaskRunner(QObject):
    """Runs jobs one at a time on a single background thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one thread owns the SQLite connection at a time
        self._running = 0
        self._keep: set[_Signals] = set()

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
        signals = _Signals()
        control = TaskControl(signals)
        self._keep.add(signals)
        dialog = self._progress_dialog(progress_title, parent, control, cancellable) if progress_title else None
        signals.succeeded.connect(lambda result: on_success(result) if on_success else None)
        signals.failed.connect(lambda exc: self._fail(exc, on_error))
        signals.finished.connect(lambda: self._done(signals, dialog))
        if dialog is not None:
            signals.progressed.connect(lambda done, total: _show_progress(dialog, done, total))
        self._running += 1
        self.busy_changed.emit(True)
        self._pool.start(_Task(job, signals, control))
        return control

    def call(self, job: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None) -> TaskControl:
        """Shorthand for a job that needs no progress or cancel."""
        return self.run(lambda _control: job(), on_success, on_error)

    def is_busy(self) -> bool:
        return self._running > 0

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
            if finished and self._running == 0:
                return True
            if time.monotonic() >= deadline:
                return False

    def _fail(self, exc: BaseException, on_error: Callable[[BaseException], None] | None) -> None:
        if on_error is not None:
            on_error(exc)
        else:
            log.error("Lỗi trong tác vụ nền", exc_info=exc)

    def _done(self, signals: _Signals, dialog: QProgressDialog | None) -> None:
        self._running -= 1
        self._keep.discard(signals)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        if self._running == 0:
            self.busy_changed.emit(False)

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
