"""Every modal question behind one seam, with Vietnamese buttons (Qt ships no Vietnamese).

Pages receive a :class:`Prompts`; tests pass ``tests.ui.fakes.FakePrompts`` with canned
answers so no test ever blocks on a modal dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from khoi_desktop.domain.errors import UserFacingError

log = logging.getLogger(__name__)


class Prompts(Protocol):
    def confirm(self, title: str, question: str, yes_text: str = "Đồng ý", no_text: str = "Hủy") -> bool: ...
    def inform(self, title: str, text: str) -> None: ...
    def warn(self, title: str, text: str) -> None: ...
    def show_error(self, exc: BaseException, doing: str = "") -> None: ...
    def ask_open_path(self, title: str, file_filter: str) -> Path | None: ...
    def ask_open_paths(self, title: str, file_filter: str) -> list[Path]: ...
    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None: ...
    def ask_directory(self, title: str) -> Path | None: ...


def error_text(exc: BaseException, doing: str = "") -> str:
    """What the clerk reads: our own Vietnamese message, or a plain explanation."""
    prefix = f"Không {doing} được. " if doing else ""
    if isinstance(exc, UserFacingError):
        return prefix + exc.message
    if isinstance(exc, PermissionError):
        return prefix + f"Không có quyền đọc hoặc ghi “{exc.filename}”. Hãy chọn thư mục khác."
    if isinstance(exc, OSError):
        return prefix + f"Lỗi tệp: {exc.strerror or exc}."
    return (prefix + "Đã xảy ra lỗi không mong đợi; dữ liệu đã lưu trước đó vẫn an toàn. "
            f"Chi tiết đã ghi vào nhật ký. ({type(exc).__name__})")


class QtPrompts:
    """The real dialogs, parented to the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        return box

    def confirm(self, title: str, question: str, yes_text: str = "Đồng ý", no_text: str = "Hủy") -> bool:
        box = self._box(QMessageBox.Icon.Question, title, question)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def inform(self, title: str, text: str) -> None:
        box = self._box(QMessageBox.Icon.Information, title, text)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def warn(self, title: str, text: str) -> None:
        box = self._box(QMessageBox.Icon.Warning, title, text)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def show_error(self, exc: BaseException, doing: str = "") -> None:
        if not isinstance(exc, UserFacingError):
            log.error("Lỗi hiển thị cho người dùng", exc_info=exc)
        box = self._box(QMessageBox.Icon.Critical, "Có lỗi", error_text(exc, doing))
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def ask_open_path(self, title: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, title, "", file_filter)
        return Path(name) if name else None

    def ask_open_paths(self, title: str, file_filter: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.parent, title, "", file_filter)
        return [Path(name) for name in names]

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return Path(name) if name else None

    def ask_directory(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, title)
        return Path(name) if name else None
