"""The memberships (tư cách) of one person: kind, from, to — one row each, editable."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain.enums import MembershipKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Membership
from khoi_desktop.domain.vntext import DateParseError
from ui.pages.common.page_frame import button_row
from ui.pages.common.person_fields import DateField, ErrorLabel

KIND, START, END = range(3)


class MembershipEditor(QWidget):
    """Edits a tuple of :class:`Membership`; keeps each row's organisation, note and id."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._originals: list[Membership | None] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Tư cách", "Từ ngày", "Đến ngày"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(START, 130)
        header.resizeSection(END, 130)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.add_button = QPushButton("Thêm tư cách")
        self.remove_button = QPushButton("Bỏ tư cách đã chọn")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = ErrorLabel()
        hint = QLabel("Một người có thể có nhiều tư cách (ví dụ đảng viên chính thức và công chức). "
                      "Để trống “Đến ngày” nếu tư cách còn hiệu lực.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(button_row(self.add_button, self.remove_button))

    def set_memberships(self, memberships: tuple[Membership, ...]) -> None:
        self.table.setRowCount(0)
        self._originals = []
        for membership in memberships:
            self.add_row(membership)

    def add_row(self, membership: Membership | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._originals.append(membership)
        kind = QComboBox()
        for member in MembershipKind:
            kind.addItem(member.label, member.value)
        chosen = membership.kind if membership else MembershipKind.PARTY_OFFICIAL
        kind.setCurrentIndex(kind.findData(chosen.value))
        kind.currentIndexChanged.connect(self.edited)
        self.table.setCellWidget(row, KIND, kind)
        for column, value in ((START, membership.start_date if membership else None),
                              (END, membership.end_date if membership else None)):
            field = DateField()
            field.set_date(value)
            field.checked.connect(self._on_date_checked)
            self.table.setCellWidget(row, column, field)
        self.table.setCurrentCell(row, KIND)
        return row

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        del self._originals[row]
        self.error.show_message("")
        self.edited.emit()

    def memberships(self) -> tuple[Membership, ...]:
        """What the rows say; a malformed date raises ValidationError on field 'memberships'."""
        result = []
        for row in range(self.table.rowCount()):
            kind = MembershipKind(self.kind_combo(row).currentData())
            try:
                start = self.date_field(row, START).date_value()
                end = self.date_field(row, END).date_value()
            except DateParseError as error:
                raise ValidationError("memberships", f"Tư cách “{kind.label}”: {error}") from None
            original = self._originals[row]
            base = original or Membership(kind)
            result.append(replace(base, kind=kind, start_date=start, end_date=end))
        return tuple(result)

    def kind_combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, KIND)  # type: ignore[return-value]

    def date_field(self, row: int, column: int) -> DateField:
        return self.table.cellWidget(row, column)  # type: ignore[return-value]

    def show_error(self, text: str) -> None:
        self.error.show_message(text)

    def _on_date_checked(self, message: str) -> None:
        self.error.show_message(message)
        if not message:
            self.edited.emit()
