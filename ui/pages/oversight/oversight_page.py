"""Kiểm tra, giám sát · Tuyên truyền · Gương điển hình, khen thưởng: three pages, one scaffold.

Each page shows, for the organisation and year chosen at the top, a line of counts and one
:class:`~ui.pages.common.record_list.RecordList` (the outreach page a second one for the network);
records are added and edited in dialogs (``inspection_dialog``, ``oversight_dialogs``).
The page keys match ``ListFilter.page`` ('inspections', 'outreach', 'exemplars'), and
``apply_filter`` narrows the page to what a figure of the overview stands for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from khoi_desktop.domain.enums import InspectionKind, OutreachOutlet
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.oversight import Contributor, Exemplar, Inspection, OutreachItem
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from ui.pages.common.filters import choice_combo, choose_code, enum_choices
from ui.pages.common.org_year_bar import OrgYearBar, subtree
from ui.pages.common.record_list import RecordList
from ui.pages.common.reloads import OrgYearLoaded, Reloads, org_year_job
from ui.pages.oversight.inspection_dialog import InspectionDialog
from ui.pages.oversight.oversight_dialogs import ContributorDialog, ExemplarDialog, OutreachDialog
from ui.pages.oversight.oversight_summary import (
    CONTRIBUTOR_COLUMNS,
    EXEMPLAR_COLUMNS,
    INSPECTION_COLUMNS,
    OUTREACH_COLUMNS,
    exemplar_summary,
    inspection_summary,
    outreach_summary,
)
from ui.prompts import Prompts
from ui.style import named_label
from ui.tasks import TaskRunner

OWN, BELOW, TARGETED = "own", "below", "targeted"
Fetch = Callable[[Services, int, int], Any]


class OversightPage(QWidget):
    """Title, organisation and year, a line of counts, the lists; loads on the worker."""

    status_changed = Signal(str)
    changed = Signal(object)
    TITLE = ""

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        super().__init__()
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self.organizations: list[Organization] = []
        self._reloads = Reloads(self.reload, self)
        self._status = ""
        self.bar = OrgYearBar(services.context.today().year)
        self.summary = named_label("", "pageSubtitle", wrap=True)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(named_label(self.TITLE, "pageTitle"))
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addLayout(self.body, 1)
        self.bar.changed.connect(self.request_reload)
        self.build()
        self.reload()

    # -- for the subclasses -------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def fetcher(self) -> Fetch:
        """What the page shows: a job for the worker, with the page's choices read beforehand."""
        raise NotImplementedError

    def show_loaded(self, loaded: Any) -> None:
        raise NotImplementedError

    def apply_criteria(self, criteria: dict[str, str]) -> None:
        """Narrow the lists to a figure's criteria (see ``ListFilter``)."""

    def make_list(self, noun: str, columns: Any, empty_text: str, sort_column: int = 0) -> RecordList:
        records = RecordList(noun, columns, self._tasks, self._prompts, empty_text, sort_column)
        records.changed.connect(self.announce)
        return records

    def scope(self) -> list[Organization]:
        """The chosen organisation and those below it (where records may belong)."""
        return subtree(self.organizations, self.bar.org_id())

    # -- the page protocol ------------------------------------------------------------------------------
    def status_text(self) -> str:
        return self._status

    def set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)

    def on_changed(self, changes: Changes) -> None:
        if changes.oversight or changes.organizations or changes.people:
            self.request_reload()

    def apply_filter(self, list_filter: ListFilter) -> None:
        """Show the organisation, year and records a figure of the overview stands for."""
        self.bar.select(list_filter.organization_id, list_filter.year)
        self.apply_criteria(dict(list_filter.criteria))
        self.request_reload()

    def announce(self, changes: Changes) -> None:
        self.request_reload()
        self.changed.emit(changes)

    # -- loading -------------------------------------------------------------------------------------------
    def request_reload(self) -> None:
        self._reloads.request()

    def reload(self) -> None:
        serial, services, fetch = self._reloads.begin(), self._services, self.fetcher()
        job = org_year_job(services, self.bar, lambda org_id, year: fetch(services, org_id, year))
        self._tasks.call(job, lambda loaded: self._loaded(serial, loaded),
                         self._reloads.failed(lambda exc: self._prompts.show_error(exc, f"tải trang “{self.TITLE}”")))

    def _loaded(self, serial: int, loaded: OrgYearLoaded[Any]) -> None:
        if not self._reloads.is_current(serial):
            return
        self.organizations, org_id, data = loaded
        self.bar.set_organizations(self.organizations, org_id)
        if data is not None:
            self.show_loaded(data)


