"""Báo cáo tổng kết: the year-end report of an organisation — computed figures, the clerk's text, export.

For the organisation and year chosen, every section of the report shows what the app
computed (``YearEndService.preview``) beside an editor for the clerk's own text. Text is
stored with ``set_narrative`` when the clerk leaves an editor, with "Lưu", before every
export and before another organisation or year is shown; ``has_unsaved_changes`` tells the
window while anything typed is not stored yet. "Xuất báo cáo…" asks where to put the PDF
(the DOCX and XLSX go beside it when ticked), writes them on the worker with a progress
dialog, then shows the paths with "Mở thư mục". Before asking where, the narrative sections
still empty are named: the clerk goes back to write them, or prints their headings over
dotted lines to fill in by hand (issue 14).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import ascii_name
from khoi_desktop.services.app import Services
from khoi_desktop.services.overview import ListFilter
from khoi_desktop.services.year_end import ExportCancelled, ExportedReport, SectionPreview
from ui.pages.common.document_actions import PDF_FILTER, Opener, open_with_system
from ui.pages.common.org_year_bar import OrgYearBar
from ui.pages.common.person_fields import DateField
from ui.pages.common.reloads import OrgYearLoaded, Reloads, org_year_job
from ui.pages.common.report_year import draft_choice
from ui.pages.reports.year_end_sections import (
    GO_BACK,
    PRINT_BLANK,
    Editor,
    FrameFields,
    SectionRow,
    card,
    empty_sections_question,
    numbering,
)
from ui.prompts import Prompts
from ui.service_dialog import read_date
from ui.style import named_label
from ui.tasks import TaskRunner

Key = tuple[int, int]  # organisation, year
Loaded = OrgYearLoaded[tuple[SectionPreview, ...]]


class YearEndPage(QWidget):
    """The page registered under "Báo cáo tổng kết"."""

    status_changed = Signal(str)
    changed = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, *,
                 opener: Opener = open_with_system) -> None:
        super().__init__()
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self.opener = opener
        self._draft = False  # the clerk agreed to a draft of a year not yet ended
        self.shown_key: Key | None = None  # the organisation and year the editors hold
        self.saved: dict[str, str] = {}  # what is stored, per section, as typed
        self.rows: dict[str, SectionRow] = {}
        self.exported: ExportedReport | None = None
        self.last_dir: Path | None = None
        self._reloads = Reloads(self.reload, self)
        self._saving = 0
        self._status = ""
        self._own_changes: Changes | None = None
        self._build()
        self._connect()
        self.reload()

    # -- building -------------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Báo cáo tổng kết")
        title.setObjectName("pageTitle")
        self.bar = OrgYearBar(self._services.context.today().year)
        self.save_button = QPushButton("Lưu")
        self.save_button.setToolTip("Lưu nội dung đã viết (nội dung cũng được lưu khi rời ô soạn thảo)")
        self.export_button = QPushButton("Xuất báo cáo…")
        self.export_button.setToolTip("Lưu báo cáo thành tệp PDF (và Word, Excel nếu đánh dấu)")
        self.with_docx = QCheckBox("Kèm bản Word (.docx)")
        self.with_xlsx = QCheckBox("Kèm bảng số liệu Excel (.xlsx)")
        self.with_docx.setChecked(True)
        self.with_xlsx.setChecked(True)
        self.state = QLabel("")
        self.state.setObjectName("pageSubtitle")
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.open_folder_button = QPushButton("Mở thư mục")
        self._build_frame()
        self.sections = QVBoxLayout()
        self.sections.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addWidget(self.bar)
        layout.addLayout(self._actions_row())
        layout.addWidget(self._result_panel())
        layout.addWidget(named_label("Bên trái là số liệu ứng dụng tự tính từ dữ liệu đã nhập; bên phải là nội "
                                     "dung đồng chí viết thêm cho từng mục. Trước khi xuất, các mục chưa viết được nêu ra để "
                                     "đồng chí viết tiếp hoặc in tiêu đề với dòng chấm để viết tay.",
                                     "pageSubtitle", wrap=True))
        layout.addWidget(card(_caption("Phần đầu và cuối báo cáo"), self.frame))
        self.sections_card = card(_caption("Nội dung báo cáo"))
        self.sections_card.layout().addLayout(self.sections)
        layout.addWidget(self.sections_card)
        layout.addStretch(1)

    def _build_frame(self) -> None:
        """The summary line, Nơi nhận and signer (stored with the text), the report's number and date."""
        self.frame = FrameFields()
        self.number = QSpinBox()
        self.number.setRange(0, 9999)
        self.number.setSpecialValueText("Chưa có số")
        self.number.setMaximumWidth(160)
        self.issued_on = DateField()
        self.issued_on.set_date(self._services.context.today())
        self.issued_on.setMaximumWidth(160)
        self.frame.add_row("number", "Số báo cáo", self.number, "Để “Chưa có số” khi số do văn phòng cấp sau.")
        self.frame.add_row("issued_on", "Ngày báo cáo", self.issued_on)

    def _actions_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in (self.save_button, self.export_button, self.with_docx, self.with_xlsx):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(self.state, 1)
        return row

    def _result_panel(self) -> QWidget:
        self.result_panel = QWidget()
        row = QHBoxLayout(self.result_panel)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.result, 1)
        row.addWidget(self.open_folder_button)
        self.result_panel.hide()
        return self.result_panel

    def _connect(self) -> None:
        self.bar.changed.connect(self._choice_changed)
        self.save_button.clicked.connect(lambda: self.save_pending())
        self.export_button.clicked.connect(self.export)
        self.open_folder_button.clicked.connect(self.open_folder)
        for editor in self.frame.editors().values():
            self._watch(editor)

    def _watch(self, editor: Editor) -> None:
        """Store the text when the clerk leaves the editor; show "chưa lưu" while typing."""
        finished = editor.editingFinished if isinstance(editor, QLineEdit) else editor.editing_finished
        finished.connect(lambda: self.save_pending())
        editor.textChanged.connect(self._show_state)

    # -- the page protocol ---------------------------------------------------------------------------------
    def status_text(self) -> str:
        return self._status

    def has_unsaved_changes(self) -> bool:
        """True while typed text is not stored yet (or is being stored)."""
        return bool(self.dirty_keys()) or self._saving > 0

    def on_changed(self, changes: Changes) -> None:
        """The computed figures follow the records; the clerk's text is kept as typed."""
        if changes is self._own_changes:
            return  # stored from this page: the figures did not move
        if changes.settings and not (changes.organizations or changes.oversight or changes.meetings
                                     or changes.attendance or changes.commitments or changes.assessments):
            return
        self.request_reload()

    def apply_filter(self, list_filter: ListFilter) -> None:
        """Show the report of a filter's organisation and year (after storing what was typed)."""
        self.bar.select(list_filter.organization_id, list_filter.year)
        self._choice_changed()

    # -- the editors --------------------------------------------------------------------------------------------
    def editors(self) -> dict[str, Editor]:
        found: dict[str, Editor] = {key: row.editor for key, row in self.rows.items() if row.editor is not None}
        found.update(self.frame.editors())
        return found

    def dirty_keys(self) -> list[str]:
        return [key for key, editor in self.editors().items() if editor.text() != self.saved.get(key, "")]

    def _show_state(self) -> None:
        self.state.setText("Có nội dung chưa lưu" if self.dirty_keys() else ("Đã lưu" if self.shown_key else ""))

    def save_pending(self, then: Callable[[], None] | None = None, on_fail: Callable[[], None] | None = None) -> None:
        """Store every edited section of the report shown; ``then`` once all are stored."""
        key, texts = self.shown_key, {k: self.editors()[k].text() for k in self.dirty_keys()}
        if key is None or not texts:
            if then is not None:
                then()
            return
        org_id, year = key
        service = self._services.year_end

        def job() -> Changes:
            changes = Changes()
            for section, text in texts.items():
                changes = changes | service.set_narrative(org_id, year, section, text)
            return changes

        def stored(changes: Changes) -> None:
            self._saving -= 1
            if self.shown_key == key:
                self.saved.update(texts)
            self.frame.clear_errors()
            self._show_state()
            self._announce(changes)
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._saving -= 1
            if not (isinstance(exc, ValidationError) and self.frame.show_error(exc.field, exc.message)):
                self._prompts.show_error(exc, "lưu nội dung báo cáo")
            if on_fail is not None:
                on_fail()

        self._saving += 1
        self._tasks.call(job, stored, failed)

    # -- loading ------------------------------------------------------------------------------------------------
    def _choice_changed(self) -> None:
        """Another organisation or year: store what was typed for the one shown, then load."""
        previous = self.shown_key

        def back() -> None:  # not stored: show the report the text belongs to again
            if previous is not None:
                self.bar.select(*previous)

        self.save_pending(then=self.request_reload, on_fail=back)

    def request_reload(self) -> None:
        self._reloads.request()

    def reload(self) -> None:
        serial, year = self._reloads.begin(), self.bar.year_value()
        job = org_year_job(self._services, self.bar, self._services.year_end.preview)
        self._tasks.call(job, lambda loaded: self._loaded(serial, year, loaded),
                         self._reloads.failed(lambda exc: self._prompts.show_error(exc, "tải báo cáo tổng kết")))

    def _loaded(self, serial: int, year: int, loaded: Loaded) -> None:
        if not self._reloads.is_current(serial):
            return
        organizations, org_id, previews = loaded
        self.bar.set_organizations(organizations, org_id)
        if org_id is None or previews is None:
            self._set_status("Chưa có tổ chức nào.")
            return
        key = (org_id, year)
        same = key == self.shown_key
        self._show_previews(previews)
        for preview in previews:
            editor = self.editors().get(preview.key)
            if editor is not None and (not same or editor.text() == self.saved.get(preview.key, "")):
                editor.setText(preview.narrative)  # keep what is being typed in the report shown
            self.saved[preview.key] = preview.narrative
        self.shown_key = key
        if not same:
            self.result_panel.hide()
        self._show_state()
        self._set_status(f"Báo cáo tổng kết năm {year} — {self.bar.org_name()}")

    def _show_previews(self, previews: tuple[SectionPreview, ...]) -> None:
        body = [p for p in previews if p.level > 0]
        if [p.key for p in body] != list(self.rows):
            self._rebuild_rows(body)
        for preview in body:
            self.rows[preview.key].show_preview(preview)

    def _rebuild_rows(self, previews: list[SectionPreview]) -> None:
        for row in self.rows.values():
            self.sections.removeWidget(row)
            row.deleteLater()
        self.rows.clear()
        numbers = numbering(previews)
        for preview in previews:
            row = SectionRow(preview, numbers.get(preview.key, ""))
            if row.editor is not None:
                self._watch(row.editor)
            self.rows[preview.key] = row
            self.sections.addWidget(row)

    # -- export ------------------------------------------------------------------------------------------------
    def export(self) -> None:
        """Check the date and the year (a draft when not ended), ask where, store what was typed, write."""
        if self.shown_key is None:
            return
        try:
            issued_on = read_date(self.issued_on, "issued_on")
        except ValidationError as error:
            self.frame.show_error(error.field, error.message)
            return
        org_id, year = self.shown_key
        service = self._services.year_end
        self._tasks.call(lambda: service.year_problems(org_id, year),
                         lambda problems: self._year_checked(problems, issued_on),
                         lambda exc: self._prompts.show_error(exc, "xuất báo cáo tổng kết"))

    def _year_checked(self, problems: tuple[str, str], issued_on: object) -> None:
        draft = draft_choice(self._prompts, problems, "báo cáo tổng kết")
        if draft is None:
            return
        self._draft = draft
        self.save_pending(then=lambda: self._check_empty(issued_on))

    def _check_empty(self, issued_on: object) -> None:
        """What the clerk typed is stored: ask the service which narrative sections are still empty."""
        org_id, year = self.shown_key or (0, 0)
        service = self._services.year_end
        self._tasks.call(lambda: service.empty_sections(org_id, year),
                         lambda titles: self._empties_checked(titles, issued_on),
                         lambda exc: self._prompts.show_error(exc, "xuất báo cáo tổng kết"))

    def _empties_checked(self, titles: tuple[str, ...], issued_on: object) -> None:
        """Name the empty sections; the clerk goes back to write them, or prints them to fill by hand."""
        if titles and not self._prompts.confirm("Mục chưa viết", empty_sections_question(titles),
                                                PRINT_BLANK, GO_BACK):
            self._go_back(titles)
            return
        self._ask_targets(issued_on, blank_lines=bool(titles))

    def _go_back(self, titles: tuple[str, ...]) -> None:
        """Back to the editors: the first empty one takes the focus, the status names how many are left."""
        empty = [row for row in self.rows.values() if row.editor is not None and not row.editor.text().strip()]
        if empty:
            empty[0].editor.setFocus()  # type: ignore[union-attr]
        self._set_status(f"Còn {len(titles)} mục chưa viết; hãy viết rồi xuất lại.")

    def _ask_targets(self, issued_on: object, *, blank_lines: bool) -> None:
        pdf = self._ask_pdf()
        if pdf is None:
            return
        targets = {"pdf": pdf, "docx": pdf.with_suffix(".docx") if self.with_docx.isChecked() else None,
                   "xlsx": pdf.with_suffix(".xlsx") if self.with_xlsx.isChecked() else None}
        existing = [p for kind, p in targets.items() if kind != "pdf" and p is not None and p.exists()]
        if existing and not self._prompts.confirm(
                "Ghi đè tệp", "Các tệp sau đã có và sẽ bị ghi đè:\n" + "\n".join(str(p) for p in existing),
                "Ghi đè", "Hủy"):
            return
        self._write(targets, issued_on, blank_lines)

    def _ask_pdf(self) -> Path | None:
        org_id, year = self.shown_key or (0, 0)
        name = ascii_name(f"Bao cao tong ket nam {year} {self.bar.org_name()}")[:80] + ".pdf"
        suggested = str(self.last_dir / name) if self.last_dir else name
        path = self._prompts.ask_save_path("Xuất báo cáo tổng kết", suggested, PDF_FILTER)
        if path is None:
            return None
        path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
        self.last_dir = path.parent
        return path

    def _write(self, targets: dict[str, Path | None], issued_on: object, blank_lines: bool) -> None:
        org_id, year = self.shown_key or (0, 0)
        number, service, draft = self.number.value() or None, self._services.year_end, self._draft
        self._tasks.run(
            lambda control: service.export(org_id, year, issued_on=issued_on, number=number,  # type: ignore[arg-type]
                                           draft=draft, progress=control.progress, cancelled=control.cancelled,
                                           blank_lines=blank_lines, **targets),
            self._exported, self._export_failed,
            progress_title="Đang xuất báo cáo tổng kết…", parent=self, cancellable=True)

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ExportCancelled):
            self._set_status(str(exc))
        else:
            self._prompts.show_error(exc, "xuất báo cáo tổng kết")

    def _exported(self, report: ExportedReport) -> None:
        self.exported = report
        names = "\n".join(f"• {path}" for path in report.paths)
        self.result.setText(f"Đã xuất {report.title}:\n{names}")
        self.result_panel.show()
        self._set_status(f"Đã xuất báo cáo vào “{report.paths[0].parent}”")
        self._announce(report.changes)

    def open_folder(self) -> None:
        if self.exported is not None and self.exported.paths:
            self.opener(self.exported.paths[0].parent)

    def _announce(self, changes: Changes) -> None:
        self._own_changes = changes
        self.changed.emit(changes)

    def _set_status(self, text: str) -> None:
        self._status = text
        self.status_changed.emit(text)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1f2933;")
    return label
