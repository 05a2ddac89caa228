"""Uncaught exceptions: write them to the log, tell the clerk in Vietnamese, keep running.

:class:`ErrorHandler` replaces ``sys.excepthook`` (errors in Qt slots and the main thread)
and ``threading.excepthook`` (errors in other threads). Each error is logged with its
traceback; then a dialog, always shown on the GUI thread and after the failing code has
returned to the event loop, says that saved data is safe and where the log file is. The
database is never left half-written: every service commits in one transaction.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal

from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.logs import close_logging, log_file, setup_logging
from ui.prompts import Prompts, QtPrompts

log = logging.getLogger("khoi.errors")

TITLE = "Đã xảy ra lỗi"

__all__ = ["ErrorHandler", "close_logging", "error_message", "install_error_handler", "setup_logging"]


def error_message(exc: BaseException, log_path: Path | None) -> str:
    """What the clerk reads: what happened, that saved data is safe, and what to do."""
    if isinstance(exc, UserFacingError):
        head = f"{exc.message}\n\n"
    else:
        head = f"Khối Desktop gặp một lỗi không lường trước ({type(exc).__name__}) nhưng vẫn đang chạy.\n\n"
    where = f"tệp nhật ký\n{log_path}\n" if log_path else "tệp nhật ký trong thư mục dữ liệu của ứng dụng "
    return (head + "Dữ liệu đã lưu trước đó vẫn an toàn. Hãy thử lại; nếu lỗi lặp lại, gửi "
            f"{where}cho người hỗ trợ.")


class ErrorHandler(QObject):
    """Logs every uncaught exception and shows one dialog at a time about it."""

    _report = Signal(object)

    def __init__(self, prompts: Prompts | None = None, log_path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.log_path = log_path
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> ErrorHandler:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous_hook(exc_type, exc, tb)
            return
        log.critical("Lỗi không được xử lý", exc_info=(exc_type, exc, tb))
        self._deliver(exc)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical("Lỗi không được xử lý trong luồng %s", name,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        self._deliver(args.exc_value)

    def _deliver(self, exc: BaseException) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return  # no GUI (yet): the log has it
        on_gui_thread = threading.current_thread() is threading.main_thread()
        if on_gui_thread and QThread.currentThread().loopLevel() == 0:
            self._show(exc)  # before or after the event loop: nothing would deliver it later
        else:
            self._report.emit(exc)  # queued: shown once the failing code has returned

    def _show(self, exc: BaseException) -> None:
        if self._showing:
            return  # one dialog at a time; the log keeps every error
        self._showing = True
        try:
            prompts = self.prompts if self.prompts is not None else QtPrompts()
            prompts.warn(TITLE, error_message(exc, self.log_path))
        except Exception:  # noqa: BLE001 - the dialog itself failed; never loop on it
            log.exception("Không hiển thị được thông báo lỗi")
        finally:
            self._showing = False


def install_error_handler(prompts: Prompts | None = None, user_data_dir: Path | None = None,
                          *, logging_ready: bool = False) -> ErrorHandler:
    """Set up the log file (unless done already) and install the hooks; keep the result alive."""
    path = log_file(user_data_dir) if logging_ready else setup_logging(user_data_dir)
    return ErrorHandler(prompts, path).install()
