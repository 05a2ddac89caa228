"""A multi-line text field that says when the clerk leaves it (year-end sections, oversight notes).

Unikey and EVKey rewrite text with backspaces, so callers save on leaving, never per keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class NarrativeEdit(QPlainTextEdit):
    """A multi-line editor that says when the clerk leaves it."""

    editing_finished = Signal()

    def __init__(self, placeholder: str = "", height: int = 110, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._height = height
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setMinimumHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(320, self._height)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.editing_finished.emit()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - the same name as QLineEdit's
        self.setPlainText(text)
