"""Form pieces of the person dialog: date fields, red error labels beside fields, amber notes.

Dates are typed as text and read with ``vntext.parse_date`` only on ``editingFinished``:
reformatting on every keystroke breaks Vietnamese input methods (Unikey, EVKey).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain.vntext import DateParseError, clean, format_date, parse_date
from ui.pages.common.calendar_popup import add_calendar_button

ERROR_STYLE = "color: #b00020;"
INVALID_STYLE = "border: 1px solid #b00020; border-radius: 3px; padding: 2px;"
WARNING_STYLE = ("background: #fff4d6; color: #6b4e00; border: 1px solid #e0b84c; border-radius: 4px;"
                 " padding: 6px 8px;")

PERSON_FIELD_LABELS = {
    "full_name": "Họ và tên", "organization_id": "Tổ chức", "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh", "gender": "Giới tính", "ethnicity": "Dân tộc", "religion": "Tôn giáo",
    "hometown": "Quê quán", "phone": "Điện thoại", "email": "Thư điện tử", "education": "Trình độ chuyên môn",
    "political_theory": "Lý luận chính trị", "job_title": "Chức vụ", "party_card_number": "Số thẻ đảng viên",
    "party_record_number": "Số lý lịch", "admission_date": "Ngày vào Đảng",
    "official_date": "Ngày chính thức", "note": "Ghi chú", "memberships": "Tư cách",
    "org_since": "Sinh hoạt tại tổ chức từ ngày",
}
# The change history also shows what the Trạng thái tab and "Thôi theo dõi" record.
PERSON_HISTORY_LABELS = {
    **PERSON_FIELD_LABELS, "status": "Trạng thái", "start_date": "Từ ngày",
    "other_party": "Tổ chức đảng nơi đi/đến", "decision": "Quyết định", "reason": "Lý do",
}


DATE_HINT = "ngày/tháng/năm"


class DateField(QLineEdit):
    """A dd/MM/yyyy text field with a calendar button; with ``allow_year`` a bare year ('1975') is accepted too."""

    checked = Signal(str)  # '' when the text is a valid date (or empty), else the Vietnamese error

    def __init__(self, allow_year: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._allow_year = allow_year
        self.setPlaceholderText(DATE_HINT + (" hoặc năm" if allow_year else ""))
        self.setMaxLength(20)
        self.editingFinished.connect(self._on_finished)
        add_calendar_button(self, self._typed_day, self._picked)

    def _typed_day(self) -> date | None:
        try:
            return self.read()[0]
        except DateParseError:
            return None

    def _picked(self, day: date) -> None:
        self.set_date(day)
        self._on_finished()

    def set_date(self, value: date | None, year: int | None = None) -> None:
        self.setText(format_date(value) if value else (str(year) if year else ""))

    def read(self) -> tuple[date | None, int | None]:
        """(date, year) from the text; raises DateParseError with a Vietnamese message."""
        text = clean(self.text())
        if not text:
            return None, None
        if self._allow_year and text.isdigit() and len(text) == 4:
            return None, int(text)
        day = parse_date(text)
        return day, day.year

    def date_value(self) -> date | None:
        return self.read()[0]

    def _on_finished(self) -> None:
        try:
            day, year = self.read()
        except DateParseError as error:
            self.checked.emit(str(error))
            return
        tidy = format_date(day) if day else (str(year) if year else "")
        if tidy != self.text():
            self.setText(tidy)
        self.checked.emit("")


class ErrorLabel(QLabel):
    """Red text shown under a field, hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class FieldBox(QWidget):
    """A field with its error label directly beneath it, used as one form row."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.show_message(text)
        self.field.setStyleSheet(INVALID_STYLE if text and isinstance(self.field, QLineEdit) else "")

    def has_error(self) -> bool:
        return bool(self.error.text()) and self.error.isVisibleTo(self)


class NoticeLabel(QLabel):
    """The amber box for warnings that do not stop saving."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(WARNING_STYLE)
        self.setWordWrap(True)
        self._lines: list[str] = []
        self.hide()

    def show_lines(self, lines: list[str]) -> None:
        self._lines = list(lines)
        self.setText("\n".join(f"⚠ {line}" for line in lines))
        self.setVisible(bool(lines))

    def lines(self) -> list[str]:
        return list(self._lines)
