"""What the study pages share: an organisation + year bar, and loading on the task runner.

A :class:`YearScopedPage` reads the organisations and the page's figures for the chosen
organisation and year in one background job (:meth:`YearScopedPage.load`), ignores answers
that arrive after the clerk chose something else, and reloads when another page reports a
change it shows (:meth:`YearScopedPage.reload_on`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.services.app import Services
from ui.pages.org_combo import OrgCombo, tree_order
from ui.prompts import Prompts
from ui.tasks import TaskRunner

YEARS_BACK = 10


class OrgYearBar(QWidget):
    """'Tổ chức: [tree]  Năm: [2026]'; ``changed`` when either is chosen by the clerk."""

    changed = Signal()

    def __init__(self, this_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organization = OrgCombo()
        self.organization.setMinimumContentsLength(36)
        self.year_box = QComboBox()
        for year in range(this_year + 1, this_year - YEARS_BACK, -1):
            self.year_box.addItem(f"Năm {year}", year)
        self.year_box.setCurrentIndex(1)
        self._organizations: dict[int, Organization] = {}
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        for caption, widget in (("Tổ chức:", self.organization), ("Năm:", self.year_box)):
            self.row.addWidget(QLabel(caption))
            self.row.addWidget(widget)
        self.row.addStretch(1)
        self.organization.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.year_box.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def org_id(self) -> int | None:
        return self.organization.current_id()

    def year(self) -> int:
        return int(self.year_box.currentData())

    def current(self) -> Organization | None:
        org_id = self.org_id()
        return self._organizations.get(org_id) if org_id is not None else None

    def set_organizations(self, organizations: Sequence[Organization]) -> None:
        self._organizations = {org.id: org for org in organizations}
        self.organization.blockSignals(True)
        self.organization.set_organizations(organizations)
        self.organization.blockSignals(False)

    def select(self, org_id: int | None, year: int | None = None) -> None:
        """Show this choice without announcing it."""
        for box in (self.organization, self.year_box):
            box.blockSignals(True)
        if org_id is not None:
            self.organization.select_id(org_id)
        if year is not None and self.year_box.findData(year) >= 0:
            self.year_box.setCurrentIndex(self.year_box.findData(year))
        for box in (self.organization, self.year_box):
            box.blockSignals(False)

    def choose(self, org_id: int, year: int | None = None) -> None:
        """Choose as the clerk would (tests, 'open this unit'): the page reloads."""
        self.select(org_id, year)
        self.changed.emit()


def default_organization(organizations: Sequence[Organization]) -> int | None:
    ordered = tree_order(organizations)
    return ordered[0][0].id if ordered else None


class YearScopedPage(QWidget):
    """Title, subtitle, the bar, then the page's own body (``self.body``)."""

    status_changed = Signal(str)
    changed = Signal(object)  # Changes made from this page, for the other pages
    loaded = Signal()  # the figures on show were (re)read

    TITLE = ""
    SUBTITLE = ""
    DOING = "tải số liệu"  # 'Không … được' in error messages

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        super().__init__()
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._serial = 0
        self._pending = False
        self._shown: tuple[int | None, int] | None = None
        self.data: Any = None
        self.bar = OrgYearBar(services.context.today().year)
        self.bar.changed.connect(self._bar_changed)
        title = QLabel(self.TITLE)
        title.setObjectName("pageTitle")
        self.subtitle = QLabel(self.SUBTITLE)
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.bar)
        layout.addLayout(self.body, 1)

    # -- for subclasses ---------------------------------------------------------------------------
    def load(self, org_id: int, year: int) -> Any:
        """Runs on the worker: everything the page shows for the organisation and year."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        """Runs on the GUI thread with what :meth:`load` returned."""
        raise NotImplementedError

    def reload_on(self, changes: Changes) -> bool:
        return True

    def status_text(self) -> str:
        return ""

    def has_unsaved_changes(self) -> bool:
        return False

    # -- loading ------------------------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        if changes.organizations or changes.people or self.reload_on(changes):
            self.request_reload()

    def request_reload(self) -> None:
        """Reload soon; several requests in a row load once."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.reload)

    def reload(self) -> None:
        self._pending = False
        self._serial += 1
        serial, wanted, year, services = self._serial, self.bar.org_id(), self.bar.year(), self._services

        def job() -> tuple[list[Organization], int | None, Any]:
            organizations = services.organizations.all(include_retired=False)
            known = {org.id for org in organizations}
            org_id = wanted if wanted in known else default_organization(organizations)
            return organizations, org_id, (self.load(org_id, year) if org_id is not None else None)

        self._tasks.call(job, lambda result: self._loaded(serial, year, result), self._failed)

    def _loaded(self, serial: int, year: int, result: tuple[list[Organization], int | None, Any]) -> None:
        if serial != self._serial:
            return  # the clerk chose something else meanwhile
        organizations, org_id, data = result
        self.bar.set_organizations(organizations)
        self.bar.select(org_id)
        self._shown = (org_id, year)
        self.data = data
        if data is not None:
            self.show_data(data)
        self.status_changed.emit(self.status_text())
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._prompts.show_error(exc, self.DOING)

    def _bar_changed(self) -> None:
        if self.has_unsaved_changes() and not self._prompts.confirm(
                "Có thay đổi chưa lưu", "Các thay đổi trên trang này chưa được lưu. Bỏ các thay đổi đó?",
                "Bỏ thay đổi", "Quay lại"):
            if self._shown is not None:
                self.bar.select(*self._shown)
            return
        self.reload()

    def announce(self, changes: Changes, status: str = "") -> None:
        """Something was stored from this page: tell the other pages and read the figures again."""
        self.changed.emit(changes)
        self.request_reload()
        if status:
            self.status_changed.emit(status)

    def failed(self, doing: str) -> Any:
        def show(exc: BaseException) -> None:
            self._prompts.show_error(exc, doing)
        return show


def group_box(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    column = QVBoxLayout(box)
    for widget in widgets:
        column.addWidget(widget)
    return box
