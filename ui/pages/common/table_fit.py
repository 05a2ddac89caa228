"""Tables that fit a 1366×768 screen: text columns share the width, cut text shows in a tooltip.

:func:`fit_columns` gives the short columns (dates, counts, states) their width and lets the
text columns (names, organisations) stretch over what is left, so the main columns never need
horizontal scrolling; text too long for its cell ends in "…" and :class:`ElidedTooltips`
shows it whole when the mouse rests on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

_AnyIndex = QModelIndex | QPersistentModelIndex
MIN_TEXT_COLUMN = 90


class ElidedTooltips(QStyledItemDelegate):
    """A cell whose text does not fit shows the whole text as its tooltip (unless it has its own)."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: _AnyIndex) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if text and option.fontMetrics.horizontalAdvance(text) > option.rect.width() - 8:
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


def fit_columns(table: QTableView, widths: Sequence[int], stretched: Sequence[int]) -> None:
    """Columns in ``stretched`` share the free width; the others keep ``widths`` (and stay resizable)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(40)
    for column, width in enumerate(widths):
        mode = QHeaderView.ResizeMode.Stretch if column in stretched else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(column, mode)
        header.resizeSection(column, width)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setWordWrap(False)
    table.setItemDelegate(ElidedTooltips(table))


def needs_horizontal_scrolling(table: QTableView) -> bool:
    """True when the columns are wider than what the table shows (the check of the 1366×768 test)."""
    header = table.horizontalHeader()
    return header.length() > table.viewport().width() + 1
