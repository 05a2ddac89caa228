"""Kiểm điểm, đánh giá, xếp loại: the year's ratings of the members, and of the organisations.

Two tabs, "Đảng viên" and "Tập thể", each a :class:`~ui.pages.study.ratings_panel.RatingsPanel`
(rated rows, totals by level, the 'xuất sắc' quota in amber, the not rated apart with their
reason). "Mở" (or a double-click) edits one assessment in
:class:`~ui.pages.study.assessment_editor.AssessmentDialog`. Documents: the selected person's bản
tự kiểm điểm, and the danh sách xếp loại (with, when saved, the Excel summary beside it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget

from khoi_desktop.domain.assessments import RatingRow, Ratings
from khoi_desktop.domain.enums import RatingLevel
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import ascii_name, format_number
from khoi_desktop.services.assessments import AssessmentSaved
from ui.pages.common.document_actions import (
    DocumentButtons,
    DocumentJob,
)
from ui.pages.common.filters import choice_combo, choose_code, enum_choices
from ui.pages.common.report_year import draft_choice
from ui.pages.common.year_scope import DocumentsPage, SearchField
from ui.pages.study.assessment_editor import Assessee, AssessmentDialog
from ui.pages.study.ratings_panel import RatingsPanel

if TYPE_CHECKING:  # the module brings in reportlab: imported by the writer, on the worker
    from khoi_desktop.services.study_documents import StudyDocumentWritten

MEMBERS, COLLECTIVES = range(2)
NOT_RATED = "not_rated"  # the level filter's code for the people not rated (as in the overview)


def has_level(row: RatingRow, level: str | None) -> bool:
    """Whether ``row`` passes the level filter: its decided level, or not rated; None lets all through."""
    if level is None:
        return True
    if level == NOT_RATED:
        return not row.rated
    return row.rated and row.decided_level is not None and row.decided_level.value == level


@dataclass(frozen=True)
class RatingLists:
    members: Ratings
    collectives: Ratings


class AssessmentsPage(DocumentsPage):
    """The page registered under "Kiểm điểm, xếp loại"."""

    TITLE = "Kiểm điểm, đánh giá, xếp loại"
    SUBTITLE = ("Bản tự kiểm điểm, điểm (khi bộ quy định của năm chấm theo thang 100 điểm), mức tự xếp loại, chi bộ "
                "đề xuất và quyết định xếp loại của từng đảng viên và từng tổ chức đảng.")
    DOING = "tải danh sách xếp loại"

    def build(self) -> None:
        self.dialog: AssessmentDialog | None = None
        self.members = RatingsPanel(collective=False)
        self.collectives = RatingsPanel(collective=True)
        self.search = SearchField()
        self.level = choice_combo("Mọi mức xếp loại", [*enum_choices(RatingLevel), ("Không xếp loại", NOT_RATED)])
        self.level.setToolTip("Chỉ hiện những người (tổ chức) có quyết định xếp loại ở mức này")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, "Đảng viên")
        self.tabs.addTab(self.collectives, "Tập thể")
        self.open_button = QPushButton("Mở…")
        self.open_button.setToolTip("Bản tự kiểm điểm và xếp loại của dòng đang chọn (Enter, bấm đúp)")
        self.review_buttons = DocumentButtons("Bản tự kiểm điểm:", self.actions,
                                              self.self_review_job)
        self.list_buttons = DocumentButtons("Danh sách xếp loại:", self.actions, self.ratings_job)
        self.with_xlsx = QCheckBox("Kèm bảng Excel")
        self.with_xlsx.setToolTip("Khi lưu danh sách, kèm bảng tổng hợp Excel (.xlsx): đăng ký học tập và làm "
                                  "theo, tự đánh giá và xếp loại của từng đảng viên, lưu cạnh tệp PDF")
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        filters = QWidget()  # beside the tabs: a row less, so the list keeps the height at 768 px
        row = QHBoxLayout(filters)
        row.setContentsMargins(0, 0, 0, 4)
        row.addWidget(self.search)
        row.addWidget(QLabel("Xếp loại:"))
        row.addWidget(self.level)
        self.tabs.setCornerWidget(filters, Qt.Corner.TopRightCorner)
        self.body.addWidget(self.tabs, 1)
        row = QHBoxLayout()  # one row of actions: the list keeps the height on a 768 px screen
        row.addWidget(self.open_button)
        row.addSpacing(12)
        row.addWidget(self.review_buttons)
        row.addSpacing(12)
        row.addWidget(self.list_buttons)
        row.addWidget(self.with_xlsx)
        row.addStretch(1)
        self.body.addLayout(row)

    def _connect(self) -> None:
        for panel in (self.members, self.collectives):
            panel.open_requested.connect(self.open_row)
            panel.selection_changed.connect(self._update_buttons)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self.search.changed.connect(self._filter)
        self.level.currentIndexChanged.connect(self._level_chosen)
        self.open_button.clicked.connect(self.open_selected)
        self.actions.written.connect(self._written)

    # -- loading -------------------------------------------------------------------------------------
    def load(self, org_id: int, year: int) -> RatingLists:
        assessments = self._services.assessments
        return RatingLists(assessments.ratings(org_id, year), assessments.collective_ratings(org_id, year))

    def reload_on(self, changes: Changes) -> bool:
        return changes.assessments or changes.settings

    def show_data(self, data: RatingLists) -> None:
        self.members.show_ratings(data.members)
        self.collectives.show_ratings(data.collectives)
        self._update_buttons()

    def _filter(self) -> None:
        level = self.level.currentData()
        for panel in (self.members, self.collectives):
            panel.set_filter(lambda row: self.search.matches(row.name, row.organization_name)
                             and has_level(row, level))
        self._update_buttons()

    def narrow(self, criteria: dict[str, str]) -> None:
        """A figure of one level, or of the not rated: the members' tab, only those rows."""
        choose_code(self.level, criteria.get("level"), quietly=True)
        self.tabs.setCurrentIndex(MEMBERS)
        self._filter()

    def _level_chosen(self) -> None:
        self.clear_note()
        self._filter()

    def summary_text(self) -> str:
        data: RatingLists | None = self.data
        if data is None:
            return ""
        ratings = data.members
        rated = sum(1 for row in ratings.rows if row.level is not None)
        text = (f"Xếp loại đảng viên năm {ratings.year}: {format_number(rated)}/{format_number(len(ratings.rows))} "
                f"đã xếp loại, {format_number(len(ratings.not_rated))} không thuộc diện xếp loại")
        return text + (" — vượt tỷ lệ “xuất sắc”" if ratings.quota.exceeded else "")

    # -- editing -------------------------------------------------------------------------------------
    def panel(self) -> RatingsPanel:
        return self.collectives if self.tabs.currentIndex() == COLLECTIVES else self.members

    def selected(self) -> RatingRow | None:
        return self.panel().selected()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_row(row)

    def open_row(self, row: RatingRow) -> AssessmentDialog:
        who = Assessee(self.year(), row.name, row.position, row.organization_id, row.organization_name,
                       row.person_id)
        self.dialog = AssessmentDialog(self._services, self._tasks, self._prompts, who, self)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._saved(dialog.saved))
        self.dialog.start()
        return self.dialog

    def _saved(self, saved: AssessmentSaved) -> None:
        shown = set(self.panel().ratings.warnings) if self.panel().ratings else set()
        new = [warning for warning in saved.warnings if warning not in shown]
        self.announce(saved.changes, "Đã lưu đánh giá, xếp loại." + (f" Lưu ý: {' '.join(new)}" if new else ""))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.review_buttons.setVisible(self.tabs.currentIndex() == MEMBERS)
        self.review_buttons.set_available(row is not None and row.person_id is not None)
        self.with_xlsx.setVisible(self.tabs.currentIndex() == MEMBERS)
        self.list_buttons.set_available(self.data is not None)

    # -- documents -------------------------------------------------------------------------------------
    def self_review_job(self) -> DocumentJob | None:
        row, year, services = self.selected(), self.year(), self._services
        person_id = row.person_id if row is not None else None
        if row is None or person_id is None:
            return None
        return DocumentJob("Bản tự kiểm điểm", ascii_name(f"Ban tu kiem diem {year} {row.name}") + ".pdf",
                           lambda target, _final: services.study_documents.write_self_review(person_id, year, target))

    def ratings_job(self) -> DocumentJob | None:
        org, year, services = self.current_org(), self.year(), self._services
        if org is None:
            return None
        collective = self.tabs.currentIndex() == COLLECTIVES
        with_xlsx = self.with_xlsx.isChecked() and not collective

        def write(target: Path, final: bool) -> StudyDocumentWritten:
            saving = final and target.parent != self.actions.preview_dir  # "Lưu thành…", not a print copy
            xlsx = target.with_suffix(".xlsx") if with_xlsx and saving else None
            # A year not yet ended is listed as a draft ("DỰ THẢO" on every page); one without records refused.
            draft = bool(services.year_end.year_problems(org.id, year)[1])
            return services.study_documents.write_ratings(org.id, year, target, xlsx=xlsx, collective=collective,
                                                          draft=draft)

        what = "to chuc dang" if collective else "dang vien"
        label = "Danh sách xếp loại " + ("tổ chức đảng" if collective else "đảng viên")
        return DocumentJob(label, ascii_name(f"Danh sach xep loai {what} {year} {org.name}") + ".pdf", write,
                           confirm=lambda then: self._confirm_year(org.id, year, then))

    def _confirm_year(self, org_id: int, year: int, then: Callable[[], None]) -> None:
        """A year not yet ended is printed or saved only as a draft the clerk agreed to (as the report)."""
        year_end = self._services.year_end
        self._tasks.call(lambda: year_end.year_problems(org_id, year), lambda problems: self._year_checked(problems, then),
                         lambda exc: self._prompts.show_error(exc, "lập danh sách xếp loại"))

    def _year_checked(self, problems: tuple[str, str], then: Callable[[], None]) -> None:
        if draft_choice(self._prompts, problems, "danh sách xếp loại") is not None:
            then()

    def _written(self, doc: StudyDocumentWritten) -> None:
        if doc.xlsx is not None:
            notes = " ".join(doc.notes)
            self.status_changed.emit(f"Đã lưu {doc.title} vào “{doc.path}” và bảng tổng hợp vào “{doc.xlsx}”. {notes}")
