"""Nhập danh sách từ Excel: choose a file → correct the columns → preview → import → summary.

Reading the file, building the preview and storing the rows each run off the GUI
thread with a progress dialog and a "Hủy" button. A file that cannot be read gets a
Vietnamese message on the first step and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import DateParseError, clean, format_date
from khoi_desktop.interchange.people_import import ColumnMapping
from khoi_desktop.interchange.sheet_reader import SheetGrid
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_import import ImportPreview, ImportSummary, PeopleImportService, legacy_note
from ui.pages.common.person_fields import ErrorLabel
from ui.pages.people.import_steps import FileStep, MappingStep, PreviewStep, ResultStep
from ui.prompts import Prompts, error_text
from ui.tasks import TaskControl, TaskRunner

FILE, MAPPING, PREVIEW, RESULT = range(4)
OPEN_FILTER = "Bảng tính Excel (*.xlsx *.xls);;Tất cả các tệp (*)"


class _Cancelled(Exception):
    """The user pressed Hủy on a progress dialog; the step stays where it was."""


class ImportWizard(QDialog):
    """Opened with ``open()``; emits ``imported(Changes)`` once rows are stored."""

    imported = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 organizations: Sequence[Organization], default_org_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._prompts = tasks, prompts
        self._today = services.context.today
        self._since = services.context.today()
        self._service = PeopleImportService(services.context, services.people)
        self._grid: SheetGrid | None = None
        self.summary: ImportSummary | None = None
        self.setWindowTitle("Nhập danh sách từ Excel")
        self.resize(980, 680)
        self.file_step = FileStep(organizations, default_org_id)
        self.mapping_step = MappingStep()
        self.preview_step = PreviewStep()
        self.result_step = ResultStep()
        self.stack = QStackedWidget()
        for step in (self.file_step, self.mapping_step, self.preview_step, self.result_step):
            self.stack.addWidget(step)
        self.back_button = QPushButton("Quay lại")
        self.next_button = QPushButton("Tiếp theo")
        self.import_button = QPushButton("Nhập")
        self.cancel_button = QPushButton("Hủy")
        self.close_button = QPushButton("Đóng")
        self._layout()
        self.file_step.browse_requested.connect(self.browse)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self._show_step(FILE)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.next_button, self.import_button, self.cancel_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

    def current_step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.back_button.setVisible(step in (MAPPING, PREVIEW))
        self.next_button.setVisible(step in (FILE, MAPPING))
        self.import_button.setVisible(step == PREVIEW)
        self.cancel_button.setVisible(step != RESULT)
        self.close_button.setVisible(step == RESULT)
        (self.close_button if step == RESULT else self.import_button if step == PREVIEW
         else self.next_button).setDefault(True)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.back_button, self.next_button, self.import_button):
            button.setEnabled(not busy)

    # -- navigation ---------------------------------------------------------------------
    def browse(self) -> None:
        path = self._prompts.ask_open_path("Chọn tệp danh sách", OPEN_FILTER)
        if path is not None:
            self.file_step.path_edit.setText(str(path))
            self.file_step.error.show_message("")

    def back(self) -> None:
        self._show_step(max(self.current_step() - 1, FILE))

    def next(self) -> None:
        if self.current_step() == FILE:
            self._read_file()
        elif self.current_step() == MAPPING:
            self._build_preview()

    # -- step 1 → 2: read the file -------------------------------------------------------------
    def _read_file(self) -> None:
        text = clean(self.file_step.path_edit.text()).strip("\"'")
        if not text:
            self.file_step.error.show_message("Hãy chọn tệp danh sách (.xlsx hoặc .xls).")
            return
        if self.file_step.org_combo.current_id() is None:
            self.file_step.error.show_message("Hãy chọn tổ chức nhận danh sách (tạo tổ chức trước nếu chưa có).")
            return
        path, service = Path(text), self._service

        def job(control: TaskControl) -> tuple[SheetGrid, ColumnMapping]:
            control.progress(0, 0)
            loaded = service.read(path)
            if control.cancelled():
                raise _Cancelled
            return loaded

        self._set_busy(True)
        self._tasks.run(job, self._file_read, lambda exc: self._failed(exc, self.file_step.error),
                        progress_title=f"Đang đọc “{path.name}”…", parent=self, cancellable=True)

    def _file_read(self, loaded: tuple[SheetGrid, ColumnMapping]) -> None:
        self._grid, mapping = loaded
        self.file_step.error.show_message("")
        note = legacy_note(self._grid)
        self.mapping_step.set_mapping(mapping, self._grid.file_name, note)
        self._show_step(MAPPING)

    # -- step 2 → 3: parse and compare with the database ---------------------------------------
    def _build_preview(self) -> None:
        mapping = self.mapping_step.mapping()
        org_id = self.file_step.org_combo.current_id()
        if mapping is None or self._grid is None or org_id is None:
            return
        if mapping.missing_required:
            self.mapping_step.error.show_message("Hãy chọn cột “Họ và tên” trước khi xem trước.")
            return
        grid, service = self._grid, self._service

        def job(control: TaskControl) -> ImportPreview:
            preview = service.preview(grid, mapping, org_id, progress=control.progress)
            if control.cancelled():
                raise _Cancelled
            return preview

        self._set_busy(True)
        self._tasks.run(job, self._previewed, lambda exc: self._failed(exc, self.mapping_step.error),
                        progress_title="Đang kiểm tra từng dòng…", parent=self, cancellable=True)

    def _previewed(self, preview: ImportPreview) -> None:
        self.preview_step.set_preview(preview, self._today())
        self._show_step(PREVIEW)

    # -- step 3 → result: store -------------------------------------------------------------
    def start_import(self) -> None:
        """Nhập: all-or-nothing, or valid rows only with an error report where the user says."""
        step = self.preview_step
        preview, choices = step.preview, step.choices()
        valid_only = step.valid_only.isChecked()
        try:
            since = step.since.read()[0] or self._today()
        except DateParseError as error:
            step.error.show_message(f"Ngày sinh hoạt tại tổ chức: {error}")
            return
        self._since = since
        report = None
        if valid_only and preview.blocked_rows(choices):
            suggested = str(Path(preview.file_name).with_suffix("").name) + "_bao_cao_loi.xlsx"
            report = self._prompts.ask_save_path("Lưu báo cáo các dòng lỗi", suggested, "Bảng tính Excel (*.xlsx)")
            if report is None:
                return
            report = report if report.suffix.lower() == ".xlsx" else report.with_name(report.name + ".xlsx")
        service = self._service

        def job(control: TaskControl) -> ImportSummary:
            return service.run(preview, choices=choices, valid_only=valid_only, error_report=report,
                               progress=control.progress, cancelled=control.cancelled, since=since)

        self._set_busy(True)
        self._tasks.run(job, self._imported, lambda exc: self._failed(exc, step.error),
                        progress_title="Đang nhập vào cơ sở dữ liệu…", parent=self, cancellable=True)

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.result_step.text.setText(f"{summary.text()} Những người mới sinh hoạt tại tổ chức từ ngày "
                                      f"{format_date(self._since)} (dòng có ghi ngày: theo ngày của dòng).")
        self._show_step(RESULT)
        self.imported.emit(summary.changes)

    def result_text(self) -> str:
        return self.result_step.text.text()

    def _failed(self, exc: BaseException, where: ErrorLabel) -> None:
        self._set_busy(False)
        if isinstance(exc, _Cancelled):
            return
        if isinstance(exc, UserFacingError):  # a bad file, rows with errors, Hủy: said on the step itself
            where.show_message(error_text(exc))
        else:
            self._prompts.show_error(exc, "nhập danh sách")

