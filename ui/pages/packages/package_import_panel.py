"""Bloc mode: choose or drop units' packages, see each file's check and what it would change, pair
a unit's first package with the unit it is (candidates by name and parent first), import, then
write the consolidated report. Every file and database job runs on the task runner."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.package_import import (
    ImportResult,
    PackageImportService,
    PackagePreview,
    PackageStatus,
)
from khoi_desktop.services.year_end import ExportCancelled, ExportedReport
from ui.pages.common.page_frame import button_row, read_only_table
from ui.prompts import Prompts
from ui.tasks import TaskControl, TaskRunner

PACKAGE_FILTER = "Gói báo cáo (*.zip);;Tất cả các tệp (*)"
HEADERS = ("Tệp", "Đơn vị", "Năm", "Kết quả kiểm tra")
_STATUS_TEXT = {PackageStatus.NEW: "Hợp lệ — gói mới", PackageStatus.SAME: "Đã nhận trước đó",
                PackageStatus.NEWER: "Hợp lệ — mới hơn, sẽ thay số liệu đã nhận",
                PackageStatus.OLDER: "Cũ hơn gói đã nhận — không nhận"}


UNPAIRED = "Chưa ghép — hãy chọn đơn vị tương ứng bên dưới"


@dataclass(frozen=True)
class Checked:
    """One chosen file: its preview, or the Vietnamese reason it was rejected."""

    path: Path
    preview: PackagePreview | None = None
    reason: str = ""

    @property
    def text(self) -> str:
        return self.preview.summary if self.preview else f"Bị từ chối: {self.reason}"

    @property
    def status_text(self) -> str:
        if self.preview is None:
            return f"Bị từ chối: {self.reason}"
        return _STATUS_TEXT[self.preview.status] if self.preview.paired else UNPAIRED


@dataclass(frozen=True)
class CheckRun:
    """The files checked, and the organisations a unit's first package may be paired with."""

    checked: list[Checked]
    organizations: list[Organization]


def check_files(importer: PackageImportService, paths: Sequence[Path], control: TaskControl | None = None,
                pairs: dict[Path, int] | None = None, re_register: bool = False) -> CheckRun:
    """Run on the worker: every file checked (with the clerk's pairings), a rejection kept as its reason;
    Hủy stops between files."""
    checked = []
    for done, path in enumerate(paths):
        if control is not None:
            control.progress(done, len(paths))
            if control.cancelled():
                break
        try:
            preview = importer.preview(path, as_org=(pairs or {}).get(path), re_register=re_register)
            checked.append(Checked(path, preview))
        except UserFacingError as exc:
            checked.append(Checked(path, reason=exc.message))
    return CheckRun(checked, importer.pairable())


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
        self.pairs: dict[Path, int] = {}
        self._organizations: list[Organization] = []
        self.pair_combo = QComboBox()
        # Wide enough for a unit's full name and "(đề xuất)"; grows with the longest candidate.
        self.pair_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pair_combo.setMinimumContentsLength(40)
        self.pair_button = QPushButton("Ghép với đơn vị này")
        self.re_register_box = QCheckBox("Đăng ký lại đơn vị đã cài lại ứng dụng (đã gọi điện xác minh)")
        self.choose_button = QPushButton("Chọn gói báo cáo…")
        self.clear_button = QPushButton("Bỏ danh sách")
        self.force_box = QCheckBox("Nhận đè cả gói cũ hơn gói đã nhận")
        self.import_button = QPushButton("Nhận các gói hợp lệ")
        self.report_button = QPushButton("Báo cáo tổng hợp…")
        self.table = read_only_table(HEADERS, 3, 140)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Chọn một dòng để xem kết quả kiểm tra và các thay đổi.")
        self.choose_button.clicked.connect(self.choose_files)
        self.clear_button.clicked.connect(lambda: self._show([]))
        self.import_button.clicked.connect(self.import_checked)
        self.report_button.clicked.connect(self.export_consolidated)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.force_box.stateChanged.connect(lambda _state: self._update_buttons())
        self.pair_button.clicked.connect(self.pair_selected)
        self.re_register_box.stateChanged.connect(lambda _state: self.add_files([c.path for c in self.checked]))
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
        pairing = QLabel("Ghép gói đầu tiên của một đơn vị với:")
        layout.addLayout(button_row(pairing, self.pair_combo, self.pair_button))
        layout.addWidget(self.re_register_box)
        layout.addLayout(button_row(self.import_button, self.report_button))

    # -- choosing and checking --------------------------------------------------------------------
    def choose_files(self) -> None:
        self.add_files(self._prompts.ask_open_paths("Chọn các gói báo cáo của đơn vị", PACKAGE_FILTER))

    def add_files(self, paths: Sequence[Path]) -> None:
        """Check the files on the worker (also what a drop does); files already listed are checked again."""
        if not paths:
            return
        todo = list(dict.fromkeys([*(c.path for c in self.checked), *(Path(p) for p in paths)]))
        pairs, again = dict(self.pairs), self.re_register_box.isChecked()
        self._tasks.run(lambda control: check_files(self._importer, todo, control, pairs, again), self._checked,
                        self._failed("kiểm tra gói"), progress_title="Đang kiểm tra các gói báo cáo…", parent=self,
                        cancellable=True)

    def _checked(self, run: CheckRun) -> None:
        self._organizations = run.organizations
        self._show(run.checked)

    def pair_selected(self) -> None:
        """Pair the selected file's unit with the organisation chosen in the list, then check again."""
        row = self._selected()
        org_id = self.pair_combo.currentData()
        if row is None or org_id is None:
            return
        self.pairs[self.checked[row].path] = int(org_id)
        self.add_files([self.checked[row].path])

    def _show(self, checked: list[Checked]) -> None:
        self.checked = checked
        if not checked:
            self.pairs.clear()
        self.table.setRowCount(len(checked))
        for row, item in enumerate(checked):
            data = item.preview.data if item.preview else None
            cells = (item.path.name, data.source.name if data else "", str(data.year) if data else "",
                     item.status_text)
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

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows and rows[0].row() < len(self.checked) else None

    def _show_details(self) -> None:
        row = self._selected()
        if row is not None:
            self.details.setPlainText(self.checked[row].text)
        self._fill_pairing(self.checked[row].preview if row is not None else None)

    def _fill_pairing(self, preview: PackagePreview | None) -> None:
        """The candidates first (by name and parent), then every other unit; only for an unpaired package."""
        self.pair_combo.clear()
        if preview is None or preview.paired:
            self.pair_button.setEnabled(False)
            return
        proposed = {o.id for o in preview.candidates}
        for org in preview.candidates:
            self.pair_combo.addItem(f"{org.name} (đề xuất)", org.id)
        for org in self._organizations:
            if org.id not in proposed:
                self.pair_combo.addItem(org.name, org.id)
        self.pair_button.setEnabled(self.pair_combo.count() > 0)

    # -- importing --------------------------------------------------------------------------------
    def importable(self) -> list[PackagePreview]:
        force = self.force_box.isChecked()
        return [c.preview for c in self.checked if c.preview and c.preview.paired
                and (c.preview.status is not PackageStatus.OLDER or force)]

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
        self._tasks.run(lambda control: self._importer.commit(previews, force=force, progress=control.progress),
                        self._done,
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
        row = self._selected()
        self.pair_button.setEnabled(row is not None and self.checked[row].preview is not None
                                    and not self.checked[row].preview.paired and self.pair_combo.count() > 0)