class InspectionsPage(OversightPage):
    """Kiểm tra, giám sát: run by the organisation, by those below it, or aimed at it."""

    TITLE = "Kiểm tra, giám sát"

    def build(self) -> None:
        self.records = self.make_list("cuộc kiểm tra, giám sát", INSPECTION_COLUMNS,
                                      "Chưa có cuộc kiểm tra, giám sát nào. Bấm “Thêm” để ghi.", sort_column=4)
        self.who = choice_combo("Do tổ chức này tiến hành", [("Do các tổ chức trực thuộc tiến hành", BELOW),
                                                         ("Đối tượng là tổ chức này hoặc trực thuộc", TARGETED)])
        self.kind = choice_combo("Mọi hình thức", enum_choices(InspectionKind))
        self.records.add_filter("Phạm vi:", self.who)
        self.records.add_filter("Hình thức:", self.kind)
        self.who.currentIndexChanged.connect(self.request_reload)
        self.kind.currentIndexChanged.connect(self._narrow)
        self.records.editor = self._editor
        self.records.deleter = lambda row: self._services.inspections.delete(row.id)
        self.records.describe = lambda row: f"cuộc {row.kind.label.lower()} “{row.subject}”"
        self.body.addWidget(self.records)

    def fetcher(self) -> Fetch:
        who = self.who.currentData()

        def fetch(services: Services, org_id: int, year: int) -> Any:
            if who == TARGETED:
                rows = services.inspections.targeting(org_id, year)
            else:
                rows = services.inspections.conducted_by(org_id, year, below=who == BELOW)
            return rows, services.inspections.counts(org_id, year)

        return fetch

    def show_loaded(self, loaded: Any) -> None:
        rows, counts = loaded
        self.records.set_rows(rows)
        self._narrow()
        self.summary.setText(inspection_summary(self.bar.org_name(), self.bar.year_value(), counts))
        self.set_status(f"{len(rows)} cuộc kiểm tra, giám sát")

    def _narrow(self) -> None:
        kind = self.kind.currentData()
        self.records.set_predicate(lambda row: kind is None or row.kind.value == kind)

    def apply_criteria(self, criteria: dict[str, str]) -> None:
        choose_code(self.who, BELOW if criteria.get("conducted_by") == BELOW else None)
        choose_code(self.kind, criteria.get("kind"))

    def _editor(self, row: Inspection | None) -> InspectionDialog | None:
        service, org_id = self._services.inspections, self.bar.org_id()
        if org_id is None:
            return None
        save = (lambda data: service.update(row.id, data)) if row else (lambda data: service.create(data).changes)
        scope = self.scope()
        if row is not None and row.conducting_org_id not in {org.id for org in scope}:
            scope = self.organizations  # run by a superior over this organisation: keep who conducts it
        return InspectionDialog(row, scope, org_id, self.bar.year_value(), save, self._tasks, self._prompts, self)


