"""Forms whose errors are shown beside the field they concern.

A service raises ``ValidationError(field, message)``; :meth:`FieldForm.show_error` puts the
message in red under the widget registered for that field and moves the focus there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from ui.style import named_label

CAPTION_WIDTH = 170


class FieldForm(QWidget):
    """Captions on the left; under each widget an optional grey hint and a hidden error line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setVerticalSpacing(10)
        self._layout.setHorizontalSpacing(16)
        self._layout.setColumnStretch(1, 1)
        self._layout.setColumnMinimumWidth(0, CAPTION_WIDTH)
        self._widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

    def add_row(self, field: str, label: str, widget: QWidget, hint: str = "") -> None:
        """Add ``widget`` labelled ``label``; ``hint`` is a grey line under it."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(widget)
        if hint:
            column.addWidget(named_label(hint, "fieldHint", wrap=True))
        error = named_label("", "fieldError", wrap=True)
        error.hide()
        column.addWidget(error)
        caption = QLabel(f"{label}:")
        # Top-aligned, then centred on the widget itself rather than on widget + hint + error.
        offset = max(0, (widget.sizeHint().height() - caption.sizeHint().height()) // 2)
        caption.setContentsMargins(0, offset, 0, 0)
        caption.setBuddy(widget)
        row = self._layout.rowCount()
        self._layout.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._layout.addWidget(cell, row, 1)
        self._widgets[field] = widget
        self._errors[field] = error

    def show_error(self, field: str, message: str) -> bool:
        """Show ``message`` beside ``field``; False when this form has no such field."""
        if field not in self._errors:
            return False
        self._errors[field].setText(message)
        self._errors[field].show()
        self._widgets[field].setFocus()
        return True

    def error_text(self, field: str) -> str:
        label = self._errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.clear()
            label.hide()
