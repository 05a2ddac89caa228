"""Uncaught errors: logged to the rotating file, told to the clerk in Vietnamese, app keeps running."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from khoi_desktop.domain.errors import StorageError
from khoi_desktop.logs import close_logging, log_file, setup_logging
from tests.ui.fakes import FakePrompts
from ui.error_handler import ErrorHandler, error_message, install_error_handler

pytestmark = pytest.mark.qt_no_exception_capture


class Emitter(QObject):
    fired = Signal()


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def handler(prompts: FakePrompts, tmp_path: Path) -> Iterator[ErrorHandler]:
    installed = install_error_handler(prompts, tmp_path)
    yield installed
    installed.uninstall()
    close_logging()


def _log_text(tmp_path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return log_file(tmp_path).read_text(encoding="utf-8")


def test_error_in_a_slot_reaches_the_dialog_and_the_log(qtbot, handler: ErrorHandler, prompts: FakePrompts,
                                                        tmp_path: Path) -> None:
    """An exception raised in a Qt slot is logged with its traceback and shown in Vietnamese."""
    emitter = Emitter()

    def broken_slot() -> None:
        raise ZeroDivisionError("chia cho không")

    emitter.fired.connect(broken_slot)
    QTimer.singleShot(0, emitter.fired.emit)
    qtbot.waitUntil(lambda: bool(prompts.asked), timeout=30_000)
    kind, text = prompts.asked[0]
    assert kind == "warn"
    assert "Dữ liệu đã lưu trước đó vẫn an toàn" in text and "Hãy thử lại" in text
    assert str(log_file(tmp_path)) in text
    logged = _log_text(tmp_path)
    assert "ZeroDivisionError: chia cho không" in logged and "broken_slot" in logged


def test_app_keeps_running_after_an_error(qtbot, handler: ErrorHandler, prompts: FakePrompts) -> None:
    """After an error the event loop goes on delivering later work."""
    later: list[str] = []
    QTimer.singleShot(0, lambda: 1 / 0)
    QTimer.singleShot(20, lambda: later.append("vẫn chạy"))
    qtbot.waitUntil(lambda: bool(later) and bool(prompts.asked), timeout=30_000)


def test_error_in_another_thread_is_shown_on_the_gui_thread(qtbot, handler: ErrorHandler,
                                                            prompts: FakePrompts, tmp_path: Path) -> None:
    """threading.excepthook logs the thread's error; the dialog appears on the GUI thread."""
    shown_on: list[bool] = []
    original = prompts.warn

    def warn(title: str, text: str) -> None:
        shown_on.append(threading.current_thread() is threading.main_thread())
        original(title, text)

    prompts.warn = warn  # type: ignore[method-assign]

    def work() -> None:
        raise RuntimeError("lỗi trong luồng nền")

    worker = threading.Thread(target=work, name="luong-thu")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown_on), timeout=30_000)
    assert shown_on == [True]
    assert "luong-thu" in _log_text(tmp_path)


def test_user_facing_error_shows_its_own_message() -> None:
    """An error that already speaks Vietnamese is shown as written, with the safety note."""
    text = error_message(StorageError("Ổ đĩa đầy."), Path("/du-lieu/logs/khoi.log"))
    assert text.startswith("Ổ đĩa đầy.") and "/du-lieu/logs/khoi.log" in text


def test_one_dialog_at_a_time(qtbot, prompts: FakePrompts, tmp_path: Path) -> None:
    """An error raised while the error dialog is up is logged but not shown again."""
    handler = ErrorHandler(prompts, tmp_path / "khoi.log")
    original = prompts.warn

    def warn(title: str, text: str) -> None:
        original(title, text)
        try:
            raise ValueError("lỗi thứ hai")
        except ValueError as exc:
            handler.excepthook(ValueError, exc, exc.__traceback__)

    prompts.warn = warn  # type: ignore[method-assign]
    try:
        raise KeyError("lỗi thứ nhất")
    except KeyError as exc:
        handler.excepthook(KeyError, exc, exc.__traceback__)
    assert len(prompts.asked) == 1


def test_keyboard_interrupt_goes_to_the_previous_hook(prompts: FakePrompts) -> None:
    """Ctrl+C is not an application error; uninstalling puts the previous hook back."""
    seen: list[type[BaseException]] = []

    def previous(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        seen.append(kind)

    saved = sys.excepthook
    sys.excepthook = previous
    try:
        handler = ErrorHandler(prompts, None).install()
        sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
        handler.uninstall()
        assert sys.excepthook is previous
    finally:
        sys.excepthook = saved
    assert seen == [KeyboardInterrupt] and prompts.asked == []


def test_log_rotates(tmp_path: Path) -> None:
    """Past the size limit the log rolls over and keeps only the set number of old files."""
    path = setup_logging(tmp_path, max_bytes=2000, backup_count=2)
    try:
        assert path == tmp_path / "logs" / "khoi.log"
        logger = logging.getLogger("khoi.test")
        for number in range(200):
            logger.info("dòng nhật ký số %d — tiếng Việt có dấu", number)
    finally:
        close_logging()
    names = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert names == ["khoi.log", "khoi.log.1", "khoi.log.2"]
    assert all(p.stat().st_size <= 2000 for p in (tmp_path / "logs").iterdir())
    assert "số 199" in (tmp_path / "logs" / "khoi.log").read_text(encoding="utf-8")


def test_setup_twice_keeps_one_file_handler(tmp_path: Path) -> None:
    """Setting up again (CLI then GUI, or tests) never doubles the lines."""
    setup_logging(tmp_path)
    setup_logging(tmp_path)
    try:
        logging.getLogger("khoi.test").warning("một lần")
    finally:
        close_logging()
    assert (tmp_path / "logs" / "khoi.log").read_text(encoding="utf-8").count("một lần") == 1


def test_default_log_lives_in_the_user_data_folder(isolated_user_data: Path) -> None:
    """Without a folder argument the log goes to <user data>/logs/khoi.log."""
    assert log_file() == isolated_user_data / "logs" / "khoi.log"
