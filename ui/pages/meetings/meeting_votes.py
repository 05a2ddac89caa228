"""Biểu quyết: each show of hands (tán thành / không tán thành / ý kiến khác) against the vote base.

The vote base is the number of official members present (from the Điểm danh tab, live);
a row whose counts add up to more is refused with the message under it, and the editor
does not save votes while any row is refused. The service checks the same rule again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from khoi_desktop.domain.meetings import Vote
from khoi_desktop.domain.vntext import clean, format_number
from ui.pages.common.meeting_widgets import hint, section_title, small_button
from ui.pages.common.person_fields import ErrorLabel

FIELDS = ("votes", "subject", "agree")
COUNT_CAPTIONS = ("Tán thành", "Không tán thành", "Ý kiến khác")
MAX_COUNT = 9999


class VoteRow(QFrame):
    """One vote: what was voted on and the three counts, with its own error line."""

    remove_requested = Signal(object)
    edited = Signal()

    def __init__(self, vote: Vote | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.subject = QLineEdit(vote.subject if vote else "")
        self.subject.setPlaceholderText("Nội dung biểu quyết, ví dụ: Thông qua nghị quyết tháng 11")
        self.agree, self.disagree, self.other = (_count_box() for _ in COUNT_CAPTIONS)
        for box, value in zip((self.agree, self.disagree, self.other),
                              (vote.agree, vote.disagree, vote.other) if vote else (0, 0, 0), strict=True):
            box.setValue(value)
            box.valueChanged.connect(self.edited)
        self.all_agree_button = small_button("Tất cả tán thành", "Ghi toàn bộ số có quyền biểu quyết vào “Tán thành”")
        self.remove_button = small_button("Xóa", "Xóa biểu quyết này")
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = ErrorLabel()
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.addWidget(self.subject, 0, 0, 1, 7)
        for column, (caption, box) in enumerate(zip(COUNT_CAPTIONS, (self.agree, self.disagree, self.other),
                                                    strict=True)):
            grid.addWidget(QLabel(f"{caption}:"), 1, column * 2)
            grid.addWidget(box, 1, column * 2 + 1)
        grid.addWidget(self.all_agree_button, 1, 6, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.remove_button, 0, 7)
        grid.addWidget(self.error, 2, 0, 1, 8)
        grid.setColumnStretch(6, 1)

    def total(self) -> int:
        return self.agree.value() + self.disagree.value() + self.other.value()

    def vote(self) -> Vote | None:
        """None for a row left empty (no subject, no counts)."""
        subject = clean(self.subject.text())
        if not subject and not self.total():
            return None
        return Vote(subject=subject, agree=self.agree.value(), disagree=self.disagree.value(),
                    other=self.other.value())

    def check(self, base: int) -> str:
        """The refusal shown under the row ('' when the counts fit the base)."""
        total = self.total()
        message = ""
        if total > base:
            message = (f"Tổng số biểu quyết ({format_number(total)}) vượt số đảng viên có quyền biểu quyết "
                       f"({format_number(base)}). Hãy sửa lại hoặc kiểm tra điểm danh.")
        self.error.show_message(message)
        return message


class VotesTab(QWidget):
    """The votes of the meeting; ``set_base`` follows the attendance."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = 0
        self.rows: list[VoteRow] = []
        self.base_label = QLabel("")
        self.base_label.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.error = ErrorLabel()
        self.add_button = small_button("Thêm", "Thêm một nội dung biểu quyết")
        self.add_button.clicked.connect(lambda: self.add_vote(None))
        self._rows_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.base_label)
        layout.addWidget(hint("Đảng viên chính thức có mặt được biểu quyết; đảng viên dự bị và đảng viên "
                              "sinh hoạt tạm thời không biểu quyết. Con số thay đổi theo điểm danh."))
        layout.addWidget(self.error)
        layout.addWidget(section_title("Kết quả biểu quyết"))
        layout.addLayout(self._rows_box)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.set_base(0)

    def set_base(self, base: int) -> None:
        self._base = base
        self.base_label.setText(f"Số đảng viên có quyền biểu quyết: {format_number(base)}")
        self.check()

    def base(self) -> int:
        return self._base

    def set_votes(self, votes: tuple[Vote, ...]) -> None:
        for row in list(self.rows):
            self._drop(row)
        for vote in votes:
            self.add_vote(vote)
        self.error.show_message("")
        self.check()

    def votes(self) -> tuple[Vote, ...]:
        return tuple(vote for row in self.rows if (vote := row.vote()) is not None)

    def check(self) -> list[str]:
        """Check every row against the base; the refusals (empty when all fit)."""
        return [message for row in self.rows if (message := row.check(self._base))]

    def add_vote(self, vote: Vote | None) -> VoteRow:
        row = VoteRow(vote)
        row.edited.connect(lambda r=row: r.check(self._base))
        row.remove_requested.connect(self._drop)
        row.all_agree_button.clicked.connect(lambda _=False, r=row: self._all_agree(r))
        self.rows.append(row)
        self._rows_box.addWidget(row)
        row.check(self._base)
        if vote is None:
            row.subject.setFocus()
        return row

    def show_error(self, field: str, message: str) -> bool:
        if field not in FIELDS:
            return False
        self.error.show_message(message)
        return True

    def _all_agree(self, row: VoteRow) -> None:
        row.disagree.setValue(0)
        row.other.setValue(0)
        row.agree.setValue(self._base)

    def _drop(self, row: VoteRow) -> None:
        self.rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()


def _count_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_COUNT)
    box.setMinimumWidth(70)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    return box