class OutreachPage(OversightPage):
    """Tuyên truyền: the year's items by outlet, and the reporters' and collaborators' network."""

    TITLE = "Tuyên truyền"

    def build(self) -> None:
        self.records = self.make_list("tin, bài tuyên truyền", OUTREACH_COLUMNS,
                                      "Chưa có tin, bài tuyên truyền nào trong năm. Bấm “Thêm” để ghi.")
        self.outlet = choice_combo("Mọi kênh", enum_choices(OutreachOutlet))
        self.records.add_filter("Kênh:", self.outlet)
        self.outlet.currentIndexChanged.connect(self._narrow)
        self.records.editor = self._item_editor
        self.records.deleter = lambda row: self._services.outreach.delete(row.id)
        self.records.describe = lambda row: f"tin, bài “{row.title}”"
        self.network = self.make_list("phóng viên, cộng tác viên", CONTRIBUTOR_COLUMNS,
                                      "Chưa ghi phóng viên, cộng tác viên nào.")
        self.network.editor = self._contributor_editor
        self.network.deleter = lambda row: self._services.outreach.remove_contributor(row.id)
        self.network.describe = lambda row: f"“{row.name}” khỏi mạng lưới cộng tác viên"
        self.tabs = QTabWidget()
        self.tabs.addTab(self.records, "Tin, bài, hoạt động")
        self.tabs.addTab(self.network, "Mạng lưới phóng viên, cộng tác viên")
        self.body.addWidget(self.tabs)

    def fetcher(self) -> Fetch:
        return lambda services, org_id, year: (services.outreach.items(org_id, year),
                                               services.outreach.contributors(org_id))

    def show_loaded(self, loaded: Any) -> None:
        items, contributors = loaded
        self.records.set_rows(items)
        self.network.set_rows(contributors)
        self._narrow()
        self.summary.setText(outreach_summary(self.bar.year_value(), items, contributors))
        self.set_status(f"{len(items)} dòng tin, bài; {len(contributors)} cộng tác viên")

    def _narrow(self) -> None:
        outlet = self.outlet.currentData()
        self.records.set_predicate(lambda row: outlet is None or row.outlet.value == outlet)

    def apply_criteria(self, criteria: dict[str, str]) -> None:
        self.tabs.setCurrentWidget(self.network if criteria.get("view") == "contributors" else self.records)
        choose_code(self.outlet, criteria.get("outlet"))

    def _item_editor(self, row: OutreachItem | None) -> OutreachDialog | None:
        service, org_id = self._services.outreach, self.bar.org_id()
        if org_id is None:
            return None
        save = (lambda data: service.update(row.id, data)) if row else (lambda data: service.create(data).changes)
        return OutreachDialog(row, self.scope(), org_id, self.bar.year_value(), save, self._tasks, self._prompts, self)

    def _contributor_editor(self, row: Contributor | None) -> ContributorDialog | None:
        service, org_id = self._services.outreach, self.bar.org_id()
        if org_id is None:
            return None
        save = ((lambda data: service.update_contributor(row.id, data)) if row
                else (lambda data: service.add_contributor(data).changes))
        return ContributorDialog(row, self.scope(), org_id, save, self._tasks, self._prompts, self)


class ExemplarsPage(OversightPage):
    """Gương điển hình, khen thưởng: collectives and individuals of the year."""

    TITLE = "Gương điển hình, khen thưởng"

    def build(self) -> None:
        self.records = self.make_list("gương điển hình", EXEMPLAR_COLUMNS,
                                      "Chưa có gương điển hình nào trong năm. Bấm “Thêm” để ghi.")
        self.which = choice_combo("Tập thể và cá nhân", [("Tập thể", "1"), ("Cá nhân", "0")])
        self.records.add_filter("Loại:", self.which)
        self.which.currentIndexChanged.connect(self._narrow)
        self.records.editor = self._editor
        self.records.deleter = lambda row: self._services.exemplars.delete(row.id)
        self.records.describe = lambda row: f"gương điển hình “{row.name}”"
        self.body.addWidget(self.records)

    def fetcher(self) -> Fetch:
        return lambda services, org_id, year: services.exemplars.items(org_id, year)

    def show_loaded(self, loaded: Any) -> None:
        self.records.set_rows(loaded)
        self._narrow()
        self.summary.setText(exemplar_summary(self.bar.year_value(), loaded))
        self.set_status(f"{len(loaded)} gương điển hình")

    def _narrow(self) -> None:
        which = self.which.currentData()
        self.records.set_predicate(lambda row: which is None or row.is_collective == (which == "1"))

    def apply_criteria(self, criteria: dict[str, str]) -> None:
        choose_code(self.which, criteria.get("collective"))

    def _editor(self, row: Exemplar | None) -> ExemplarDialog | None:
        service, org_id = self._services.exemplars, self.bar.org_id()
        if org_id is None:
            return None
        save = (lambda data: service.update(row.id, data)) if row else (lambda data: service.create(data).changes)
        return ExemplarDialog(row, self.scope(), org_id, self.bar.year_value(), self._services, save, self._tasks,
                              self._prompts, self)


__all__ = ["ExemplarsPage", "InspectionsPage", "OutreachPage", "OversightPage"]
