"""Gửi báo cáo lên cấp trên: export the year's package (.zip) to attach to an email; in bloc mode,
receive the units' packages and write the consolidated report (:mod:`ui.pages.packages.package_import_panel`).

After an export, "Mở thư mục" shows the file in its folder and "Gửi email" opens the mail
client with the file attached where the system supports it (Simple MAPI on Windows);
otherwise the page says so and opens the folder. Every job runs on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.meetings import MeetingRow
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.package import package_file_name
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.services.app import Services
from khoi_desktop.services.consolidation import ConsolidationService
from khoi_desktop.services.package_board import PackageBoardService
from khoi_desktop.services.package_export import ExportedPackage, PackageExportService
from khoi_desktop.services.package_import import PackageImportService, backup_before_import
from khoi_desktop.services.package_upward import UpwardPackageService
from ui.desktop_shell import DesktopShell, Shell
from ui.pages.common.loading import LoadingCover
from ui.pages.common.org_combo import OrgCombo
from ui.pages.common.page_frame import button_row, titled_column
from ui.pages.common.report_year import draft_choice
from ui.pages.packages.package_board_panel import PackageBoardPanel
from ui.pages.packages.package_import_panel import PackageImportPanel
from ui.prompts import Prompts
from ui.tasks import TaskRunner

ZIP_FILTER = "Gói báo cáo (*.zip)"
NO_MAIL = ("Máy này chưa có chương trình email hỗ trợ đính kèm tự động (như Outlook, Thunderbird). "
           "Đã mở thư mục chứa gói báo cáo: hãy đính kèm tệp “{name}” vào email gửi cấp trên.")


class PackagePage(QWidget):
    status_changed = Signal(str)
    changed = Signal(object)

    def __init__(self, services: Services, exporter: PackageExportService, importer: PackageImportService,
                 consolidation: ConsolidationService, tasks: TaskRunner, prompts: Prompts,
                 shell: Shell | None = None) -> None:
        super().__init__()
        self._services, self._exporter = services, exporter
        self._tasks, self._prompts = tasks, prompts
        self._shell = shell or DesktopShell()
        self.loading = LoadingCover(self)
        self.exported: ExportedPackage | None = None
        self._names: dict[int, str] = {}
        self.org_combo = OrgCombo()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, services.context.today().year + 1)
        self.year_box.setValue(services.context.today().year)
        self.minutes_list = QListWidget()
        self.export_button = QPushButton("Xuất gói báo cáo…")
        self.folder_button = QPushButton("Mở thư mục")
        self.mail_button = QPushButton("Gửi email")
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.panel = PackageImportPanel(importer, consolidation, tasks, prompts, self.year_box.value)
        self.panel.status_changed.connect(self._set_status)
        self.panel.imported.connect(self.changed.emit)
        self.board = PackageBoardPanel(PackageBoardService(services.context),
                                       UpwardPackageService(services.context, exporter), tasks, prompts,
                                       self.year_box.value)
        self.board.status_changed.connect(self._set_status)
        self.panel.imported.connect(lambda _changes: self.board.reload())
        self.year_box.valueChanged.connect(lambda _value: self.board.reload())
        self.tabs = QTabWidget()
        self.org_combo.currentIndexChanged.connect(lambda _index: self.reload_meetings())
        self.year_box.valueChanged.connect(lambda _value: self.reload_meetings())
        self.export_button.clicked.connect(self.export)
        self.folder_button.clicked.connect(self.open_folder)
        self.mail_button.clicked.connect(self.send_mail)
        self.setAcceptDrops(True)
        self._build_layout()
        self._update_buttons()
        self.reload()

    @classmethod
    def for_services(cls, services: Services, tasks: TaskRunner, prompts: Prompts,
                     shell: Shell | None = None) -> PackagePage:
        """The page over one open database (imports are backed up first, like a restore)."""
        backup = backup_before_import(services.db, services.path)
        return cls(services, PackageExportService(services.context),
                   PackageImportService(services.context, backup), ConsolidationService(services.context),
                   tasks, prompts, shell)

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Tổ chức:", self.org_combo)
        form.addRow("Năm báo cáo:", self.year_box)
        form.addRow("Kèm biên bản:", self.minutes_list)
        box = QGroupBox("Xuất gói báo cáo của đơn vị")
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addLayout(button_row(self.export_button, self.folder_button, self.mail_button))
        inner.addWidget(self.result_label)
        layout = titled_column(self, "Gửi báo cáo lên cấp trên", (
            "Xuất một tệp .zip gồm báo cáo tổng kết năm (PDF, DOCX), số liệu thống kê (XLSX), các biên bản đã chọn "
            "và dữ liệu để cấp trên tổng hợp; đính kèm tệp này vào email gửi cấp trên."))
        self.tabs.addTab(box, "Gửi lên cấp trên")
        self.tabs.addTab(self.panel, "Nhận gói của đơn vị")
        self.tabs.addTab(self.board, "Theo dõi gói đã nhận")
        layout.addWidget(self.tabs, 1)
        box.layout().addStretch(1)

    # -- loading --------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.loading.start()
        self._tasks.call(lambda: self._services.organizations.all(include_retired=False),
                         self.loading.then(self._organizations), self.loading.then(self._failed("đọc danh sách tổ chức")))
        self.board.reload()

    def on_changed(self, _changes: object = None) -> None:
        self.reload()

    def _organizations(self, organizations: list[Organization]) -> None:
        self._names = {org.id: org.name for org in organizations}
        self.org_combo.set_organizations(organizations)
        self.reload_meetings()

    def reload_meetings(self) -> None:
        org_id, year = self.org_combo.current_id(), self.year_box.value()
        if org_id is None:
            self.minutes_list.clear()
            return
        self._tasks.call(lambda: self._exporter.meetings(org_id, year), self._meetings,
                         self._failed("đọc danh sách buổi sinh hoạt"))

    def _meetings(self, meetings: list[MeetingRow]) -> None:
        """Refill the list; meetings ticked before stay ticked (a reload after an export keeps them)."""
        ticked = set(self.chosen_minutes())
        self.minutes_list.clear()
        for meeting in meetings:
            item = QListWidgetItem(f"{format_date(meeting.date)} — {meeting.kind.label} — {meeting.organization_name}")
            item.setData(Qt.ItemDataRole.UserRole, meeting.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if meeting.id in ticked else Qt.CheckState.Unchecked)
            self.minutes_list.addItem(item)
        self._update_buttons()

    def chosen_minutes(self) -> list[int]:
        items = (self.minutes_list.item(row) for row in range(self.minutes_list.count()))
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    # -- exporting ------------------------------------------------------------------------------------
    def export(self) -> None:
        org_id, year = self.org_combo.current_id(), self.year_box.value()
        if org_id is None:
            self._prompts.inform("Xuất gói báo cáo", "Hãy chọn tổ chức gửi báo cáo.")
            return
        service = self._services.year_end
        self._tasks.call(lambda: service.year_problems(org_id, year),
                         lambda problems: self._year_checked(org_id, year, problems), self._failed("xuất gói báo cáo"))

    def _year_checked(self, org_id: int, year: int, problems: tuple[str, str]) -> None:
        draft = draft_choice(self._prompts, problems, "gói báo cáo")
        if draft is None:
            return
        suggested = package_file_name(year, self._names.get(org_id, ""))
        target = self._prompts.ask_save_path("Lưu gói báo cáo", suggested, ZIP_FILTER)
        if target is None:
            return
        target = target if target.suffix.lower() == ".zip" else target.with_name(target.name + ".zip")
        minutes = self.chosen_minutes()
        self.export_button.setEnabled(False)
        self._tasks.run(lambda control: self._exporter.export(org_id, year, target, minutes=minutes,
                                                              progress=control.progress, draft=draft),
                        self._exported, self._failed("xuất gói báo cáo"),
                        progress_title="Đang xuất gói báo cáo…", parent=self)

    def _exported(self, exported: ExportedPackage) -> None:
        self.exported = exported
        self.result_label.setText(f"Đã ghi “{exported.path}” ({format_number(max(exported.size // 1024, 1))} KB, "
                                  f"{format_number(len(exported.entries))} tệp). Hãy gửi tệp này lên cấp trên.")
        self._set_status(f"Đã xuất {exported.title}.")
        self.changed.emit(exported.changes)
        self._update_buttons()

    def open_folder(self) -> None:
        if self.exported is not None:
            self._shell.reveal(self.exported.path)

    def send_mail(self) -> None:
        exported = self.exported
        if exported is None:
            return
        if not self._shell.mail(exported.path, exported.title, f"Kính gửi cấp trên {exported.title}."):
            self._prompts.inform("Gửi email", NO_MAIL.format(name=exported.path.name))
            self._shell.reveal(exported.path)

    # -- drag and drop (bloc mode) ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if _zip_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = _zip_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.panel)
            self.panel.add_files(paths)

    # -- helpers --------------------------------------------------------------------------------------
    def _failed(self, doing: str) -> Callable[[BaseException], None]:
        def show(exc: BaseException) -> None:
            self._update_buttons()
            self._prompts.show_error(exc, doing)
        return show

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(True)
        self.folder_button.setEnabled(self.exported is not None)
        self.mail_button.setEnabled(self.exported is not None)

    def _set_status(self, text: str) -> None:
        self.status_changed.emit(text)


def _zip_paths(urls: list) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile() and url.toLocalFile().lower().endswith(".zip")]
