"""The parts of the year-end page: each section of the report with what the app computed
beside what the clerk writes, and the frame fields (summary line, Nơi nhận, signer).

Editors report ``editing_finished`` when the clerk leaves them (Unikey and EVKey rewrite
text with backspaces, so nothing is done per keystroke); the page saves then.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.services.year_end import SectionPreview
from khoi_desktop.services.year_end_content import FRAME_KEYS, NARRATIVE_KEYS
from ui.forms import FieldForm
from ui.pages.common.narrative_edit import NarrativeEdit

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
COMPUTED_STYLE = ("QLabel#computed { background: #f1f3f5; border: 1px solid #dfe3e8; border-radius: 6px; "
                  "padding: 8px 10px; color: #1f2933; }")


Editor = QLineEdit | NarrativeEdit


def numbering(previews: Sequence[SectionPreview]) -> dict[str, str]:
    """'I-', '1.', … as in the report's skeleton (sections left empty are dropped when printed)."""
    numbers: dict[str, str] = {}
    major = minor = 0
    for preview in previews:
        if preview.level == 1:
            major, minor = major + 1, 0
            numbers[preview.key] = f"{ROMAN[major - 1]}-"
        elif preview.level == 2:
            minor += 1
            numbers[preview.key] = f"{minor}."
    return numbers


class SectionRow(QWidget):
    """A heading; under it the computed sentences (left) beside the clerk's text (right)."""

    def __init__(self, preview: SectionPreview, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.level, self.number = preview.key, preview.level, number
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1f2933;" if preview.level == 1
                                   else "font-weight: 600; color: #1f2933;")
        self.computed = QLabel()
        self.computed.setObjectName("computed")
        self.computed.setStyleSheet(COMPUTED_STYLE)
        self.computed.setWordWrap(True)
        self.computed.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.editor: NarrativeEdit | None = None
        self._placed = False
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 6 if preview.level == 1 else 2, 0, 2)
        self._layout.setHorizontalSpacing(14)
        self._layout.addWidget(self.heading, 0, 0, 1, 2)
        self._layout.setColumnStretch(0, 1)
        self._layout.setColumnStretch(1, 1)
        if preview.key in NARRATIVE_KEYS:
            self.editor = NarrativeEdit()
            self.editor.setMaximumHeight(320)  # beside a long computed part it grows, up to this, at the top
            self._holder = QWidget()
            column = QVBoxLayout(self._holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.editor, 1)
            column.addStretch(0)
            self._layout.addWidget(self.computed, 1, 0)
            self._layout.addWidget(self._holder, 1, 1)
        self.computed.hide()
        self.show_preview(preview)

    def show_preview(self, preview: SectionPreview) -> None:
        """The heading and the computed sentences; a section without any gives the editor the width."""
        self.heading.setText(f"{self.number} {preview.title}")
        lines = [f"• {sentence}" for sentence in preview.computed]
        self.computed.setText("\n".join(lines))
        if self.editor is None:
            return  # a part whose text is its subsections'
        self.editor.setPlaceholderText(f"Nội dung đồng chí viết cho mục “{preview.title}”…"
                                       if lines else "Mục này không có số liệu tự tính; nội dung do đồng chí viết…")
        if bool(lines) == self.computed.isHidden() or not self._placed:
            self._layout.removeWidget(self._holder)
            self._layout.addWidget(self._holder, 1, 1 if lines else 0, 1, 1 if lines else 2)
            self.computed.setVisible(bool(lines))
            self._placed = True


class FrameFields(FieldForm):
    """The summary line, 'Nơi nhận' (one a line) and the signer's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLineEdit()
        self.recipients = NarrativeEdit("", 70)
        self.signer_name = QLineEdit()
        self.add_row("summary", "Trích yếu", self.summary, "Dòng dưới chữ BÁO CÁO. Để trống: dùng câu mặc định.")
        self.add_row("recipients", "Nơi nhận", self.recipients,
                     "Mỗi dòng một nơi. Để trống: cấp trên (để báo cáo) và các tổ chức trực thuộc.")
        self.add_row("signer_name", "Người ký", self.signer_name,
                     "Họ tên Bí thư. Để trống: người giữ chức Bí thư vào ngày báo cáo.")

    def editors(self) -> dict[str, Editor]:
        return {key: getattr(self, key) for key in FRAME_KEYS}


def card(*widgets: QWidget) -> QFrame:
    """A white panel around ``widgets``."""
    frame = QFrame()
    frame.setObjectName("yearEndCard")
    frame.setStyleSheet("QFrame#yearEndCard { background: #ffffff; border: 1px solid #dfe3e8; "
                        "border-radius: 8px; }")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    for widget in widgets:
        layout.addWidget(widget)
    return frame


PRINT_BLANK = "In dòng chấm để viết tay"
GO_BACK = "Quay lại viết"


def empty_sections_question(titles: tuple[str, ...]) -> str:
    """The empty sections, one a line, and the two ways on."""
    listed = "\n".join(f"- {title}" for title in titles)
    return (f"Các mục sau chưa có nội dung:\n{listed}\n\n"
            f"“{GO_BACK}” để viết các mục này trước khi xuất; “{PRINT_BLANK}” để in tiêu đề mục "
            "với các dòng chấm, viết tay sau khi in.")
