"""A read-only table over plain rows, its columns described once (the study and oversight lists).

Each :class:`Column` says how a row is shown, aligned and sorted; a page builds a
:class:`RowsTableModel` from a tuple of columns and hands it rows from a service.
:func:`rows_view` is the read-only, row-selecting view every such list uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from khoi_desktop.domain.vntext import collation_key
from ui.widgets.table_fit import ShrinkToFit

Row = TypeVar("Row")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what a sorting proxy compares
INDENT = "\u2003\u2003"  # two em spaces per level, as in the organisation combo
MUTED = QColor("#6b7785")
ALERT = QColor("#8a5a00")
HEADER_PADDING = 34  # the section's padding and a sort arrow
_AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A heading, how a row is written in the column, how it sorts (default: the text, Vietnamese order)."""

    header: str
    text: Callable[[Row], str]
    align: str = "left"  # 'left', 'right', 'center'
    tooltip: Callable[[Row], str | None] | None = None
    width: int = 0  # a starting width in pixels; 0 lets the view decide
    sort: Callable[[Row], Any] | None = None

    def sort_value(self, row: Row) -> Any:
        return self.sort(row) if self.sort is not None else collation_key(self.text(row))


@dataclass(frozen=True)
class RowLook:
    """How a whole row is drawn: bold (a subtotal), muted (nothing yet), alert (needs attention)."""

    bold: bool = False
    muted: bool = False
    alert: bool = False


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """Rows shown through their columns; never editable."""

    def __init__(self, columns: Sequence[Column[Row]], look: Callable[[Row], RowLook] | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._look = look
        self._rows: list[Row] = []

    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._columns[section].header if 0 <= section < len(self._columns) else None

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self._columns):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort_value(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else (column.text(row).strip() or None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align != "left":
            return _RIGHT if column.align == "right" else _CENTER
        return self._look_data(row, role)

    def _look_data(self, row: Row, role: int) -> Any:
        if self._look is None or role not in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole):
            return None
        look = self._look(row)
        if role == Qt.ItemDataRole.FontRole:
            if not look.bold:
                return None
            font = QFont()
            font.setBold(True)
            return font
        if look.alert:
            return QBrush(ALERT)
        return QBrush(MUTED) if look.muted else None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Column[Row]]) -> bool:
        """Other columns (e.g. 'Điểm' only where the preset uses points); False when they are the same."""
        if [c.header for c in columns] == [c.header for c in self._columns]:
            return False
        self.beginResetModel()
        self._columns = tuple(columns)
        self.endResetModel()
        return True

    def columns(self) -> tuple[Column[Row], ...]:
        return self._columns

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def find(self, wanted: Callable[[Row], bool]) -> int | None:
        """The number of the first row ``wanted`` accepts, None when none does."""
        return next((number for number, row in enumerate(self._rows) if wanted(row)), None)

    def text(self, row: int, column: int) -> str:
        """What cell (row, column) shows (tests, status lines)."""
        return str(self.data(self.index(row, column)) or "")


class PredicateProxy(QSortFilterProxyModel):
    """Sorts a model of rows by ``sort_role`` and lets through the rows ``predicate`` accepts.

    The source model hands out its row objects with ``row_at(number)`` (:class:`RowsTableModel`
    and the other row models); the predicate sees those objects, never cells.
    """

    def __init__(self, source: QAbstractItemModel, sort_role: int = SORT_ROLE, parent: Any = None) -> None:
        super().__init__(parent)
        self._predicate: Callable[[Any], bool] = lambda _row: True
        self.setSourceModel(source)
        self.setSortRole(sort_role)

    def set_predicate(self, predicate: Callable[[Any], bool]) -> None:
        self._predicate = predicate
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: _AnyIndex) -> bool:  # noqa: N802 - Qt API
        row_at = getattr(self.sourceModel(), "row_at", None)
        return row_at is not None and self._predicate(row_at(row))

    def shown(self) -> list[Any]:
        """The row objects let through, in the order shown."""
        source = self.sourceModel()
        return [source.row_at(self.mapToSource(self.index(row, 0)).row())  # type: ignore[attr-defined]
                for row in range(self.rowCount())]


def rows_view(model: QAbstractItemModel, stretch: int = -1, *, height: int = 0,
              sort_by: int | None = None, descending: bool = False) -> QTableView:
    """A read-only, row-selecting table with the columns' starting widths; ``stretch`` fills the rest.

    With ``sort_by`` (a column) the clerk sorts by a click on a heading; ``model`` is then a
    sorting proxy (whose sort role is usually :data:`SORT_ROLE`).
    """
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    if height:
        view.setMinimumHeight(height)
    if sort_by is not None:
        view.setSortingEnabled(True)
        view.sortByColumn(sort_by, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
    size_columns(view, stretch)
    return view


def size_columns(view: QTableView, stretch: int = -1) -> None:
    """Apply the model's starting widths (again after its columns changed)."""
    model = view.model()
    while isinstance(model, QAbstractProxyModel):
        model = model.sourceModel()
    columns = model.columns() if isinstance(model, RowsTableModel) else ()
    header = view.horizontalHeader()
    header.setStretchLastSection(stretch < 0)
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    headings = [_header_width(metrics, column.header) for column in columns]
    widths = [max(column.width, heading) for column, heading in zip(columns, headings, strict=True)]
    floors = [min(width, max(heading, 60)) for width, heading in zip(widths, headings, strict=True)]
    for number, width in enumerate(widths):  # the mode first: a Stretch section ignores resizeSection
        header.setSectionResizeMode(number, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(number, width)
    if 0 <= stretch < len(columns):
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    fitter = getattr(view, "shrink_to_fit", None)
    if fitter is not None:
        fitter.deleteLater()
    view.shrink_to_fit = ShrinkToFit(view, widths, floors)  # type: ignore[attr-defined]  # no sideways scrolling
    view.shrink_to_fit.fit()  # type: ignore[attr-defined]


def _header_width(metrics: QFontMetrics, text: str) -> int:
    return max(metrics.horizontalAdvance(line) for line in text.split("\n")) + HEADER_PADDING


def fit_rows(view: QTableView, rows: int, at_most: int = 12) -> None:
    """Make ``view`` exactly as tall as ``rows`` rows (no more than ``at_most``) and its header."""
    shown = max(1, min(rows, at_most))
    height = view.horizontalHeader().sizeHint().height() + shown * view.verticalHeader().defaultSectionSize()
    view.setFixedHeight(height + 2 * view.frameWidth() + 2)
