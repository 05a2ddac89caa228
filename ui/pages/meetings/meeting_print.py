"""In văn bản: the documents of a meeting — Biên bản, Danh sách dự họp, Nghị quyết / Thông báo kết luận.

Each has three actions:

* **Xem** writes a preview PDF to a temporary folder without using up a number
  (``register=False``) and opens it in the system PDF viewer;
* **In** writes the numbered document and sends it to the printer with the system print
  verb on Windows; elsewhere it opens the PDF and asks the clerk to print from the viewer;
* **Lưu thành…** asks where to save (an ASCII-safe name is suggested) and writes the
  numbered document there; the number ("Số 05-BB/CB") is shown in the status line.

The actions themselves are :class:`ui.pages.common.document_actions.DocumentActions`, shared with the
study documents; opening and printing are behind two callables so tests never launch a viewer.
Before any document is written the editor stores its pending edits (the ``before`` hook).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import Meeting, OutcomeKind
from khoi_desktop.domain.vntext import ascii_name, format_date
from khoi_desktop.services.app import Services
from ui.pages.common.document_actions import (
    PDF_FILTER,
    PRINT_ELSEWHERE,
    Before,
    DocumentActions,
    DocumentJob,
    Opener,
    Printer,
    open_with_system,
)
from ui.pages.common.meeting_widgets import hint
from ui.pages.common.pdf_preview import print_pdf
from ui.prompts import Prompts
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the module brings in reportlab: imported by the writer, on the worker
    from khoi_desktop.services.meeting_documents import PrintedDocument

__all__ = ["MINUTES", "OUTCOME", "PDF_FILTER", "PRINT_ELSEWHERE", "SIGN_IN", "Before", "Opener", "PrintPanel",
           "Printer", "open_with_system", "outcome_label", "print_pdf", "suggested_name"]

MINUTES, SIGN_IN, OUTCOME = "minutes", "sign_in", "outcome"
_KIND_WORDS = {
    MeetingKind.REGULAR: "sinh hoạt", MeetingKind.THEMATIC: "sinh hoạt chuyên đề",
    MeetingKind.STUDY: "hội nghị học tập", MeetingKind.SEMINAR: "tọa đàm", MeetingKind.DISCUSSION: "thảo luận",
    MeetingKind.COMMITTEE: "họp chi ủy", MeetingKind.REVIEW: "hội nghị kiểm điểm",
}
_MONTHLY = (MeetingKind.REGULAR, MeetingKind.COMMITTEE)


def outcome_label(meeting: Meeting | None) -> str:
    if meeting is not None and meeting.outcome_kind is not None:
        return meeting.outcome_kind.label
    return "Nghị quyết / Thông báo kết luận"


def suggested_name(key: str, meeting: Meeting) -> str:
    """'Bien_ban_sinh_hoat_thang_11_2026.pdf', 'Danh_sach_du_hop_…', 'Nghi_quyet_…'."""
    first = {MINUTES: "Biên bản", SIGN_IN: "Danh sách dự họp", OUTCOME: outcome_label(meeting)}[key]
    if key == OUTCOME and meeting.outcome_kind is None:
        first = OutcomeKind.RESOLUTION.label
    day = meeting.date
    when = f"tháng {day.month} {day.year}" if meeting.kind in _MONTHLY else f"ngày {day:%d %m %Y}"
    return ascii_name(f"{first} {_KIND_WORDS[meeting.kind]} {when}") + ".pdf"


class PrintPanel(QWidget):
    """Three rows of Xem / In / Lưu thành…; ``status`` tells what was done."""

    status = Signal(str)
    changed = Signal(object)  # Changes: a number was taken from the register

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, *,
                 opener: Opener | None = None, printer: Printer = print_pdf,
                 preview_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.actions = DocumentActions(tasks, prompts, opener=opener, printer=printer, preview_dir=preview_dir,
                                       parent=self)
        self.actions.status.connect(self.status)
        self.actions.written.connect(self._written)
        self._meeting: Meeting | None = None
        self._code = "CB"
        self.before: Before = lambda then: then()
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.notes: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._build()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(12)
        for row, key in enumerate((MINUTES, SIGN_IN, OUTCOME)):
            label = QLabel({MINUTES: "Biên bản", SIGN_IN: "Danh sách dự họp", OUTCOME: outcome_label(None)}[key])
            label.setStyleSheet("font-weight: 600; font-size: 11pt;")
            self.labels[key] = label
            grid.addWidget(label, row * 2, 0)
            for column, (action, tip) in enumerate((("Xem", "Xem trước (không cấp số)"),
                                                    ("In", "Cấp số và in ra máy in"),
                                                    ("Lưu thành…", "Cấp số và lưu thành tệp PDF")), start=1):
                button = QPushButton(action)
                button.setToolTip(tip)
                button.clicked.connect(lambda _=False, k=key, a=action: self.act(k, a))
                self.buttons[(key, action)] = button
                grid.addWidget(button, row * 2, column)
            note = hint("")
            self.notes[key] = note
            grid.addWidget(note, row * 2 + 1, 0, 1, 4)
        grid.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(hint("Văn bản trình bày theo thể thức văn bản của Đảng (khổ A4). “Xem” không cấp số; "
                              "“In” và “Lưu thành…” cấp số văn bản theo sổ đăng ký, in lại vẫn giữ số cũ. "
                              "Các thay đổi chưa lưu được lưu trước khi in."))
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)

    def set_meeting(self, meeting: Meeting, code: str) -> None:
        """The meeting the documents come from, and the issuer code ('CB', 'ĐU')."""
        self._meeting, self._code = meeting, code
        self.labels[OUTCOME].setText(outcome_label(meeting))
        numbers = {doc.doc_type: doc for doc in meeting.documents}
        minutes = numbers.get("BB")
        self.notes[MINUTES].setText(self._number_note(minutes.doc_type, minutes.number, minutes.issued_on)
                                    if minutes else "Chưa cấp số. Cần điểm danh xong, ghi giờ bắt đầu, "
                                    "chủ trì và thư ký.")
        self.notes[SIGN_IN].setText("In trước buổi họp để đảng viên ký tên; không cấp số.")
        has_outcome = meeting.outcome_kind is not None and bool(meeting.outcome_text)
        outcome = numbers.get(meeting.outcome_kind.value) if meeting.outcome_kind else None
        self.notes[OUTCOME].setText(self._number_note(outcome.doc_type, outcome.number, outcome.issued_on)
                                    if outcome else ("Chưa cấp số." if has_outcome else
                                                     "Ghi loại văn bản và nội dung ở thẻ “Đánh giá” để in."))

    def _number_note(self, doc_type: str, number: int, issued_on: object) -> str:
        return f"Đã cấp Số {number:02d}-{doc_type}/{self._code} ngày {format_date(issued_on)}; in lại giữ số này."  # type: ignore[arg-type]

    # -- actions ----------------------------------------------------------------------------------
    @property
    def opener(self) -> Opener:
        return self.actions.opener

    @opener.setter
    def opener(self, opener: Opener) -> None:
        self.actions.opener = opener

    @property
    def printer(self) -> Printer:
        return self.actions.printer

    @printer.setter
    def printer(self, printer: Printer) -> None:
        self.actions.printer = printer

    def act(self, key: str, action: str) -> None:
        """Store pending edits, then Xem, In or Lưu thành… the document ``key``."""
        if self._meeting is not None:
            self.actions.act(action, self._job(key, self._meeting), self.before)

    def _job(self, key: str, meeting: Meeting) -> DocumentJob:
        meeting_id, services = meeting.id, self._services

        def write(target: Path, register: bool) -> PrintedDocument:
            documents = services.meeting_documents
            if key == SIGN_IN:
                return documents.write_sign_in_sheet(meeting_id, target)
            writer = documents.write_minutes if key == MINUTES else documents.write_resolution
            return writer(meeting_id, target, register=register)

        return DocumentJob(self.labels[key].text(), suggested_name(key, meeting), write)

    def _written(self, doc: PrintedDocument) -> None:
        if doc.number is not None:
            self.changed.emit(doc.changes)
