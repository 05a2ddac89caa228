"""What the study pages share: the organisation + year bar (:mod:`ui.pages.common.org_year_bar`), loading
on the task runner, a diacritic-free search field.

A :class:`YearScopedPage` reads the organisations and the page's figures for the chosen
organisation and year in one background job (:meth:`YearScopedPage.load`), ignores answers
that arrive after the clerk chose something else, and reloads when another page reports a
change it shows (:meth:`YearScopedPage.reload_on`). A click on an overview figure opens the
page through :meth:`YearScopedPage.apply_filter`: the figure's organisation and year, the
page's own filters set by :meth:`YearScopedPage.narrow`, the figure's description leading the
status line. A :class:`DocumentsPage` also prints (Xem / In / Lưu thành…).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.vntext import fold
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from ui.pages.common.document_actions import (
    DocumentActions,
    Opener,
    Printer,
)
from ui.pages.common.org_year_bar import OrgYearBar
from ui.pages.common.pdf_preview import print_pdf
from ui.pages.common.reloads import OrgYearLoaded, Reloads, org_year_job
from ui.prompts import Prompts
from ui.style import named_label
from ui.tasks import TaskRunner

SEARCH_DELAY_MS = 250


class SearchField(QLineEdit):
    """'Tìm theo tên': ``changed`` a moment after typing stops; matching ignores diacritics.

    The field's text is never rewritten, so Vietnamese input methods keep working.
    """

    changed = Signal()

    def __init__(self, placeholder: str = "Tìm theo tên…", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setToolTip("Gõ một phần họ tên hoặc tên tổ chức, có dấu hoặc không dấu")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(260)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.textChanged.connect(lambda _text: self._timer.start())

    def matches(self, *texts: str) -> bool:
        wanted = fold(self.text())
        return not wanted or any(wanted in fold(text) for text in texts)


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
        self._reloads = Reloads(self.reload, self)
        self._shown: tuple[int | None, int] | None = None
        self.data: Any = None
        self._organizations: dict[int, Organization] = {}
        self.filter_note = ""  # what an overview figure's list is, while it is on show
        self.bar = OrgYearBar(services.context.today().year)
        self.bar.changed.connect(self._bar_changed)
        self.subtitle = named_label(self.SUBTITLE, "pageSubtitle", wrap=True)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 12)
        layout.setSpacing(8)
        layout.addWidget(named_label(self.TITLE, "pageTitle"))
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

    def summary_text(self) -> str:
        """The page's line for the status bar about what it shows."""
        return ""

    def narrow(self, criteria: dict[str, str]) -> None:
        """Set the page's own filters to a figure's ``criteria`` (see ``ListFilter``); before the reload."""

    def has_unsaved_changes(self) -> bool:
        return False

    # -- the page protocol ----------------------------------------------------------------------
    def status_text(self) -> str:
        """The summary, after the description of the overview figure whose list is on show."""
        summary = self.summary_text()
        if not self.filter_note:
            return summary
        return f"{self.filter_note} — {summary}" if summary else self.filter_note

    def apply_filter(self, list_filter: ListFilter) -> None:
        """Show the organisation, year and rows behind an overview figure, its description in the status.

        The description stays until the clerk picks another organisation, year or filter.
        """
        if not self._may_leave():
            return
        self.bar.select(list_filter.organization_id, list_filter.year)
        self.filter_note = list_filter.description
        self.narrow(dict(list_filter.criteria))
        self.reload()

    def clear_note(self) -> None:
        """The clerk narrowed the page otherwise: the figure's description no longer says what is shown."""
        if self.filter_note:
            self.filter_note = ""
            self.status_changed.emit(self.status_text())

    # -- loading ------------------------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        if changes.organizations or changes.people or self.reload_on(changes):
            self.request_reload()

    def request_reload(self) -> None:
        """Reload soon; several requests in a row load once."""
        self._reloads.request()

    def reload(self) -> None:
        serial, year = self._reloads.begin(), self.year()
        job = org_year_job(self._services, self.bar, self.load)
        self._tasks.call(job, lambda result: self._loaded(serial, year, result), self._reloads.failed(self._failed))

    def _loaded(self, serial: int, year: int, result: OrgYearLoaded[Any]) -> None:
        if not self._reloads.is_current(serial):
            return  # the clerk chose something else meanwhile
        organizations, org_id, data = result
        self._organizations = {org.id: org for org in organizations}
        self.bar.set_organizations(organizations, org_id)
        self._shown = (org_id, year)
        self.data = data
        if data is not None:
            self.show_data(data)
        self.status_changed.emit(self.status_text())
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._prompts.show_error(exc, self.DOING)

    def year(self) -> int:
        return self.bar.year_value()

    def current_org(self) -> Organization | None:
        org_id = self.bar.org_id()
        return self._organizations.get(org_id) if org_id is not None else None

    def choose(self, org_id: int, year: int | None = None) -> None:
        """Show another organisation (and year) as if the clerk picked it in the bar."""
        if self._may_leave():
            self.bar.select(org_id, year if year is not None else self.year())
            self.reload()

    def _bar_changed(self) -> None:
        if self._may_leave():
            self.filter_note = ""
            self.reload()
        elif self._shown is not None:
            org_id, year = self._shown
            self.bar.select(org_id, year)

    def _may_leave(self) -> bool:
        """True unless there are unsaved edits and the clerk chooses to stay."""
        return not self.has_unsaved_changes() or self._prompts.confirm(
            "Có thay đổi chưa lưu", "Các thay đổi trên trang này chưa được lưu. Bỏ các thay đổi đó?",
            "Bỏ thay đổi", "Quay lại")

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


class DocumentsPage(YearScopedPage):
    """A year-scoped page that writes documents: ``actions`` shows, prints and saves them.

    The constructor makes ``actions`` (its messages go to the status line), calls
    :meth:`build` for the page's own widgets, then loads.
    """

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, *,
                 opener: Opener | None = None, printer: Printer = print_pdf,
                 preview_dir: Path | None = None) -> None:
        super().__init__(services, tasks, prompts)
        self.actions = DocumentActions(tasks, prompts, opener=opener, printer=printer, preview_dir=preview_dir,
                                       parent=self)
        self.actions.status.connect(self.status_changed)
        self.build()
        self.reload()

    def build(self) -> None:
        """The page's widgets, laid out and connected."""
        raise NotImplementedError
