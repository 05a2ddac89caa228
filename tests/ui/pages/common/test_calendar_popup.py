"""Date fields: a calendar button that opens on the typed day and fills the field; typing still works."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from ui.pages.common.person_fields import DATE_HINT, DateField


def test_calendar_opens_on_the_typed_day_and_a_click_fills_the_field(qtbot) -> None:
    """Typed "5/3/24" becomes 05/03/2024; the calendar starts there; choosing the 20th writes 20/03/2024."""
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    assert field.placeholderText() == DATE_HINT == "ngày/tháng/năm"
    qtbot.keyClicks(field, "5/3/24")
    field.editingFinished.emit()
    assert field.text() == "05/03/2024"
    checks: list[str] = []
    field.checked.connect(checks.append)
    field.calendar_action.trigger()
    popup = field.calendar_popup
    assert popup.isVisible()
    assert popup.calendar.selectedDate() == QDate(2024, 3, 5)
    assert popup.calendar.locale().name().startswith("vi")
    popup.calendar.clicked.emit(QDate(2024, 3, 20))
    assert field.text() == "20/03/2024" and field.date_value() == date(2024, 3, 20)
    assert checks == [""]


def test_calendar_on_an_empty_field_starts_today(qtbot) -> None:
    """With nothing typed the month shown is the current one."""
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.calendar_action.trigger()
    assert field.calendar_popup.calendar.selectedDate() == QDate.currentDate()
