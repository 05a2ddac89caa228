"""Page frames: the settings-like pages' title over a line of help (Tổ chức, Sao lưu, Gửi báo cáo), rows of buttons.

:func:`titled_column` gives such a page its layout with the title and the wrapped help line
already in it (names ``pageTitle`` / ``pageSubtitle`` for the style sheet); the page adds
the rest, often a :func:`button_row` (which any panel may use).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.style import named_label


def titled_column(page: QWidget, title: str, subtitle: str) -> QVBoxLayout:
    """``page``'s layout, holding its title and the wrapped ``subtitle`` under it."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(28, 24, 28, 20)
    layout.setSpacing(10)
    layout.addWidget(named_label(title, "pageTitle"))
    layout.addWidget(named_label(subtitle, "pageSubtitle", wrap=True))
    return layout


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """The buttons side by side from the left, the free space after them."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def read_only_table(headers: Sequence[str], stretch_column: int, min_height: int) -> QTableWidget:
    """A table of whole-row selections nobody edits: columns fit their text, one takes the rest."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(min_height)
    return table
