"""What the people page does to the selected or shown people: retire, restore, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from khoi_desktop.domain.models import Changes, PersonRow
from khoi_desktop.domain.vntext import ascii_name, format_number
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_export import ExportSummary, PeopleExportService
from ui.prompts import Prompts
from ui.tasks import TaskControl, TaskRunner

XLSX_FILTER = "Bảng tính Excel (*.xlsx)"


class PeopleView(Protocol):
    """What the actions need of the page showing the people (the people page is one)."""

    def selected_rows(self) -> list[PersonRow]: ...
    def shown_rows(self) -> list[PersonRow]: ...
    def scope_name(self) -> str: ...
    def announce(self, changes: Changes) -> None: ...
    def widget(self) -> QWidget: ...


class PeopleActions:
    """Runs each action through the task runner and asks every question through Prompts."""

    def __init__(self, page: PeopleView, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        self._page, self._services, self._tasks, self._prompts = page, services, tasks, prompts

    def retire_selected(self) -> None:
        """Delete key: take the selected people off the lists after confirmation (nothing is deleted)."""
        rows = [row for row in self._page.selected_rows() if not row.retired]
        if not rows or not self._prompts.confirm("Thôi theo dõi", _retire_question(rows), "Thôi theo dõi", "Hủy"):
            return
        people = self._services.people
        ids = [row.id for row in rows]
        self._run_changes(lambda: _each(ids, people.retire), "thôi theo dõi")

    def restore_selected(self) -> None:
        rows = [row for row in self._page.selected_rows() if row.retired]
        if not rows:
            return
        people = self._services.people
        ids = [row.id for row in rows]
        self._run_changes(lambda: _each(ids, people.restore), "theo dõi lại")

    def export_shown(self) -> None:
        """Xuất Excel…: the list exactly as filtered and sorted on screen."""
        rows = self._page.shown_rows()
        if not rows:
            self._prompts.inform("Xuất Excel", "Danh sách đang trống: không có ai để xuất.")
            return
        scope = self._page.scope_name()
        suggested = f"Danh_sach_{ascii_name(scope) or 'can_bo_dang_vien'}.xlsx"
        path = self._prompts.ask_save_path("Xuất danh sách ra Excel", suggested, XLSX_FILTER)
        if path is None:
            return
        path = path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
        exporter = PeopleExportService(self._services.context)

        def job(control: TaskControl) -> ExportSummary:
            return exporter.export_rows(Path(path), rows, organization_name=scope, progress=control.progress,
                                        cancelled=control.cancelled)

        self._tasks.run(job, lambda summary: self._prompts.inform("Xuất Excel", summary.text()),
                        lambda exc: self._prompts.show_error(exc, "xuất danh sách"),
                        progress_title=f"Đang xuất {format_number(len(rows))} người ra Excel…",
                        parent=self._page.widget(), cancellable=True)

    def _run_changes(self, job: Callable[[], Changes], doing: str) -> None:
        self._tasks.call(job, self._page.announce, lambda exc: self._prompts.show_error(exc, doing))


def _each(ids: list[int], action: Callable[[int], Changes]) -> Changes:
    changes = Changes()
    for person_id in ids:
        changes = changes | action(person_id)
    return changes


def _retire_question(rows: list[PersonRow]) -> str:
    who = f"“{rows[0].full_name}”" if len(rows) == 1 else f"{format_number(len(rows))} người đã chọn"
    return (f"Thôi theo dõi {who}? Người đó sẽ không còn trong các danh sách; mọi dữ liệu vẫn được giữ lại "
            "và có thể theo dõi lại bất cứ lúc nào (đánh dấu “Hiện cả người đã thôi theo dõi”).")
