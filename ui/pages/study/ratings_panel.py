"""One danh sách xếp loại on screen: the rated rows, the totals by level, the warnings, the not rated.

Levels are written with the short forms of the printed list (HTXSNV, HTTNV, HTNV, KHTNV),
the full label in the tooltip and in the legend under the table. The 'Điểm' column is
shown only where the preset uses the 100-point scale. People who are not rated are listed
apart with their reason, never dropped; the 'xuất sắc' quota warning is amber.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from khoi_desktop.domain.assessments import LEVEL_SHORT, RatingRow, Ratings, points_text
from khoi_desktop.domain.enums import RatingLevel
from khoi_desktop.domain.vntext import format_number
from ui.models.rows_table import Column, RowLook, RowsTableModel, fit_rows, rows_view, size_columns
from ui.pages.common.meeting_widgets import hint
from ui.pages.common.person_fields import NoticeLabel
from ui.pages.common.year_scope import group_box


def _short(level: RatingLevel | None) -> str:
    return LEVEL_SHORT[level] if level else ""


def _level_column(header: str, level_of: Callable[[RatingRow], RatingLevel | None], width: int = 90) -> Column:
    def text(row: RatingRow) -> str:
        return _short(level_of(row))

    def tooltip(row: RatingRow) -> str | None:
        level = level_of(row)
        return level.label if level else None

    return Column(header, text, align="center", tooltip=tooltip, width=width)


def _points(row: RatingRow) -> str:
    return points_text(row.points)


def _points_tip(row: RatingRow) -> str | None:
    return f"Mức tương ứng với số điểm: {row.suggested_level.label}" if row.suggested_level else None


def rating_columns(collective: bool, uses_points: bool) -> tuple[Column, ...]:
    """Họ và tên, Chức vụ, Tổ chức, (Điểm), Tự xếp loại, Chi bộ đề xuất, Quyết định, Ghi chú."""
    first = (Column("Tên tổ chức", lambda r: r.name, width=280), Column("Loại hình", lambda r: r.position, width=150)) \
        if collective else (Column("Họ và tên", lambda r: r.name, width=190),
                            Column("Chức vụ", lambda r: r.position, width=140),
                            Column("Tổ chức", lambda r: r.organization_name, width=170))
    points = (Column("Điểm", _points, align="right", tooltip=_points_tip, width=60),) if uses_points else ()
    return (
        *first, *points,
        _level_column("Tự đánh giá" if collective else "Tự\nxếp loại", lambda r: r.self_level),
        _level_column("Đề xuất" if collective else "Chi bộ\nđề xuất", lambda r: r.branch_level),
        _level_column("Quyết định", lambda r: r.decided_level),
        Column("Ghi chú", lambda r: " ".join(r.note.split()), tooltip=lambda r: r.note or None, width=160),
    )


NOT_RATED_COLUMNS: tuple[Column, ...] = (
    Column("Họ và tên", lambda r: r.name, width=190),
    Column("Chức vụ", lambda r: r.position, width=140),
    Column("Tổ chức", lambda r: r.organization_name, width=170),
    Column("Lý do không xếp loại", lambda r: r.not_rated_reason, width=300),
)


def _look(row: RatingRow) -> RowLook:
    return RowLook(muted=row.level is None)


def totals_text(ratings: Ratings) -> str:
    """'Thuộc diện xếp loại: 41 đồng chí (đã xếp loại 0, chưa xếp loại 41); không thuộc diện: 2 …'.

    Then each level with its count and share. "Được xếp loại: 41" beside "Chưa xếp loại: 41 (100%)"
    read as a contradiction: the 41 are those to be rated, not those rated.
    """
    counted = "tổ chức" if ratings.collective else "đồng chí"
    rated = sum(1 for row in ratings.rows if row.level is not None)
    head = (f"Thuộc diện xếp loại: {format_number(len(ratings.rows))} {counted} (đã xếp loại "
            f"{format_number(rated)}, chưa xếp loại {format_number(len(ratings.rows) - rated)}); "
            f"không thuộc diện xếp loại: {format_number(len(ratings.not_rated))}. "
            f"Đánh giá theo {ratings.rules.preset_name}.")
    levels = " · ".join(f"{total.label}: {format_number(total.count)} ({total.percent})" for total in ratings.totals)
    return f"{head}\n{levels}"


class RatingsPanel(QWidget):
    """The list of one tab (members or collectives); ``open_requested(row)`` on double-click."""

    open_requested = Signal(object)
    selection_changed = Signal()

    def __init__(self, collective: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collective = collective
        self.ratings: Ratings | None = None
        self._keep: Callable[[RatingRow], bool] = lambda _row: True
        self.notice = NoticeLabel()
        self.totals = QLabel("")
        self.totals.setWordWrap(True)
        self.model = RowsTableModel(rating_columns(collective, False), _look, self)
        self.table = rows_view(self.model, len(self.model.columns()) - 1, height=130)  # grows with the window
        self.legend = hint(" · ".join(f"{short}: {level.label}" for level, short in LEVEL_SHORT.items()))
        self.not_rated_model = RowsTableModel(NOT_RATED_COLUMNS, parent=self)
        self.not_rated = rows_view(self.not_rated_model, 3)
        self.not_rated_box = group_box("Không xếp loại (miễn sinh hoạt, đình chỉ sinh hoạt, mới kết nạp…)",
                                       self.not_rated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        for widget in (self.notice, self.totals, self.table, self.legend, self.not_rated_box):
            layout.addWidget(widget, 1 if widget is self.table else 0)
        self.table.activated.connect(lambda index: self.open_requested.emit(self.model.row_at(index.row())))
        self.not_rated.activated.connect(
            lambda index: self.open_requested.emit(self.not_rated_model.row_at(index.row())))
        for table in (self.table, self.not_rated):
            table.selectionModel().selectionChanged.connect(lambda *_args, t=table: self._chosen(t))

    def show_ratings(self, ratings: Ratings) -> None:
        self.ratings = ratings
        if self.model.set_columns(rating_columns(self.collective, ratings.rules.uses_points)):
            size_columns(self.table, self.model.columnCount() - 1)
        self._show_rows()
        self.totals.setText(totals_text(ratings))
        self.notice.show_lines(list(ratings.warnings))

    def set_filter(self, keep: Callable[[RatingRow], bool]) -> None:
        """Show only the rows ``keep`` accepts (the totals and warnings stay those of the whole list)."""
        self._keep = keep
        if self.ratings is not None:
            self._show_rows()

    def _show_rows(self) -> None:
        assert self.ratings is not None
        not_rated = [row for row in self.ratings.not_rated if self._keep(row)]
        self.model.set_rows([row for row in self.ratings.rows if self._keep(row)])
        self.not_rated_model.set_rows(not_rated)
        fit_rows(self.not_rated, len(not_rated), 3)  # the main list keeps the room
        self.not_rated_box.setVisible(bool(not_rated))

    def selected(self) -> RatingRow | None:
        """The row chosen in either table (choosing in one clears the other)."""
        for table, model in ((self.table, self.model), (self.not_rated, self.not_rated_model)):
            rows = table.selectionModel().selectedRows()
            if rows:
                return model.row_at(rows[0].row())
        return None

    def select_row(self, row: int, *, not_rated: bool = False) -> None:
        (self.not_rated if not_rated else self.table).selectRow(row)

    def _chosen(self, table: QTableView) -> None:
        other = self.not_rated if table is self.table else self.table
        if table.selectionModel().hasSelection():
            other.selectionModel().clearSelection()
        self.selection_changed.emit()
