"""Sao lưu và phục hồi: the list of backups, back up now, back up to a USB drive, restore.

Every file job runs on the task runner. Restoring replaces the open database, which only
the owner of the connection may do: after checking the backup and asking the clerk, the
page hands the file to ``on_restore_requested(path)`` (the database controller closes the
database, calls :func:`khoi_desktop.services.backups.restore_backup` and reopens it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QWidget,
)

from khoi_desktop.domain.backups import BackupInfo, BackupReason, format_stamp
from khoi_desktop.domain.retention import describe
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.backups import BackupService
from ui.models.backups_table import COLUMNS, REASON, BackupsTableModel
from ui.pages.common.loading import LoadingCover
from ui.pages.common.page_frame import button_row, titled_column
from ui.prompts import Prompts
from ui.tasks import TaskRunner

BACKUP_FILTER = "Bản sao lưu Khối Desktop (*.sqlite *.db);;Tất cả các tệp (*)"
RestoreRequest = Callable[[Path], None]


class BackupsPage(QWidget):
    status_changed = Signal(str)

    def __init__(self, backups: BackupService, tasks: TaskRunner, prompts: Prompts,
                 on_restore_requested: RestoreRequest | None = None) -> None:
        super().__init__()
        self._backups = backups
        self._tasks = tasks
        self._prompts = prompts
        self._on_restore_requested = on_restore_requested
        self._status = ""
        self._busy = False
        self.loading = LoadingCover(self)
        self.model = BackupsTableModel()
        self.table = _table(self.model)
        self.backup_button = QPushButton("Sao lưu ngay")
        self.to_folder_button = QPushButton("Sao lưu ra thư mục khác…")
        self.restore_button = QPushButton("Phục hồi bản đã chọn…")
        self.restore_file_button = QPushButton("Phục hồi từ tệp khác…")
        self.backup_button.clicked.connect(self.backup_now)
        self.to_folder_button.clicked.connect(self.backup_to_folder)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self._build_layout()
        self._update_buttons()
        self.reload()

    def _build_layout(self) -> None:
        layout = titled_column(self, "Sao lưu và phục hồi", (
            "Khối Desktop tự sao lưu khi mở ứng dụng (nếu bản gần nhất đã quá một ngày), 30 phút "
            "một lần khi có thay đổi, khi đóng ứng dụng, trước khi phục hồi và trước khi nhận gói báo cáo. "
            f"{describe(self._backups.rule)}\n"
            f"Thư mục sao lưu: {self._backups.folder}"))
        layout.addLayout(button_row(self.backup_button, self.to_folder_button, self.restore_button,
                                    self.restore_file_button))
        layout.addWidget(self.table, 1)

    # Listing

    def reload(self) -> None:
        self.loading.start()
        self._tasks.call(self._backups.list_backups, self.loading.then(self._loaded),
                         self.loading.then(lambda exc: self._prompts.show_error(exc, "đọc danh sách bản sao lưu")))

    def _loaded(self, rows: list[BackupInfo]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
            newest = format_stamp(rows[0].created)
            self._set_status(f"{format_number(len(rows))} bản sao lưu; mới nhất lúc {newest}.")
        else:
            self._set_status("Chưa có bản sao lưu nào.")
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_info(rows[0].row()) if rows else None

    def status_text(self) -> str:
        return self._status

    def on_backup_made(self, _info: object = None) -> None:
        """The scheduler made a backup: show it."""
        self.reload()

    # Backing up

    def backup_now(self) -> None:
        self._set_busy(True)
        self._tasks.run(lambda control: self._backups.backup_before(BackupReason.MANUAL, control.progress),
                        self._backed_up,
                        self._failed("sao lưu"), progress_title="Đang sao lưu…", parent=self)

    def _backed_up(self, info: BackupInfo) -> None:
        self._set_busy(False)
        self.reload()
        self._prompts.inform("Sao lưu", f"Đã sao lưu dữ liệu lúc {format_stamp(info.created)}.")

    def backup_to_folder(self) -> None:
        folder = self._prompts.ask_directory("Chọn thư mục hoặc ổ USB để sao lưu")
        if folder is None:
            return
        self._set_busy(True)
        self._tasks.run(lambda control: self._backups.backup_to_folder(folder, control.progress), self._copied,
                        self._failed("sao lưu ra thư mục khác"), progress_title="Đang sao lưu…", parent=self)

    def _copied(self, target: Path) -> None:
        self._set_busy(False)
        self._set_status(f"Đã sao lưu vào “{target}”.")
        self._prompts.inform("Sao lưu", (
            f"Đã sao lưu dữ liệu vào tệp:\n{target}\n\n"
            "Nếu là ổ USB, hãy dùng “Tháo thiết bị an toàn” của Windows trước khi rút ổ."))

    # Restoring

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            self._prompts.inform("Phục hồi", "Hãy chọn một bản sao lưu trong bảng.")
            return
        self._check_then_confirm(info.path, f"bản sao lưu lúc {format_stamp(info.created)}")

    def restore_from_file(self) -> None:
        path = self._prompts.ask_open_path("Chọn bản sao lưu để phục hồi", BACKUP_FILTER)
        if path is not None:
            self._check_then_confirm(path, f"tệp “{path.name}”")

    def _check_then_confirm(self, path: Path, what: str) -> None:
        self._set_busy(True)
        self._tasks.run(lambda control: self._backups.check(path, control.progress),
                        lambda counts: self._confirm_restore(path, what, counts),
                        self._failed("phục hồi"), progress_title="Đang kiểm tra bản sao lưu…", parent=self)

    def _confirm_restore(self, path: Path, what: str, counts: dict[str, int]) -> None:
        self._set_busy(False)
        question = (
            f"Phục hồi dữ liệu về {what}?\n\n"
            f"Bản này có {format_number(counts.get('people', 0))} người và "
            f"{format_number(counts.get('meetings', 0))} buổi sinh hoạt, hội nghị.\n\n"
            "Dữ liệu hiện tại sẽ được sao lưu trước (lý do “Trước khi phục hồi”), "
            "nên vẫn có thể quay lại nếu cần."
        )
        if not self._prompts.confirm("Phục hồi dữ liệu", question, "Phục hồi", "Hủy"):
            return
        if self._on_restore_requested is None:
            self._prompts.warn("Phục hồi", "Chức năng phục hồi chưa sẵn sàng trong cửa sổ này.")
            return
        self._on_restore_requested(path)

    # Helpers

    def _failed(self, doing: str) -> Callable[[BaseException], None]:
        def show(exc: BaseException) -> None:
            self._set_busy(False)
            self._prompts.show_error(exc, doing)
        return show

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.backup_button, self.to_folder_button, self.restore_file_button):
            button.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self._busy and self.selected() is not None)

    def _set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)


def _table(model: BackupsTableModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in range(len(COLUMNS)):
        mode = QHeaderView.ResizeMode.Stretch if column == REASON else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return table
