"""First start: no database yet — create a new unit, open the demo data, or open a file.

:class:`WelcomeDialog` ends with ``services`` opened on the worker thread (or None when
the user leaves). The "create" wizard is reached through the ``ask_new_unit`` seam and
every job through the task runner, so tests drive it without a blocking modal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.demo.generator import DemoCancelled, generate_demo
from ui.database_jobs import DATABASE_FILTER, Opener, open_job
from ui.new_unit import NewUnitWizard, create_unit_job
from ui.prompts import Prompts
from ui.style import named_label
from ui.tasks import TaskControl, TaskRunner

DEMO_SCALE = "unit"
DEMO_SEED = 2018

AskNewUnit = Callable[[QWidget], OrganizationInput | None]
DemoMaker = Callable[..., object]


class WelcomeDialog(QDialog):
    """Shown when the user data folder holds no database."""

    def __init__(self, tasks: TaskRunner, prompts: Prompts, target: Path, *,
                 ask_new_unit: AskNewUnit = NewUnitWizard.ask, opener: Opener = Services.open,
                 make_demo: DemoMaker = generate_demo) -> None:
        super().__init__()
        self._tasks = tasks
        self._prompts = prompts
        self._target = target
        self._ask_new_unit = ask_new_unit
        self._opener = opener
        self._make_demo = make_demo
        self.services: Services | None = None
        self.setWindowTitle("Khối Desktop — Bắt đầu")
        self.setMinimumWidth(620)
        self._build()

    def _build(self) -> None:
        title = QLabel("Chào mừng đến với Khối Desktop")
        title.setObjectName("welcomeTitle")
        intro = QLabel("Máy này chưa có dữ liệu. Bạn muốn bắt đầu thế nào?")
        intro.setObjectName("pageSubtitle")
        self.create_button = _choice("Tạo đơn vị mới",
                                     "Nhập tên tổ chức đảng của bạn, rồi bắt đầu ghi đảng viên, buổi sinh hoạt.")
        self.demo_button = _choice("Mở dữ liệu mẫu",
                                   "Một đảng bộ cơ sở giả định khoảng 60 người, để dùng thử và tập huấn.")
        self.open_button = _choice("Mở tệp có sẵn…",
                                   "Chọn tệp dữ liệu Khối Desktop đã có, ví dụ chép từ máy khác.")
        self.quit_button = QPushButton("Thoát")
        self.create_button.clicked.connect(self.choose_create)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.choose_file)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        for button in (self.create_button, self.demo_button, self.open_button):
            layout.addWidget(button)
        layout.addSpacing(8)
        layout.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignRight)

    # The three choices

    def choose_create(self) -> None:
        data = self._ask_new_unit(self)
        if data is not None:
            self.create_unit(data)

    def create_unit(self, data: OrganizationInput) -> None:
        """Create the database at the default place with this organisation as its root."""
        self._start(create_unit_job(self._target, data, self._opener), "Đang tạo cơ sở dữ liệu…",
                    "tạo đơn vị mới", cancellable=False)

    def open_demo(self) -> None:
        """Generate the unit-scale demo at the default place, then open it."""
        target, opener, make_demo = self._target, self._opener, self._make_demo

        def job(control: TaskControl) -> Services | None:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                make_demo(target, DEMO_SCALE, DEMO_SEED, progress=control.progress,
                          cancelled=control.cancelled, overwrite=False)
            except DemoCancelled:
                return None  # the generator leaves nothing behind
            return opener(target)

        self._start(job, "Đang tạo dữ liệu mẫu…", "tạo dữ liệu mẫu", cancellable=True)

    def choose_file(self) -> None:
        path = self._prompts.ask_open_path("Mở tệp dữ liệu có sẵn", DATABASE_FILTER)
        if path is not None:
            self._start(open_job(self._opener, path), f"Đang mở “{path.name}”…", "mở tệp", cancellable=True)

    def _start(self, job: Callable[[TaskControl], Services | None], title: str, doing: str,
               cancellable: bool) -> None:
        self._set_busy(True)
        self._tasks.run(job, self._finished, lambda exc: self._failed(exc, doing),
                        progress_title=title, parent=self, cancellable=cancellable)

    def _finished(self, services: Services | None) -> None:
        self._set_busy(False)
        if services is not None:
            self.services = services
            self.accept()

    def _failed(self, exc: BaseException, doing: str) -> None:
        self._set_busy(False)
        self._prompts.show_error(exc, doing)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.create_button, self.demo_button, self.open_button, self.quit_button):
            button.setEnabled(not busy)

    @classmethod
    def ask(cls, tasks: TaskRunner, prompts: Prompts, target: Path) -> Services | None:
        """Run the welcome modally; the opened services, or None when the user leaves."""
        dialog = cls(tasks, prompts, target)
        dialog.exec()
        return dialog.services


def _choice(title: str, detail: str) -> QPushButton:
    """A large button: a bold title over a wrapped explanation."""
    button = QPushButton()
    button.setObjectName("choiceButton")
    button.setAccessibleName(title)
    heading, text = named_label(title, "choiceTitle"), named_label(detail, "choiceDetail", wrap=True)
    column = QVBoxLayout(button)
    column.setContentsMargins(18, 10, 18, 10)
    column.setSpacing(2)
    for label in (heading, text):
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(label)
    button.setMinimumHeight(heading.sizeHint().height() + text.sizeHint().height() + 28)
    return button
