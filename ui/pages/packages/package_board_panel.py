"""Bloc mode: the tracking board of the year — every unit expected to report, received or not,
the package's date and maker, its headline figures and warnings; the missing units copied as a
list for a reminder email; the bloc's consolidated year sent on upward as a package.

The board is read from the database on the task runner, so it is the same after a restart."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from khoi_desktop.domain.package import package_file_name
from khoi_desktop.services.package_board import MISSING, Board, PackageBoardService
from khoi_desktop.services.package_export import ExportedPackage
from khoi_desktop.services.package_upward import UpwardPackageService
from ui.pages.common.page_frame import button_row, read_only_table
from ui.prompts import Prompts
from ui.tasks import TaskRunner

BOARD_HEADERS = ("Đơn vị", "Tình trạng", "Lập lúc", "Người lập", "Sinh hoạt", "Tham gia học tập", "Lưu ý")
_MISSING_COLOUR = QColor("#fdecea")


class PackageBoardPanel(QGroupBox):
    """Theo dõi gói báo cáo của các đơn vị."""

    status_changed = Signal(str)

    def __init__(self, board: PackageBoardService, upward: UpwardPackageService, tasks: TaskRunner,
                 prompts: Prompts, year: Callable[[], int]) -> None:
        super().__init__("Theo dõi gói báo cáo của các đơn vị (dùng ở Đảng ủy Khối)")
        self._service, self._upward = board, upward
        self._tasks, self._prompts, self._year = tasks, prompts, year
        self.board: Board | None = None
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.table = read_only_table(BOARD_HEADERS, 0, 160)
        self.refresh_button = QPushButton("Làm mới")
        self.copy_button = QPushButton("Sao chép danh sách chưa gửi")
        self.upward_button = QPushButton("Xuất gói tổng hợp gửi cấp trên…")
        self.refresh_button.clicked.connect(self.reload)
        self.copy_button.clicked.connect(self.copy_missing)
        self.upward_button.clicked.connect(self.export_upward)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.table)
        layout.addLayout(button_row(self.refresh_button, self.copy_button, self.upward_button))
        self.copy_button.setEnabled(False)

    def reload(self) -> None:
        year = self._year()
        self._tasks.call(lambda: self._service.board(year), self._show,
                         lambda exc: self._prompts.show_error(exc, "đọc bảng theo dõi gói báo cáo"))

    def _show(self, board: Board) -> None:
        self.board = board
        self.headline.setText(board.headline)
        self.table.setRowCount(len(board.rows))
        for row, line in enumerate(board.rows):
            cells = (line.name, line.state, line.made_on, line.maker, line.meetings, line.study,
                     "; ".join(line.warnings))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if line.state == MISSING:
                    item.setBackground(QBrush(_MISSING_COLOUR))
                self.table.setItem(row, column, item)
        self.copy_button.setEnabled(bool(board.missing))

    def copy_missing(self) -> None:
        """The missing units, one a line, on the clipboard for a reminder email."""
        if self.board is None:
            return
        QGuiApplication.clipboard().setText(self.board.reminder())
        self.status_changed.emit(f"Đã sao chép danh sách {len(self.board.missing)} đơn vị chưa gửi gói báo cáo.")

    def export_upward(self) -> None:
        year = self._year()
        if self.board is not None and self.board.missing and not self._prompts.confirm(
                "Xuất gói tổng hợp", f"{self.board.headline}\n\nVẫn xuất gói tổng hợp (ghi rõ là bản tạm)?",
                "Vẫn xuất", "Hủy"):
            return
        target = self._prompts.ask_save_path("Lưu gói tổng hợp", package_file_name(year, "Tong_hop"),
                                             "Gói báo cáo (*.zip)")
        if target is None:
            return
        target = target if target.suffix.lower() == ".zip" else target.with_name(target.name + ".zip")
        self._tasks.run(lambda control: self._upward.export(year, target), self._exported,
                        lambda exc: self._prompts.show_error(exc, "xuất gói tổng hợp"),
                        progress_title="Đang xuất gói tổng hợp…", parent=self)

    def _exported(self, exported: ExportedPackage) -> None:
        self.status_changed.emit(f"Đã xuất {exported.title}.")
        self._prompts.inform("Xuất gói tổng hợp", f"Đã ghi “{exported.path}”. Hãy gửi tệp này lên cấp trên.")

