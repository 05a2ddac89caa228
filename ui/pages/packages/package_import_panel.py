"""Bloc mode: choose or drop units' packages, see each file's check and what it would change, import,
then write the consolidated report. Every file job runs on the task runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.package_import import (
    ImportResult,
    PackageImportService,
    PackagePreview,
    PackageStatus,
)
from khoi_desktop.services.year_end import ExportCancelled, ExportedReport
from ui.pages.common.page_frame import button_row
from ui.prompts import Prompts
from ui.tasks import TaskControl, TaskRunner

PACKAGE_FILTER = "Gói báo cáo (*.zip);;Tất cả các tệp (*)"
HEADERS = ("Tệp", "Đơn vị", "Năm", "Kết quả kiểm tra")
_STATUS_TEXT = {PackageStatus.NEW: "Hợp lệ — gói mới", PackageStatus.SAME: "Đã nhận trước đó",
                PackageStatus.NEWER: "Hợp lệ — mới hơn, sẽ thay số liệu đã nhận",
                PackageStatus.OLDER: "Cũ hơn gói đã nhận — không nhận"}


@dataclass(frozen=True)
class Checked:
    """One chosen file: its preview, or the Vietnamese reason it was rejected."""

    path: Path
    preview: PackagePreview | None = None
    reason: str = ""

    @property
    def text(self) -> str:
        return self.preview.summary if self.preview else f"Bị từ chối: {self.reason}"


def check_files(importer: PackageImportService, paths: Sequence[Path],
                control: TaskControl | None = None) -> list[Checked]:
    """Run on the worker: every file checked, a rejection kept as its reason; Hủy stops between files."""
    checked = []
    for done, path in enumerate(paths):
        if control is not None:
            control.progress(done, len(paths))
            if control.cancelled():
                break
        try:
            checked.append(Checked(path, importer.preview(path)))
        except UserFacingError as exc:
            checked.append(Checked(path, reason=exc.message))
    return checked


class PackageImportPanel(QGroupBox):
    """Nhận gói báo cáo của các đơn vị (Đảng ủy Khối)."""

    status_changed = Signal(str)
    imported = Signal(object)

    def __init__(self, importer: PackageImportService, consolidation: ConsolidationService, tasks: TaskRunner,
                 prompts: Prompts, year: Callable[[], int]) -> None:
        super().__init__("Nhận gói báo cáo của các đơn vị (dùng ở Đảng ủy Khối)")
        self._importer, self._consolidation = importer, consolidation
        self._tasks, self._prompts, self._year = tasks, prompts, year
        self.checked: list[Checked] = []
        self.choose_button = QPushButton("Chọn gói báo cáo…")
        self.clear_button = QPushButton("Bỏ danh sách")
        self.force_box = QCheckBox("Nhận đè cả gói cũ hơn gói đã nhận")
        self.import_button = QPushButton("Nhận các gói hợp lệ")
        self.report_button = QPushButton("Báo cáo tổng hợp…")
        self.table = _table()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Chọn một dòng để xem kết quả kiểm tra và các thay đổi.")
        self.choose_button.clicked.connect(self.choose_files)
        self.clear_button.clicked.connect(lambda: self._show([]))
        self.import_button.clicked.connect(self.import_checked)
        self.report_button.clicked.connect(self.export_consolidated)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.force_box.stateChanged.connect(lambda _state: self._update_buttons())
        self._build_layout()
        self._update_buttons()

    def _build_layout(self) -> None:
        hint = QLabel("Chọn hoặc kéo thả các tệp .zip vào trang này. Mỗi gói được kiểm tra đầy đủ trước; gói bị từ "
                      "chối không làm thay đổi dữ liệu. Dữ liệu nhận được lưu riêng theo từng đơn vị.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(button_row(self.choose_button, self.clear_button, self.force_box))
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addLayout(button_row(self.import_button, self.report_button))

    # -- choosing and checking --------------------------------------------------------------------
    def choose_files(self) -> None:
        self.add_files(self._prompts.ask_open_paths("Chọn các gói báo cáo của đơn vị", PACKAGE_FILTER))

    def add_files(self, paths: Sequence[Path]) -> None:
        """Check the files on the worker (also what a drop does); files already listed are checked again."""
        if not paths:
            return
        todo = list(dict.fromkeys([*(c.path for c in self.checked), *(Path(p) for p in paths)]))
        self._tasks.run(lambda control: check_files(self._importer, todo, control), self._show,
                        self._failed("kiểm tra gói"), progress_title="Đang kiểm tra các gói báo cáo…", parent=self,
                        cancellable=True)

    def _show(self, checked: list[Checked]) -> None:
        self.checked = checked
        self.table.setRowCount(len(checked))
        for row, item in enumerate(checked):
            data = item.preview.data if item.preview else None
            cells = (item.path.name, data.source.name if data else "", str(data.year) if data else "",
                     _STATUS_TEXT[item.preview.status] if item.preview else f"Bị từ chối: {item.reason}")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if checked:
            self.table.selectRow(0)
        else:
            self.details.clear()
        ok = sum(1 for c in checked if c.preview)
        self._status(f"{format_number(len(checked))} tệp: {format_number(ok)} hợp lệ, "
                     f"{format_number(len(checked) - ok)} bị từ chối." if checked else "")
        self._update_buttons()

    def _show_details(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.checked):
            self.details.setPlainText(self.checked[rows[0].row()].text)

    # -- importing --------------------------------------------------------------------------------
    def importable(self) -> list[PackagePreview]:
        force = self.force_box.isChecked()
        return [c.preview for c in self.checked if c.preview and (c.preview.status is not PackageStatus.OLDER or force)]

    def import_checked(self) -> None:
        previews = [p for p in self.importable() if p.status is not PackageStatus.SAME]
        if not previews:
            self._prompts.inform("Nhận gói báo cáo", "Không có gói hợp lệ nào cần nhận.")
            return
        replacing = [p for p in previews if p.status in (PackageStatus.NEWER, PackageStatus.OLDER)]
        question = f"Nhận {format_number(len(previews))} gói báo cáo? Dữ liệu sẽ được sao lưu trước khi nhận."
        if replacing:
            question += "\n\nCác gói sau sẽ thay số liệu đã nhận:\n\n" + "\n\n".join(p.summary for p in replacing)
        if not self._prompts.confirm("Nhận gói báo cáo", question, "Nhận", "Hủy"):
            return
        force = self.force_box.isChecked()
        self._tasks.run(lambda control: self._importer.commit(previews, force=force), self._done,
                        self._failed("nhận gói báo cáo"), progress_title="Đang nhận các gói báo cáo…", parent=self)

    def _done(self, result: ImportResult) -> None:
        self._status(result.summary)
        self._prompts.inform("Nhận gói báo cáo", result.summary)
        self.imported.emit(result.changes)
        self._show([])

    # -- the consolidated report -------------------------------------------------------------------
    def export_consolidated(self) -> None:
        year = self._year()
        target = self._prompts.ask_save_path("Lưu báo cáo tổng hợp", f"Bao_cao_tong_hop_{year}.pdf",
                                             "Tệp PDF (*.pdf)")
        if target is None:
            return
        target = target.with_suffix(".pdf")
        docx, xlsx = target.with_suffix(".docx"), target.with_suffix(".xlsx")
        self._tasks.run(lambda control: self._consolidation.export(year, pdf=target, docx=docx, xlsx=xlsx,
                                                                   progress=control.progress,
                                                                   cancelled=control.cancelled),
                        self._reported, self._failed("lập báo cáo tổng hợp"),
                        progress_title="Đang lập báo cáo tổng hợp…", parent=self, cancellable=True)

    def _reported(self, exported: ExportedReport) -> None:
        files = "\n".join(str(path) for path in exported.paths)
        self._status(f"Đã ghi {exported.title} (tổng hợp).")
        self._prompts.inform("Báo cáo tổng hợp", f"Đã ghi báo cáo tổng hợp:\n{files}")

    # -- helpers ------------------------------------------------------------------------------------
    def _failed(self, doing: str) -> Callable[[BaseException], None]:
        """Show a failure; Hủy pressed during a report is only said in the status line."""
        def fail(exc: BaseException) -> None:
            if isinstance(exc, ExportCancelled):
                self._status(str(exc))
            else:
                self._prompts.show_error(exc, doing)
        return fail

    def _status(self, text: str) -> None:
        self.status_changed.emit(text)

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(bool(self.importable()))
        self.clear_button.setEnabled(bool(self.checked))


def _table() -> QTableWidget:
    table = QTableWidget(0, len(HEADERS))
    table.setHorizontalHeaderLabels(list(HEADERS))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(140)
    return table
