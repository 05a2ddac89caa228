"""The calendar button of a typed date field: a month in Vietnamese under the field, a click fills it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
CALENDAR_TIP = "Chọn ngày trên lịch"


def calendar_icon() -> QIcon:
    """A small drawn calendar (no icon file and no emoji font needed)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#3d5a80"), 1))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#3d5a80"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(QRect(x, y, 2, 2), QColor("#3d5a80"))
    painter.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """A pop-up month; choosing a day calls ``chosen(day)`` and closes."""

    def __init__(self, start: date | None, chosen: Callable[[date], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(VIETNAMESE)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        if start is not None:
            self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.clicked.connect(lambda day: self._choose(day, chosen))
        self.calendar.activated.connect(lambda day: self._choose(day, chosen))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def _choose(self, day: QDate, chosen: Callable[[date], None]) -> None:
        chosen(date(day.year(), day.month(), day.day()))
        self.close()


def add_calendar_button(field: QLineEdit, current: Callable[[], date | None],
                        chosen: Callable[[date], None]) -> None:
    """A calendar button at the end of ``field``; typing a date keeps working as before."""
    action = field.addAction(calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
    action.setToolTip(CALENDAR_TIP)
    action.setText(CALENDAR_TIP)

    def show() -> None:
        popup = CalendarPopup(current(), chosen, field)
        field.calendar_popup = popup  # type: ignore[attr-defined]  # for tests and to keep it alive
        popup.adjustSize()
        popup.move(field.mapToGlobal(QPoint(0, field.height())))
        popup.show()
        popup.calendar.setFocus()

    action.triggered.connect(show)
    field.calendar_action = action  # type: ignore[attr-defined]
