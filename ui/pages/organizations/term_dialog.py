"""Nhiệm kỳ of an organisation: the terms recorded, a form to add the next one or to correct
and close (give an end date to) one already recorded.

Document numbers (Số 05-BB/CB) run per type through one term, so a unit records its terms
here; without one, numbers restart every calendar year.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.vntext import clean, format_date, parse_iso_date
from ui.forms import FieldForm
from ui.pages.common.person_fields import DateField
from ui.prompts import Prompts
from ui.service_dialog import ServiceDialog, fail_later, read_date, read_day
from ui.tasks import TaskRunner

AddTerm = Callable[..., Changes]
UpdateTerm = Callable[..., Changes]
NEW_TERM = "Thêm nhiệm kỳ mới"


def terms_text(terms: list[dict[str, Any]]) -> str:
    """'Nhiệm kỳ 2020–2025: 01/08/2020 – 31/07/2025' per line, or a note that there is none."""
    if not terms:
        return "Chưa ghi nhiệm kỳ nào: số văn bản đang được cấp lại từ 01 mỗi năm."
    lines = []
    for term in terms:
        start = format_date(parse_iso_date(term["start_date"]))
        end = format_date(parse_iso_date(term["end_date"])) if term["end_date"] else "nay"
        lines.append(f"{term['name']}: {start} – {end}")
    return "\n".join(lines)


class TermDialog(ServiceDialog):
    """Shows ``org``'s terms; adds one (``add_term(org_id, name, start, end)``) or corrects the one
    chosen in "Việc cần làm" (``update_term(term_id, name, start, end)``), e.g. to close it."""

    def __init__(self, org: Organization, terms: list[dict[str, Any]], add_term: AddTerm,
                 tasks: TaskRunner, prompts: Prompts, parent: QWidget | None = None,
                 update_term: UpdateTerm | None = None) -> None:
        super().__init__(f"Nhiệm kỳ của “{org.name}”", tasks, prompts, parent)
        self._org = org
        self._add_term, self._update_term = add_term, update_term
        self._terms = terms
        self.existing = QLabel(terms_text(terms))
        self.existing.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.addItem(NEW_TERM, None)
        for term in terms if update_term is not None else []:
            self.choice.addItem(f"Sửa hoặc kết thúc “{term['name']}”", term["id"])
        self.name = QLineEdit()
        self.name.setPlaceholderText("ví dụ: Nhiệm kỳ 2025–2030")
        self.start = DateField()
        self.end = DateField()
        self.form = FieldForm()
        self.form.add_row("term_choice", "Việc cần làm", self.choice)
        self.form.add_row("term_name", "Tên nhiệm kỳ", self.name)
        self.form.add_row("term_start", "Bắt đầu", self.start, "Ngày đại hội bầu cấp ủy nhiệm kỳ này.")
        self.form.add_row("term_end", "Kết thúc", self.end,
                          "Để trống khi nhiệm kỳ đang diễn ra; ghi ngày để kết thúc nhiệm kỳ.")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Các nhiệm kỳ đã ghi:"))
        layout.addWidget(self.existing)
        layout.addSpacing(12)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.choice.currentIndexChanged.connect(self._fill)

    def _fill(self) -> None:
        """The chosen term's values in the form (empty for a new one)."""
        term = next((t for t in self._terms if t["id"] == self.choice.currentData()), None)
        self.name.setText(term["name"] if term else "")
        self.start.set_date(parse_iso_date(term["start_date"]) if term else None)
        self.end.set_date(parse_iso_date(term["end_date"]) if term and term["end_date"] else None)
        self.clear_errors()

    def job(self) -> Callable[[], Changes]:
        try:
            start = read_day(self.start, "term_start", "Hãy ghi ngày bắt đầu nhiệm kỳ.")
            end = read_date(self.end, "term_end")
        except ValidationError as error:
            return fail_later(error)
        name, term_id = clean(self.name.text()), self.choice.currentData()
        if term_id is not None and self._update_term is not None:
            update = self._update_term
            return lambda: update(term_id, name, start, end)
        org_id, add = self._org.id, self._add_term
        return lambda: add(org_id, name, start, end)

    def show_field_error(self, error: ValidationError) -> bool:
        return self.form.show_error(error.field, error.message)

    def clear_errors(self) -> None:
        self.form.clear_errors()
