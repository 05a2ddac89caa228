"""Đánh giá: the quality rating (from the preset's bands, by points or chosen) and the outcome.

The outcome is the text of the Nghị quyết or Thông báo kết luận the meeting adopted; a line
such as "1. Đánh giá kết quả tháng 11" opens a section of the printed document.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain import meetings as rules
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import Meeting, OutcomeKind
from khoi_desktop.domain.vntext import clean
from ui.forms import FieldForm
from ui.pages.common.meeting_widgets import TextBox, hint

FIELDS = ("quality_points", "quality_rating", "outcome_kind", "outcome_text")
NOT_RATED = "Chưa đánh giá"
NO_OUTCOME = "Không có"


class RatingTab(QWidget):
    """Rating and outcome; ``set_bands`` gives the preset's [[label, lowest points], …]."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bands: list[list[object]] = []
        self.rating = QComboBox()
        self.points = QLineEdit()
        self.points.setPlaceholderText("0–100")
        self.points.setMaximumWidth(90)
        self.points.setMaxLength(3)
        self.bands_hint = hint("")
        self.outcome_kind = QComboBox()
        self.rating.setMaximumWidth(260)
        self.outcome_kind.setMaximumWidth(260)
        self.outcome_kind.addItem(NO_OUTCOME, "")
        for kind in OutcomeKind:
            self.outcome_kind.addItem(kind.label, kind.value)
        self.outcome_text = TextBox(12, "Nội dung nghị quyết hoặc kết luận", grow=True)
        self.form = FieldForm()
        points_row = QWidget()
        row = QHBoxLayout(points_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.points)
        row.addWidget(QLabel("điểm"))
        row.addStretch(1)
        self.form.add_row("quality_points", "Điểm", points_row)
        self.form.add_row("quality_rating", "Xếp loại chất lượng", self.rating)
        self.form.add_row("outcome_kind", "Văn bản thông qua", self.outcome_kind)
        self.form.add_row("outcome_text", "Nội dung", self.outcome_text,
                          "Mỗi phần bắt đầu bằng một dòng đánh số, ví dụ “1. Đánh giá kết quả tháng 11”; "
                          "các dòng trước phần 1 là lời mở đầu.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.bands_hint)
        layout.addWidget(self.form, 1)
        self.points.editingFinished.connect(self._points_finished)

    # -- values ---------------------------------------------------------------------------
    def set_bands(self, bands: list[list[object]]) -> None:
        self._bands = list(bands)
        kept = self.rating.currentText()
        self.rating.clear()
        self.rating.addItem(NOT_RATED, "")
        for label in rules.band_labels(self._bands):
            self.rating.addItem(label, label)
        self.rating.setCurrentIndex(max(0, self.rating.findData(kept)))
        self.bands_hint.setText("Mức chất lượng theo quy định đang áp dụng: " + _bands_text(self._bands))

    def set_meeting(self, meeting: Meeting) -> None:
        self.points.setText(str(meeting.quality_points) if meeting.quality_points is not None else "")
        if meeting.quality_rating and self.rating.findData(meeting.quality_rating) < 0:
            self.rating.addItem(meeting.quality_rating, meeting.quality_rating)  # a level of an older rule
        self.rating.setCurrentIndex(max(0, self.rating.findData(meeting.quality_rating)))
        kind = meeting.outcome_kind.value if meeting.outcome_kind else ""
        self.outcome_kind.setCurrentIndex(max(0, self.outcome_kind.findData(kind)))
        self.outcome_text.set_text(meeting.outcome_text)
        self.form.clear_errors()

    def rating_value(self) -> tuple[int | None, str | None]:
        """(points, chosen level); raises ValidationError for points that are not 0–100."""
        text = clean(self.points.text())
        if text and not text.isdigit():
            raise ValidationError("quality_points", "Điểm chất lượng là một số từ 0 đến 100.")
        points = int(text) if text else None
        if points is not None and points > 100:
            raise ValidationError("quality_points", "Điểm chất lượng phải từ 0 đến 100.")
        return points, (self.rating.currentData() or None)

    def outcome_value(self) -> tuple[OutcomeKind | None, str]:
        kind = self.outcome_kind.currentData()
        return (OutcomeKind(kind) if kind else None), self.outcome_text.text()

    def show_error(self, field: str, message: str) -> bool:
        return self.form.show_error(field, message)

    def _points_finished(self) -> None:
        """Points typed: show the level they reach (the clerk may still choose another)."""
        try:
            points, _ = self.rating_value()
        except ValidationError as error:
            self.form.show_error(error.field, error.message)
            return
        self.form.clear_errors()
        if points is not None and self._bands:
            level = rules.rating_for_points(points, self._bands)
            self.rating.setCurrentIndex(max(0, self.rating.findData(level)))


def _bands_text(bands: list[list[object]]) -> str:
    """'Tốt: từ 90 điểm; Khá: từ 70 điểm; …' from the preset."""
    parts = [f"{band[0]}: từ {band[1]} điểm" if float(band[1]) > 0 else f"{band[0]}: dưới các mức trên"  # type: ignore[arg-type]
             for band in sorted(bands, key=lambda band: -float(band[1]))]  # type: ignore[arg-type]
    return "; ".join(parts) + "." if parts else "chưa có."
