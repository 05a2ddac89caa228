"""Which database is open: open another, back up, restore — all on the worker thread.

The controller owns the one open :class:`Services`. When it changes (another file, a
restore), the window's pages are dropped and rebuilt on the new services, and the old
connection is closed on the worker after every job queued before it has run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

from khoi_desktop.domain.errors import OperationCancelled
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.domain.vntext import format_number
from khoi_desktop.services.app import Services, app_schema_version, restore_database, validate_backup
from ui.database_jobs import DATABASE_FILTER, Opener, open_job
from ui.main_window import MainWindow
from ui.prompts import Prompts
from ui.single_instance import DatabaseLock, ensure_single_instance
from ui.tasks import TaskControl, TaskRunner

log = logging.getLogger(__name__)
INTEGRITY_CHECK_DELAY_MS = 3000
APP_TITLE = "Khối Desktop"
DATABASE_KEY = "database/path"

PageInstaller = Callable[[Services], None]


@dataclass(frozen=True)
class RestoreOutcome:
    services: Services
    kept: Path | None
    error: BaseException | None


def app_version() -> str:
    import importlib.metadata  # ≈ 12 ms (email, zipfile…): only the Giới thiệu box asks

    try:
        return importlib.metadata.version("khoi-desktop")
    except importlib.metadata.PackageNotFoundError:
        return "bản phát triển"


def remember_database(settings: QSettings, path: Path) -> None:
    """The next start opens this file directly; an ordinary start (the file remembered) writes nothing.

    Writing is what costs: ``sync`` saves the settings file and flushes it to disk.
    """
    if settings.value(DATABASE_KEY) == str(path):
        return
    settings.setValue(DATABASE_KEY, str(path))
    settings.sync()


def remembered_database(settings: QSettings) -> Path | None:
    value = settings.value(DATABASE_KEY)
    return Path(str(value)) if value else None


class DatabaseController(QObject):
    """Connects the window's Tệp menu to the database and rebuilds pages on a switch."""

    opened = Signal(object)

    def __init__(self, window: MainWindow, settings: QSettings, tasks: TaskRunner, prompts: Prompts,
                 install_pages: PageInstaller, opener: Opener = Services.open) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._tasks = tasks
        self._checks = TaskRunner(self)  # background integrity checks, beside the database worker
        self._prompts = prompts
        self._install_pages = install_pages
        self._opener = opener
        self._services: Services | None = None
        self._locks: dict[Path, DatabaseLock] = {}
        window.action_new.triggered.connect(lambda: self.ask_new())
        window.action_open.triggered.connect(self.ask_open)
        window.action_backup.triggered.connect(self.ask_backup)
        window.action_restore.triggered.connect(self.ask_restore)
        window.action_about.triggered.connect(self.show_about)

    @property
    def services(self) -> Services | None:
        return self._services

    # Opening

    def lock(self, path: Path) -> bool:
        """Hold ``path``'s lock for this window; False (after saying why) when another has it."""
        held = self._locks.get(path)
        if held is not None and held.is_held():
            return True
        lock = ensure_single_instance(path, self._prompts.warn)
        if lock is None:
            return False
        self._locks[path] = lock
        return True

    def _release_locks(self, keep: Path | None = None) -> None:
        for path in [p for p in self._locks if p != keep]:
            self._locks.pop(path).release()

    def adopt(self, services: Services) -> None:
        """Show ``services`` (already opened on the worker) in the window."""
        self.lock(services.path)  # a file created or restored here: nobody else can hold it
        self._release_locks(keep=services.path)
        old = self._services
        self._window.clear_pages()
        self._services = services
        self._install_pages(services)
        remember_database(self._settings, services.path)
        self._window.setWindowTitle(f"{APP_TITLE} — {services.path.name}")
        self._window.set_database_name(str(services.path))
        self._window.set_database_actions_enabled(True)
        if old is not None and old is not services:
            self._tasks.call(old.close)
        self.opened.emit(services)
        # The full integrity check runs behind the shown window, not on every open: a few seconds
        # later, on a thread and connection of its own, so the first page's figures never wait for it.
        QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, self, lambda: self._check_integrity(services))

    def _check_integrity(self, services: Services) -> None:
        if services is not self._services:
            return  # another file is open by now (or the app is closing)
        self._checks.call(services.quick_check_aside, lambda rows: self._integrity_checked(services, rows),
                          lambda exc: log.warning("Không kiểm tra được toàn vẹn tệp: %s", exc))

    def _integrity_checked(self, services: Services, rows: list[str]) -> None:
        if rows == ["ok"] or services is not self._services:
            return
        self._prompts.warn("Tệp dữ liệu có lỗi", (
            f"Kiểm tra toàn vẹn tệp “{services.path.name}” phát hiện lỗi ({rows[0]}).\n\n"
            "Hãy phục hồi từ một bản sao lưu (Tệp → Phục hồi…) trước khi nhập thêm dữ liệu."))

    def open_path(self, path: Path, on_failed: Callable[[BaseException], None] | None = None) -> None:
        """Open ``path`` on the worker with a progress dialog; the current file stays open on failure."""
        if not self._window.may_leave_pages() or not self.lock(path):
            return
        self._window.set_status(f"Đang mở “{path.name}”…")

        def failed(exc: BaseException) -> None:
            self._window.set_status("")
            self._release_locks(keep=self._services.path if self._services else None)
            self._prompts.show_error(exc, "mở cơ sở dữ liệu")
            if on_failed is not None:
                on_failed(exc)

        self._tasks.run(open_job(self._opener, path), self._opened, failed,
                        progress_title=f"Đang mở cơ sở dữ liệu “{path.name}”…",
                        parent=self._window, cancellable=True)

    def _opened(self, services: Services | None) -> None:
        if services is None:
            self._window.set_status("Đã hủy việc mở tệp.")
            self._release_locks(keep=self._services.path if self._services else None)
            return
        self.adopt(services)

    def ask_new(self, ask_new_unit: Callable[[QWidget], OrganizationInput | None] | None = None) -> None:
        """Tạo cơ sở dữ liệu mới: a new file, the new-unit wizard, then open it in this window."""
        if not self._window.may_leave_pages():
            return
        path = self._prompts.ask_save_path("Tạo cơ sở dữ liệu mới", "khoi-don-vi-moi.sqlite", DATABASE_FILTER)
        if path is None:
            return
        if path.exists():
            self._prompts.warn("Tạo cơ sở dữ liệu mới",
                               f"Tệp “{path.name}” đã có. Hãy chọn tên khác: dữ liệu có sẵn không bị ghi đè.")
            return
        from ui.new_unit import NewUnitWizard, create_unit_job  # its dialogs load only when asked for

        if ask_new_unit is None:
            ask_new_unit = NewUnitWizard.ask
        data = ask_new_unit(self._window)
        if data is None or not self.lock(path):
            return
        self._tasks.run(create_unit_job(path, data, self._opener), self._opened,
                        lambda exc: self._prompts.show_error(exc, "tạo cơ sở dữ liệu mới"),
                        progress_title="Đang tạo cơ sở dữ liệu…", parent=self._window)

    def ask_open(self) -> None:
        path = self._prompts.ask_open_path("Mở cơ sở dữ liệu khác", DATABASE_FILTER)
        if path is None:
            return
        if self._services is not None and path.resolve() == self._services.path.resolve():
            self._prompts.inform("Mở cơ sở dữ liệu", "Tệp này đang được mở.")
            return
        self.open_path(path)

    # Backup

    def ask_backup(self) -> None:
        services = self._services
        if services is None:
            return
        day = services.context.today()
        suggested = services.path.with_name(f"{services.path.stem}-sao-luu-{day:%Y-%m-%d}.sqlite")
        target = self._prompts.ask_save_path("Sao lưu cơ sở dữ liệu", str(suggested), DATABASE_FILTER)
        if target is None:
            return
        self._tasks.run(lambda control: services.backup(target, control.progress), self._backed_up,
                        lambda exc: self._prompts.show_error(exc, "sao lưu"),
                        progress_title="Đang sao lưu…", parent=self._window)

    def _backed_up(self, target: Path) -> None:
        self._window.set_status(f"Đã sao lưu vào “{target}”.")
        self._prompts.inform("Sao lưu", f"Đã sao lưu dữ liệu vào tệp:\n{target}")

    # Restore

    def ask_restore(self) -> None:
        if self._services is None:
            return
        source = self._prompts.ask_open_path("Chọn bản sao lưu để phục hồi", DATABASE_FILTER)
        if source is None:
            return

        def check(control: TaskControl) -> dict[str, int] | None:
            try:
                counts = validate_backup(source, control.progress, control.cancelled)
            except OperationCancelled:
                return None  # the copy being checked is gone; nothing else was touched
            return None if control.cancelled() else counts

        self._tasks.run(check, lambda counts: self._confirm_restore(source, counts),
                        lambda exc: self._prompts.show_error(exc, "phục hồi"),
                        progress_title="Đang kiểm tra bản sao lưu…", parent=self._window, cancellable=True)

    def _confirm_restore(self, source: Path, counts: dict[str, int] | None) -> None:
        if counts is None or self._services is None:
            return
        question = (
            f"Phục hồi dữ liệu từ “{source.name}”?\n\n"
            f"Bản sao lưu có {format_number(counts.get('organizations', 0))} tổ chức, "
            f"{format_number(counts.get('people', 0))} người, "
            f"{format_number(counts.get('meetings', 0))} buổi sinh hoạt.\n\n"
            "Dữ liệu đang dùng sẽ được thay bằng bản sao lưu; một bản sao của dữ liệu hiện tại "
            "được giữ lại trong thư mục sao lưu trước khi phục hồi."
        )
        if not self._prompts.confirm("Phục hồi dữ liệu", question, "Phục hồi", "Hủy"):
            return
        self.restore_confirmed(source)

    def restore_confirmed(self, source: Path) -> None:
        """Restore ``source`` (already checked and confirmed, e.g. by the backups page)."""
        # A barrier: once every job queued before it has reported back, the pages can go.
        self._tasks.call(lambda: None, lambda _result: self._start_restore(source))

    def _start_restore(self, source: Path) -> None:
        old, opener, checks = self._services, self._opener, self._checks
        if old is None:
            return
        self._services = None  # the job closes it; nothing may use it meanwhile
        self._window.clear_pages()
        self._window.set_database_actions_enabled(False)

        def job(control: TaskControl) -> RestoreOutcome:
            checks.wait_for_jobs()  # an integrity check still reading the file would keep it open (Windows)
            old.close()
            try:
                kept, error = restore_database(source, old.path, progress=control.progress), None
            except Exception as exc:  # noqa: BLE001 - reopen the untouched file, then report
                kept, error = None, exc
            return RestoreOutcome(opener(old.path), kept, error)

        self._tasks.run(job, self._restored, self._reopen_failed,
                        progress_title="Đang phục hồi dữ liệu…", parent=self._window)

    def _restored(self, outcome: RestoreOutcome) -> None:
        self.adopt(outcome.services)
        if outcome.error is not None:
            self._prompts.show_error(outcome.error, "phục hồi")
            return
        kept = f"\nBản sao của dữ liệu trước khi phục hồi: {outcome.kept}" if outcome.kept else ""
        self._window.set_status("Đã phục hồi dữ liệu.")
        self._prompts.inform("Phục hồi", f"Đã phục hồi dữ liệu từ bản sao lưu.{kept}")

    def _reopen_failed(self, exc: BaseException) -> None:
        self._window.set_database_name("")
        self._prompts.show_error(exc, "mở lại cơ sở dữ liệu")

    # Help and shutdown

    def show_about(self) -> None:
        path = str(self._services.path) if self._services else "chưa mở"
        self._prompts.inform("Giới thiệu", (
            f"{APP_TITLE} {app_version()}\n"
            "Quản lý công tác chi bộ, đảng bộ cơ sở — chạy trên máy, không cần mạng.\n\n"
            f"Cấu trúc dữ liệu: bản {schema_number()} (tệp cũ hơn được nâng cấp tự động khi mở)\n"
            f"Cơ sở dữ liệu: {path}"
        ))

    def shutdown(self) -> None:
        """Close the open database after every queued job (on quitting)."""
        services, self._services = self._services, None
        if services is not None:
            self._tasks.call(services.close)
        self._tasks.wait_idle()
        self._checks.wait_idle()
        self._release_locks()


def schema_number() -> int:
    """The database structure's number as a clerk reads it ("m0008_study_rolls" → 8)."""
    name = app_schema_version()
    digits = "".join(ch for ch in name.split("_")[0] if ch.isdigit())
    return int(digits) if digits else 0
