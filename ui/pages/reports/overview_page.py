"""Tổng quan: the year's key figures of an organisation at a glance, last year beside this year.

The figures come from ``OverviewService.overview`` on the worker (a busy line shows while
they are counted; the window never waits). Each group is a card with a small bar chart;
a click on a figure calls ``open_list(list_filter)``, which the main window wires to the
page behind the figure. The figures are counted again when the page is shown after
something changed elsewhere, not on every change while it is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from khoi_desktop.domain.models import Changes
from khoi_desktop.services.app import Services
from ui.pages.common.org_year_bar import OrgYearBar
from ui.pages.common.reloads import OrgYearLoaded, Reloads, org_year_job
from ui.pages.reports.overview_cards import CARD_STYLE, FigureCard, OpenList
from ui.prompts import Prompts
from ui.style import named_label
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the overview service's module (≈ 50 ms with the domain it counts) loads on the worker
    from khoi_desktop.services.overview import ListFilter, Overview

    Loaded = OrgYearLoaded[Overview]


class OverviewPage(QWidget):
    """The page registered under "Tổng quan"; ``open_list`` opens the list behind a figure."""

    status_changed = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts,
                 open_list: OpenList | None = None) -> None:
        super().__init__()
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self.open_list: OpenList = open_list or (lambda _filter: None)
        self.overview: Overview | None = None
        self.cards: dict[str, FigureCard] = {}
        self._reloads = Reloads(self.reload, self)
        self._stale = False
        self._status = ""
        self._build()
        self.bar.changed.connect(self.request_reload)
        self.refresh_button.clicked.connect(self.request_reload)
        self.reload()

    def _build(self) -> None:
        self.subtitle = named_label("", "pageSubtitle", wrap=True)
        self.bar = OrgYearBar(self._services.context.today().year)
        self.refresh_button = QPushButton("Làm mới")
        self.refresh_button.setToolTip("Tính lại số liệu từ dữ liệu hiện có")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # a moving bar: the figures are being counted
        self.busy.setMaximumWidth(140)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)
        self.busy_label = named_label("Đang tính số liệu…", "pageSubtitle")
        row = QHBoxLayout()
        row.addWidget(self.bar)
        row.addWidget(self.refresh_button)
        row.addSpacing(12)
        row.addWidget(self.busy)
        row.addWidget(self.busy_label)
        row.addStretch(1)
        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(14)
        self.setStyleSheet(CARD_STYLE)  # once for every card: a sheet per card is polished per card
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addWidget(named_label("Tổng quan", "pageTitle"))
        layout.addLayout(row)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addLayout(self.cards_box)
        layout.addStretch(1)
        self._set_busy(False)

    # -- the page protocol ------------------------------------------------------------------------
    def status_text(self) -> str:
        return self._status

    def on_changed(self, changes: Changes) -> None:
        """Count again after anything the figures depend on changed (now if shown, else when shown)."""
        if changes.settings and not (changes.organizations or changes.people or changes.meetings
                                     or changes.attendance or changes.commitments or changes.assessments
                                     or changes.oversight):
            return
        if self.isVisible():
            self.request_reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.request_reload()

    def apply_filter(self, list_filter: ListFilter) -> None:
        """Show the organisation and year of ``list_filter`` (the overview has no list to narrow)."""
        self.bar.select(list_filter.organization_id, list_filter.year)
        self.request_reload()

    # -- loading -------------------------------------------------------------------------------------
    def request_reload(self) -> None:
        self._reloads.request()

    def reload(self) -> None:
        """The organisations, then the overview of the chosen one and year, on the worker."""
        serial, services = self._reloads.begin(), self._services
        job = org_year_job(services, self.bar, lambda org_id, year: services.overview.overview(org_id, year))
        self._set_busy(True)
        self._tasks.call(job, lambda loaded: self._loaded(serial, loaded), lambda exc: self._failed(serial, exc))

    def _loaded(self, serial: int, loaded: Loaded) -> None:
        if not self._reloads.is_current(serial):
            return  # a newer choice is being counted
        organizations, org_id, overview = loaded
        self.bar.set_organizations(organizations, org_id)
        self._set_busy(False)
        self.show_overview(overview)

    def _failed(self, serial: int, exc: BaseException) -> None:
        if self._reloads.is_current(serial):
            self._set_busy(False)
            self._prompts.show_error(exc, "tính số liệu tổng quan")

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.refresh_button.setEnabled(not busy)

    # -- showing -------------------------------------------------------------------------------------
    def show_overview(self, overview: Overview | None) -> None:
        """One card per group of figures (none, with a hint, before any organisation exists)."""
        self.overview = overview
        self._clear_cards()
        if overview is None:
            self.subtitle.setText("Chưa có tổ chức nào. Hãy thêm tổ chức ở trang “Tổ chức”.")
            self._set_status("")
            return
        self.subtitle.setText(f"Số liệu năm {overview.year} của {overview.organization_name} (gồm các tổ chức "
                              f"trực thuộc), so với năm {overview.year - 1}. Bấm vào một số liệu để xem danh "
                              "sách tương ứng.")
        for group in overview.groups:
            card = FigureCard(group, overview.year, self._open)
            self.cards[group.key] = card
            self.cards_box.addWidget(card)
        meetings = overview.figure("meetings.total").text
        self._set_status(f"{overview.organization_name} — năm {overview.year}: {meetings} sinh hoạt, hội nghị")

    def _open(self, list_filter: ListFilter) -> None:
        self.open_list(list_filter)

    def _clear_cards(self) -> None:
        for card in self.cards.values():
            self.cards_box.removeWidget(card)
            card.deleteLater()
        self.cards.clear()

    def _set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)


# The page behind each kind of list (ListFilter.page), where the page's key differs.
PAGE_OF_LIST = {"participation": "study", "registrations": "commitments"}


def figure_opener(show_page: Callable[[str], QWidget]) -> OpenList:
    """The ``open_list`` the main window gives the page: show the page behind a figure, then narrow it.

    A page with ``apply_filter(list_filter)`` takes the whole filter (organisation, year,
    criteria, description); one with only ``choose(org_id, year)`` shows the organisation and
    year; a page not registered is skipped.
    """

    def open_list(list_filter: ListFilter) -> None:
        try:
            page = show_page(PAGE_OF_LIST.get(list_filter.page, list_filter.page))
        except KeyError:
            return
        apply, choose = getattr(page, "apply_filter", None), getattr(page, "choose", None)
        if callable(apply):
            apply(list_filter)
        elif callable(choose):
            choose(list_filter.organization_id, list_filter.year)

    return open_list
