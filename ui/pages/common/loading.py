"""A page's "Đang tải…" state: a notice over the page, its buttons off until the data is in.

:class:`LoadingCover` is driven by :class:`ui.pages.common.reloads.Reloads` (``begin`` shows it,
the current answer or a failure takes it away), so every page that loads through ``Reloads``
shows it without code of its own; the few pages that load otherwise call ``start`` and wrap
their callbacks in ``then``. Buttons the cover switched off are switched on again before
the page's own answer handler runs, which then sets them as the data requires.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from shiboken6 import isValid

LOADING_TEXT = "Đang tải dữ liệu…"
T = TypeVar("T")


class LoadingCover(QObject):
    """Shows ``LOADING_TEXT`` centred over ``page`` and disables its buttons while loading."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self._disabled: list[QAbstractButton] = []
        self.notice = QLabel(LOADING_TEXT, page)
        self.notice.setObjectName("loadingNotice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("QLabel#loadingNotice { background: #fffbe6; border: 1px solid #d9c27a;"
                                  " border-radius: 4px; padding: 8px 18px; color: #4a3b00; }")
        self.notice.hide()
        page.installEventFilter(self)

    def is_loading(self) -> bool:
        return not self.notice.isHidden()

    def start(self) -> None:
        if self.is_loading():
            return
        window = self._page.window()
        self._disabled = [button for button in self._page.findChildren(QAbstractButton)
                          if button.isEnabled() and button.window() is window and not _in_bar(button)]
        for button in self._disabled:
            button.setEnabled(False)
        self.notice.show()
        self._place()
        self.notice.raise_()

    def stop(self) -> None:
        if not self.is_loading():
            return
        self.notice.hide()
        for button in self._disabled:
            if isValid(button):  # a button may have gone with its panel meanwhile
                button.setEnabled(True)
        self._disabled = []

    def then(self, callback: Callable[[T], None]) -> Callable[[T], None]:
        """``callback`` for a load's answer or failure, ending the loading state first."""
        def run(value: T) -> None:
            self.stop()
            callback(value)
        return run

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._page and event.type() == QEvent.Type.Resize and self.is_loading():
            self._place()
        return False

    def _place(self) -> None:
        self.notice.adjustSize()
        x = (self._page.width() - self.notice.width()) // 2
        self.notice.move(max(0, x), max(0, self._page.height() // 3))


def _in_bar(button: QAbstractButton) -> bool:
    """A button marked ``keepWhileLoading`` stays usable."""
    return bool(button.property("keepWhileLoading"))
