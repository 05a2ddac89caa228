"""Bản đăng ký học tập và làm theo: who registered for the year, collectives included, and the counts.

Everyone expected to register is listed, registered or not (:mod:`ui.pages.study.commitment_rows`).
"Mở" edits a registration (or starts one) in :class:`~ui.pages.study.commitment_editor.CommitmentDialog`;
"Chép từ năm trước" drafts it from last year's; "Áp dụng mẫu tập thể…" gives one set of items
to every member not yet registered. The selected registration prints as a Party document
(Xem / In / Lưu thành…); the year's summary of registrations and ratings exports to Excel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton

from khoi_desktop.domain.commitments import RegistrationCounts
from khoi_desktop.domain.errors import OperationCancelled
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import ascii_name, format_number
from khoi_desktop.services.commitments import CommitmentSaved, TemplateApplied
from ui.models.rows_table import RowsTableModel, rows_view
from ui.pages.common.document_actions import (
    DocumentButtons,
    DocumentJob,
)
from ui.pages.common.year_scope import DocumentsPage, SearchField, group_box
from ui.pages.study import commitment_rows as lines
from ui.pages.study.commitment_editor import CommitmentDialog, Registrant
from ui.pages.study.commitment_rows import Entry

if TYPE_CHECKING:  # the module brings in reportlab: imported by the writer, on the worker
    from khoi_desktop.services.study_documents import StudyDocumentWritten

XLSX_FILTER = "Tệp Excel (*.xlsx)"


@dataclass(frozen=True)
class Registrations:
    entries: list[Entry]
    counts: RegistrationCounts


class CommitmentsPage(DocumentsPage):
    """The page registered under "Bản đăng ký"."""

    TITLE = "Bản đăng ký học tập và làm theo"
    SUBTITLE = ("Bản đăng ký của từng đảng viên và của tập thể chi bộ: các nội dung theo nhóm, sản phẩm, thời hạn, "
                "chi bộ xác nhận và cuối năm tự đánh giá kết quả từng nội dung.")
    DOING = "tải danh sách bản đăng ký"

    def build(self) -> None:
        self._entries: list[Entry] = []
        self.dialog: CommitmentDialog | None = None
        self.counts = QLabel("")
        self.counts.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.addItems(lines.FILTERS)
        self.search = SearchField()
        self.shown = QLabel("")
        self.shown.setObjectName("pageSubtitle")
        self.model = RowsTableModel(lines.COLUMNS, lines.look, self)
        self.table = rows_view(self.model, 2, height=260)
        self.open_button = QPushButton("Mở…")
        self.copy_button = QPushButton("Chép từ năm trước")
        self.delete_button = QPushButton("Xóa")
        self.template_button = QPushButton("Áp dụng mẫu tập thể cho mọi người chưa đăng ký…")
        self.export_button = QPushButton("Xuất tổng hợp Excel…")
        self.print_buttons = DocumentButtons("In bản đăng ký đang chọn:", self.actions, self.document_job)
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        self.open_button.setToolTip("Sửa bản đăng ký đang chọn, hoặc lập bản đăng ký cho người chưa đăng ký (Enter)")
        self.copy_button.setToolTip("Lập bản đăng ký năm này từ bản đăng ký năm trước của người đang chọn")
        self.export_button.setToolTip("Bảng tổng hợp đăng ký, tự đánh giá và xếp loại của mọi đảng viên (.xlsx)")
        self.body.addWidget(group_box("Số liệu", self.counts))
        row = QHBoxLayout()
        row.addWidget(QLabel("Hiện:"))
        row.addWidget(self.filter)
        row.addWidget(self.search)
        row.addWidget(self.shown, 1)
        self.body.addLayout(row)
        self.body.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for button in (self.open_button, self.copy_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.template_button)
        actions.addWidget(self.export_button)
        self.body.addLayout(actions)
        printing = QHBoxLayout()
        printing.addWidget(self.print_buttons)
        printing.addStretch(1)
        self.body.addLayout(printing)

    def _connect(self) -> None:
        self.filter.currentIndexChanged.connect(self._filter_chosen)
        self.search.changed.connect(self._show_entries)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.copy_last_year)
        self.delete_button.clicked.connect(self.delete_selected)
        self.template_button.clicked.connect(self.apply_template)
        self.export_button.clicked.connect(self.export_summary)

    # -- loading -------------------------------------------------------------------------------------
    def load(self, org_id: int, year: int) -> Registrations:
        services, commitments = self._services, self._services.commitments
        entries = lines.build_entries(commitments.list(org_id, year), commitments.expected(org_id, year),
                                      services.organizations.all(include_retired=False),
                                      services.organizations.with_descendants(org_id))
        return Registrations(entries, commitments.counts(org_id, year))

    def reload_on(self, changes: Changes) -> bool:
        return changes.commitments or changes.settings

    def show_data(self, data: Registrations) -> None:
        self._entries = data.entries
        self.counts.setText("\n".join(lines.counts_lines(data.counts)))
        self._show_entries()

    def narrow(self, criteria: dict[str, str]) -> None:
        """A figure of individual ('0') or collective ('1') registrations: "Hiện" those lines."""
        choice = lines.COLLECTIVE_FILTER.get(criteria.get("collective", ""), lines.ALL)
        with QSignalBlocker(self.filter):
            self.filter.setCurrentIndex(choice)

    def _filter_chosen(self) -> None:
        self.clear_note()
        self._show_entries()

    def _show_entries(self) -> None:
        keep = self.selected()
        choice = self.filter.currentIndex()
        shown = [entry for entry in self._entries
                 if lines.keep(entry, choice) and self.search.matches(entry.name, entry.organization_name)]
        self.model.set_rows(shown)
        self.shown.setText(f"{format_number(len(shown))} dòng")
        if keep is not None:
            self.select(keep.person_id, keep.organization_id)

    def summary_text(self) -> str:
        data: Registrations | None = self.data
        if data is None:
            return ""
        return f"Đăng ký học tập và làm theo năm {data.counts.year}: {data.counts.total.text}"

    # -- selection -----------------------------------------------------------------------------------
    def selected(self) -> Entry | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return self.model.row_at(index.row())

    def select(self, person_id: int | None, org_id: int) -> bool:
        number = self.model.find(lambda entry: entry.person_id == person_id
                                 and (person_id is not None or entry.organization_id == org_id))
        if number is None:
            return False
        self.table.selectRow(number)
        self.table.scrollTo(self.model.index(number, 0))
        return True

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.open_button.setEnabled(entry is not None)
        self.copy_button.setEnabled(entry is not None and not entry.collective and not entry.registered)
        self.delete_button.setEnabled(entry is not None and entry.registered)
        self.print_buttons.set_available(entry is not None and entry.registered)
        self.template_button.setEnabled(any(not e.collective and not e.registered for e in self._entries))

    # -- actions -------------------------------------------------------------------------------------------
    def registrant(self, entry: Entry) -> Registrant:
        return Registrant(self.year(), entry.name, entry.organization_id, entry.organization_name,
                          entry.person_id, entry.row.id if entry.row else None)

    def open_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.open_editor(self.registrant(entry))

    def open_editor(self, who: Registrant, *, template: bool = False) -> CommitmentDialog:
        self.dialog = CommitmentDialog(self._services, self._tasks, self._prompts, who, template=template,
                                       parent=self)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._edited(dialog.saved))
        self.dialog.start()
        return self.dialog

    def _edited(self, saved: CommitmentSaved | TemplateApplied) -> None:
        if isinstance(saved, TemplateApplied):
            self.announce(saved.changes, saved.text())
            self._prompts.inform("Áp dụng mẫu tập thể", saved.text())
            return
        self.announce(saved.changes, "Đã lưu bản đăng ký.")
        if saved.warnings:
            self._prompts.warn("Lưu ý về bản đăng ký", "\n".join(saved.warnings))

    def copy_last_year(self) -> None:
        entry = self.selected()
        if entry is None or entry.person_id is None:
            return
        person_id, year, commitments = entry.person_id, self.year(), self._services.commitments

        def copied(saved: CommitmentSaved) -> None:
            self.announce(saved.changes, f"Đã chép bản đăng ký năm {year - 1} sang năm {year}; hãy xem lại và ký.")
            who = self.registrant(entry)
            self.open_editor(Registrant(who.year, who.name, who.organization_id, who.organization_name,
                                        who.person_id, saved.commitment_id))

        self._tasks.call(lambda: commitments.copy_from_last_year(person_id, year), copied,
                         self.failed("chép bản đăng ký năm trước"))

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None or entry.row is None:
            return
        whose = f"tập thể {entry.name}" if entry.collective else f"đồng chí {entry.name}"
        if not self._prompts.confirm("Xóa bản đăng ký", f"Xóa bản đăng ký năm {self.year()} của {whose} cùng "
                                     "mọi nội dung và kết quả tự đánh giá?", "Xóa", "Hủy"):
            return
        commitment_id, commitments = entry.row.id, self._services.commitments
        self._tasks.call(lambda: commitments.delete(commitment_id),
                         lambda changes: self.announce(changes, "Đã xóa bản đăng ký."),
                         self.failed("xóa bản đăng ký"))

    def apply_template(self) -> None:
        org = self.current_org()
        if org is not None:
            self.open_editor(Registrant(self.year(), org.name, org.id, org.name), template=True)

    # -- documents -------------------------------------------------------------------------------------
    def document_job(self) -> DocumentJob | None:
        """The selected registration as a document (None when nothing registered is selected)."""
        entry, year, services = self.selected(), self.year(), self._services
        if entry is None or entry.row is None:
            return None
        if entry.collective:
            def write(target: Path, _final: bool) -> StudyDocumentWritten:
                return services.study_documents.write_collective_registration(entry.organization_id, year, target)
            return DocumentJob("Bản đăng ký tập thể", ascii_name(f"Ban dang ky tap the {year} {entry.name}") + ".pdf",
                               write)
        person_id = entry.person_id
        assert person_id is not None
        return DocumentJob("Bản đăng ký", ascii_name(f"Ban dang ky {year} {entry.name}") + ".pdf",
                           lambda target, _final: services.study_documents.write_registration(person_id, year, target))

    def export_summary(self) -> None:
        org, year = self.current_org(), self.year()
        if org is None:
            return
        target = self._prompts.ask_save_path("Lưu bảng tổng hợp đăng ký và xếp loại",
                                             ascii_name(f"Tong hop dang ky xep loai {year} {org.name}") + ".xlsx",
                                             XLSX_FILTER)
        if target is None:
            return
        target = target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")
        services = self._services

        def exported(count: Any) -> None:
            self.status_changed.emit(f"Đã lưu bảng tổng hợp ({format_number(int(count))} đảng viên) vào “{target}”")

        def failed(exc: BaseException) -> None:
            if isinstance(exc, OperationCancelled):
                self.status_changed.emit(str(exc))
            else:
                self.failed("xuất bảng tổng hợp")(exc)

        self._tasks.run(lambda control: services.study_documents.write_summary_xlsx(
            org.id, year, target, control.progress, control.cancelled), exported, failed,
            progress_title="Đang xuất bảng tổng hợp…", parent=self, cancellable=True)
