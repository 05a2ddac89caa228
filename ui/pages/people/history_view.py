"""The change history of one record, read from the audit log: when, who, what, and the detail.

The detail column lists one line per changed field, "Trường: cũ → mới", with the labels the
record's form uses; values that are ids (an organisation) are shown by name when known.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from khoi_desktop.domain.enums import Gender, MembershipKind, PersonStatus
from khoi_desktop.domain.models import AuditEntry
from khoi_desktop.domain.vntext import format_date

HEADERS = ("Thời điểm", "Người thực hiện", "Nội dung", "Chi tiết (trường: cũ → mới)")
DETAIL = 3
ValueNames = Mapping[str, Mapping[Any, str]]  # field → stored value → what the clerk reads


def when_text(stamp: str) -> str:
    """'2026-11-26T09:05:00' → '26/11/2026 09:05'."""
    try:
        return datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return stamp


def details_text(details: Mapping[str, Any], labels: Mapping[str, str], names: ValueNames | None = None) -> str:
    """One line per changed field: 'Họ và tên: Nguyễn Văn A → Nguyễn Văn An'."""
    lines = []
    for key, value in details.items():
        label, known = labels.get(key, key), (names or {}).get(key, {})
        if isinstance(value, Mapping) and set(value) == {"before", "after"}:
            lines.append(f"{label}: {_named(value['before'], known)} → {_named(value['after'], known)}")
        elif value not in ("", None, [], {}):
            lines.append(f"{label}: {_named(value, known)}")
    return "\n".join(lines)


def _named(value: Any, known: Mapping[Any, str]) -> str:
    return known[value] if isinstance(value, int | str) and value in known else _plain(value)


_CODES = {member.value: member.label for enum in (Gender, MembershipKind, PersonStatus) for member in enum}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _plain(value: Any) -> str:
    """A stored value as the clerk reads it: codes as labels, ISO dates as dd/mm/yyyy."""
    if value in (None, ""):
        return "(trống)"
    if isinstance(value, list):
        return "; ".join(_plain(item) for item in value) or "(trống)"
    if isinstance(value, Mapping):
        return " ".join(_plain(v) for v in value.values() if v)
    text = str(value)
    if _ISO_DATE.match(text):
        return format_date(date.fromisoformat(text))
    return _CODES.get(text, text)


class HistoryView(QTableWidget):
    """Newest first; each line shows its details in the last column (and in its tooltip)."""

    def __init__(self, labels: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self._labels = labels
        self._names: ValueNames = {}
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.resizeSection(0, 130)
        header.resizeSection(1, 150)
        header.resizeSection(2, 260)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)

    def set_value_names(self, names: ValueNames) -> None:
        """How stored values of some fields read, e.g. {"organization_id": {3: "Chi bộ Văn phòng Sở"}}."""
        self._names = names

    def detail_at(self, row: int) -> str:
        item = self.item(row, DETAIL)
        return item.text() if item is not None else ""

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.clearSpans()
        self.setRowCount(0)
        if not entries:
            self.insertRow(0)
            self.setItem(0, 0, QTableWidgetItem("Chưa có thay đổi nào được ghi lại."))
            self.setSpan(0, 0, 1, len(HEADERS))
            return
        for entry in entries:
            row = self.rowCount()
            self.insertRow(row)
            detail = details_text(entry.details, self._labels, self._names)
            for column, text in enumerate((when_text(entry.at), entry.operator, entry.summary, detail)):
                item = QTableWidgetItem(text)
                if detail:
                    item.setToolTip(detail)
                self.setItem(row, column, item)
        self.resizeRowsToContents()
