"""The task runner: results and failures reach the GUI thread, and nothing made there dies on the worker."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QStringListModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ui.tasks import TaskControl, TaskRunner

JOBS = 3000


class _Tracked:
    """Notes the thread that frees it."""

    freed_on: list[int] = []

    def __del__(self) -> None:
        _Tracked.freed_on.append(threading.get_ident())


class _TrackedObject(QObject):
    """A Qt object whose Python wrapper notes the thread that frees it."""

    def __del__(self) -> None:
        _Tracked.freed_on.append(threading.get_ident())


def _build_widgets(parent: QWidget) -> None:
    """What the window does at start: editable pickers with completers, signals connected."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    completer = QCompleter(QStringListModel(["Chi bộ A", "Chi bộ B"]), combo)
    combo.setCompleter(completer)
    combo.currentIndexChanged.connect(lambda _index: None)
    combo.deleteLater()


def test_thousands_of_jobs_free_every_gui_object_on_the_gui_thread(qtbot, tasks: TaskRunner) -> None:
    """Closures, results and failures made on the GUI thread are freed there while widgets are built."""
    _Tracked.freed_on.clear()
    gui_thread = threading.get_ident()
    host = QWidget()
    qtbot.addWidget(host)
    results: list[Any] = []
    errors: list[BaseException] = []

    def queue(index: int) -> None:
        captured, qt_captured = _Tracked(), _TrackedObject()

        def job(_control: TaskControl) -> Any:
            _ = (captured, qt_captured)
            if index % 7 == 0:
                raise ValueError(_Tracked())
            return (index, _Tracked())

        tasks.run(job, lambda result: results.append(result[0]), errors.append)

    for index in range(JOBS):
        queue(index)
        if index % 10 == 0:
            _build_widgets(host)
    assert tasks.wait_idle(120000)
    expected_ok = [index for index in range(JOBS) if index % 7]
    assert results == expected_ok
    assert len(errors) == JOBS - len(expected_ok)
    errors.clear()
    results.clear()
    assert _Tracked.freed_on, "nothing was freed: the test would prove nothing"
    assert set(_Tracked.freed_on) == {gui_thread}


def test_progress_and_cancel_reach_the_job(qtbot, tasks: TaskRunner) -> None:
    """A job sees Hủy pressed and its progress lands in the dialog as a percentage."""
    seen: list[bool] = []
    gate = threading.Event()

    def job(control: TaskControl) -> int:
        control.progress(3, 4)
        gate.wait(30)
        seen.append(control.cancelled())
        return 1

    control = tasks.run(job, progress_title="Đang thử", cancellable=True)
    control.cancel()
    gate.set()
    assert tasks.wait_idle()
    assert seen == [True]
    assert not tasks.is_busy()


def test_a_failure_without_handler_is_logged_not_raised(qtbot, tasks: TaskRunner, caplog) -> None:
    """A job failing with nobody listening is logged in Vietnamese and the runner goes on."""
    tasks.call(lambda: 1 / 0)
    done: list[int] = []
    tasks.call(lambda: 2, done.append)
    assert tasks.wait_idle()
    assert done == [2]
    assert "Lỗi trong tác vụ nền" in caplog.text
