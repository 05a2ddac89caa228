"""Tables that fit a 1366×768 screen: text columns share the width, cut text shows in a tooltip.

:func:`fit_columns` gives the short columns (dates, counts, states) their width and lets the
text columns (names, organisations) stretch over what is left, so the main columns never need
horizontal scrolling; text too long for its cell ends in "…" and :class:`ElidedTooltips`
shows it whole when the mouse rests on it. :class:`ShrinkToFit` does the same for tables whose
columns have starting widths (``ui.models.rows_table``): when the window is too narrow for them,
the wide text columns give up width in proportion, never below their heading.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
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


class ShrinkToFit(QObject):
    """Keeps a table's columns within its width: wide columns shrink in proportion when needed.

    ``widths`` are the starting widths and ``floors`` the least each column may take (its
    heading). Columns narrower than ``WIDE`` (dates, counts, states) keep their width.
    """

    WIDE = 120

    def __init__(self, table: QTableView, widths: Sequence[int], floors: Sequence[int]) -> None:
        super().__init__(table)
        self._table, self._widths, self._floors = table, list(widths), list(floors)
        table.viewport().installEventFilter(self)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setItemDelegate(ElidedTooltips(table))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        wanted = shrunk_widths(self._widths, self._floors, self._table.viewport().width(), self.WIDE)
        for column, width in enumerate(wanted):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, width)


def shrunk_widths(widths: Sequence[int], floors: Sequence[int], available: int, wide: int) -> list[int]:
    """``widths`` as they are if they fit in ``available``; else the wide ones cut in proportion."""
    total = sum(widths)
    if total <= available or available <= 0:
        return list(widths)
    flexible = [i for i, width in enumerate(widths) if width >= wide]
    spare = sum(widths[i] - floors[i] for i in flexible)
    if spare <= 0:
        return list(widths)
    share = min(1.0, (total - available) / spare)
    return [widths[i] - int((widths[i] - floors[i]) * share + 0.999) if i in flexible else widths[i]
            for i in range(len(widths))]
