"""The year-end assessment of one person (or one organisation): self-review, points, the three levels.

"Bản tự kiểm điểm" has one multi-line box per section of the form in force for the year
(the ASSESSMENT preset); "Xếp loại" has the points where the preset uses the 100-point scale
(with the level they fall in), the member's own level, the branch's proposal, the decision,
and a reason when the person is not rated. Saving runs on the worker; a ``ValidationError``
keeps the dialog open with the message under its field. ``saved`` holds the AssessmentSaved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.assessments import (
    AssessmentInput,
    AssessmentRules,
    SelfReview,
    level_from_points,
    points_text,
)
from khoi_desktop.domain.enums import RatingLevel
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.vntext import clean
from khoi_desktop.services.app import Services
from ui.forms import FieldForm
from ui.pages.common.meeting_widgets import TextBox, hint, section_title
from ui.pages.common.person_fields import DateField
from ui.prompts import Prompts
from ui.service_dialog import ServiceDialog, fail_later, read_date
from ui.tasks import TaskRunner

NO_LEVEL = "— Chưa xếp loại —"
RATING_FIELDS = ("points", "self_level", "branch_level", "decided_level", "decided_on", "not_rated_reason", "note")
_NUMBER = re.compile(r"^\d{1,3}([.,]\d{1,2})?$")
Loaded = tuple[AssessmentRules, AssessmentInput, SelfReview | None]


@dataclass(frozen=True)
class Assessee:
    """Who is assessed: a person, or an organisation (``person_id`` None)."""

    year: int
    name: str
    position: str
    organization_id: int
    organization_name: str
    person_id: int | None = None

    @property
    def heading(self) -> str:
        if self.person_id is None:
            return f"Đánh giá, xếp loại năm {self.year}: {self.name}"
        who = ", ".join(part for part in (self.position, self.organization_name) if part)
        return f"Kiểm điểm, xếp loại năm {self.year}: đồng chí {self.name}" + (f" — {who}" if who else "")


def read_points(text: str) -> float | None:
    """'85' or '85,5' (also '85.5'); None when empty; ValidationError otherwise."""
    text = clean(text)
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValidationError("points", f"“{text}” không phải số điểm (ghi như 85 hoặc 85,5).")
    return float(text.replace(",", "."))


class AssessmentDialog(ServiceDialog):
    """Open with :meth:`start` (reads the preset, what is stored and the self-review on the worker)."""

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, who: Assessee,
                 parent: QWidget | None = None) -> None:
        super().__init__("Kiểm điểm, đánh giá, xếp loại", tasks, prompts, parent)
        self._services, self.who = services, who
        self.saved: Any = None
        self.rules: AssessmentRules | None = None
        self._input: AssessmentInput | None = None
        self.sections: dict[str, TextBox] = {}
        self.resize(900, 660)  # within a 768 px screen; the tabs scroll inside
        self.heading = QLabel(who.heading)
        self.heading.setObjectName("pageSubtitle")
        self.heading.setWordWrap(True)
        self.points = QLineEdit()
        self.points.setMaximumWidth(100)
        self.points.setPlaceholderText("0–100")
        self.suggested = QLabel("")
        self.levels = {name: _level_box() for name in ("self_level", "branch_level", "decided_level")}
        self.decided_on = DateField()
        self.decided_on.setMaximumWidth(160)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Để trống nếu thuộc diện xếp loại")
        self.reason_hint = hint("")
        self.note = TextBox(3)
        self.form = FieldForm()
        self.section_form = QVBoxLayout()
        self.tabs = QTabWidget()
        self._build()
        self.points.editingFinished.connect(self._points_finished)
        self.decided_on.checked.connect(lambda message: self._message("decided_on", message))

    def _build(self) -> None:
        collective = self.who.person_id is None
        points_row = QWidget()
        row = QHBoxLayout(points_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.points)
        row.addWidget(self.suggested, 1)
        self.form.add_row("points", "Điểm", points_row)
        self.form.add_row("self_level", "Tự đánh giá" if collective else "Tự xếp loại", self.levels["self_level"])
        self.form.add_row("branch_level", "Cấp ủy đề xuất" if collective else "Chi bộ đề xuất",
                          self.levels["branch_level"])
        self.form.add_row("decided_level", "Quyết định xếp loại", self.levels["decided_level"])
        self.form.add_row("decided_on", "Ngày quyết định", self.decided_on)
        reason_cell = QWidget()
        column = QVBoxLayout(reason_cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.reason)
        column.addWidget(self.reason_hint)
        self.form.add_row("not_rated_reason", "Lý do không xếp loại", reason_cell)
        self.form.add_row("note", "Ghi chú", self.note)
        rating = QWidget()
        rating_layout = QVBoxLayout(rating)
        rating_layout.addWidget(self.form)
        rating_layout.addStretch(1)
        if not collective:
            sections = QWidget()
            sections.setLayout(self.section_form)
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the tab bar to the first section
            scroller.setWidget(sections)
            self.tabs.addTab(scroller, "Bản tự kiểm điểm")
        self.tabs.addTab(rating, "Xếp loại")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    # -- loading ------------------------------------------------------------------------------------
    def start(self) -> None:
        who, assessments = self.who, self._services.assessments

        def job() -> Loaded:
            rules = assessments.rules_for(who.year)
            if who.person_id is None:
                return rules, assessments.input_for_collective(who.organization_id, who.year), None
            return (rules, assessments.input_for(who.person_id, who.year),
                    assessments.self_review(who.person_id, who.year))

        self.save_button.setEnabled(False)
        self._tasks.call(job, self._loaded, self._load_failed)
        self.open()

    def _loaded(self, loaded: Loaded) -> None:
        rules, data, review = loaded
        self.rules, self._input = rules, data
        self.heading.setText(f"{self.who.heading}\nĐánh giá theo {rules.preset_name}"
                             + (" (thang 100 điểm)." if rules.uses_points else "."))
        if review is not None:
            self._fill_sections(review, rules)
        self.points.setText(points_text(data.points))
        self.points.setEnabled(rules.uses_points)
        for name, box in self.levels.items():
            _fill_levels(box, rules.levels, getattr(data, name))
        self.decided_on.set_date(data.decided_on)
        self.reason.setText(data.not_rated_reason)
        computed = review.not_rated_reason if review is not None else ""
        self.reason_hint.setText(f"Theo hồ sơ: {computed}." if computed and computed != data.not_rated_reason else "")
        self.reason_hint.setVisible(bool(self.reason_hint.text()))
        self.note.set_text(data.note)
        self._points_finished()
        self.save_button.setEnabled(True)
        first = next(iter(self.sections.values()), None)  # typing goes in a field, not on the tab bar
        # The sections just made are shown from the event loop (the layout posts their show);
        # focus set before that is lost to the tab bar, so it is set once they are shown.
        target = first or (self.points if rules.uses_points else self.levels["self_level"])
        QTimer.singleShot(0, target, target.setFocus)  # cancelled if the field is gone by then

    def _fill_sections(self, review: SelfReview, rules: AssessmentRules) -> None:
        known = dict(rules.sections)
        previous: QWidget = self.tabs.tabBar()  # made after the dialog: put before "Lưu" in the Tab order
        for number, section in enumerate(review.sections, 1):
            self.section_form.addWidget(section_title(f"{number}. {section.title}"))
            box = TextBox(5, grow=True)
            box.set_text(section.content)
            box.setReadOnly(section.code not in known)  # a section of an older form is kept as it was
            self.section_form.addWidget(box)
            QWidget.setTabOrder(previous, box)
            previous = box
            if section.code in known:
                self.sections[section.code] = box
        self.section_form.addStretch(1)

    def _load_failed(self, exc: BaseException) -> None:
        self.reject()
        self._prompts.show_error(exc, "mở bản kiểm điểm")

    def _points_finished(self) -> None:
        try:
            points = read_points(self.points.text())
        except ValidationError as error:
            self._message("points", error.message)
            self.suggested.setText("")
            return
        self._message("points", "")
        if self.rules is not None and not self.rules.uses_points:
            self.suggested.setText(f"{self.rules.preset_name} không chấm điểm theo thang 100 điểm.")
            return
        level = level_from_points(points, self.rules) if self.rules else None
        self.suggested.setText(f"Mức tương ứng: {level.label}" if level else "Thang 100 điểm")

    def _message(self, field: str, message: str) -> None:
        if message:
            self.form.show_error(field, message)
        elif self.form.error_text(field):
            self.form.clear_errors()

    # -- saving --------------------------------------------------------------------------------------
    def value(self) -> AssessmentInput:
        """What the fields hold; raises ValidationError for points or a date that cannot be read."""
        assert self._input is not None
        decided_on = read_date(self.decided_on, "decided_on")
        sections = tuple((code, box.text()) for code, box in self.sections.items()) \
            if self.who.person_id is not None else None
        return AssessmentInput(
            year=self.who.year, person_id=self.who.person_id, organization_id=self._input.organization_id,
            points=read_points(self.points.text()), decided_on=decided_on, not_rated_reason=self.reason.text(),
            note=self.note.text(), sections=sections,
            **{name: _level_of(box) for name, box in self.levels.items()})

    def job(self) -> Callable[[], Any]:
        try:
            data = self.value()
        except ValidationError as error:
            return fail_later(error)
        assessments = self._services.assessments
        return lambda: assessments.save(data)

    def _saved(self, changes: Any) -> None:
        self.saved = changes
        super()._saved(changes)

    def show_field_error(self, error: ValidationError) -> bool:
        field = {"level": "decided_level", "organization_id": ""}.get(error.field, error.field)
        if field == "sections":
            self.tabs.setCurrentIndex(0)
            self._prompts.show_error(error, "lưu")
            return True
        if field in RATING_FIELDS:
            self.tabs.setCurrentIndex(self.tabs.count() - 1)
            return self.form.show_error(field, error.message)
        return False

    def clear_errors(self) -> None:
        self.form.clear_errors()


def _level_box() -> QComboBox:
    box = QComboBox()
    box.addItem(NO_LEVEL, None)
    return box


def _fill_levels(box: QComboBox, levels: tuple[RatingLevel, ...], current: RatingLevel | None) -> None:
    box.clear()
    box.addItem(NO_LEVEL, None)
    for level in levels:
        box.addItem(level.label, level.value)
    box.setCurrentIndex(max(0, box.findData(current.value if current else None)))


def _level_of(box: QComboBox) -> RatingLevel | None:
    value = box.currentData()
    return RatingLevel(value) if value else None
