"""The people list as a Qt table: every row held once, searched and filtered in memory.

The page loads all people of the chosen year through the task runner once; typing in the
search box and changing the organisation, membership or status filters then only walk
the rows already in memory, so a keystroke stays well under 30 ms at 10,000 people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.domain.models import PersonRow
from khoi_desktop.domain.vntext import collation_key, fold, format_date, format_number

COLUMNS = ("Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Tổ chức", "Tư cách", "Số thẻ đảng viên",
           "Trạng thái")
NAME, BIRTH, GENDER, JOB, ORGANIZATION, MEMBERSHIPS, CARD, STATUS = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
_RETIRED_COLOR = QColor("#8a8a8a")
_AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PeopleCriteria:
    """What the filters ask for besides the search text; ``None`` means any."""

    organization_ids: frozenset[int] | None = None
    membership_kind: MembershipKind | None = None
    status: PersonStatus | None = None
    include_retired: bool = False
    with_membership_only: bool = False  # a year is chosen: only people holding a membership that year

    def accepts(self, row: PersonRow) -> bool:
        if row.retired and not self.include_retired:
            return False
        if self.organization_ids is not None and row.organization_id not in self.organization_ids:
            return False
        if self.membership_kind is not None and self.membership_kind not in row.memberships:
            return False
        if self.status is not None and row.status is not self.status:
            return False
        return not (self.with_membership_only and not row.memberships)


def search_tokens(text: str) -> tuple[str, ...]:
    """'Nguyễn  Văn' → ('nguyen', 'van'): diacritic-free words every match must contain."""
    return tuple(fold(text).split())


def matches_search(row: PersonRow, tokens: Sequence[str], raw: str) -> bool:
    """Every word appears in the folded name, or the text begins the card number."""
    if raw and row.party_card_number.startswith(raw):
        return True
    name = row.name_search
    return all(token in name for token in tokens)


def count_text(shown: int, total: int) -> str:
    """'Hiển thị 1.234/10.000 người'."""
    return f"Hiển thị {format_number(shown)}/{format_number(total)} người"


def birth_text(row: PersonRow) -> str:
    """dd/MM/yyyy, or the bare year when only the year is known."""
    if row.birth_date is not None:
        return format_date(row.birth_date)
    return str(row.birth_year) if row.birth_year else ""


def membership_text(row: PersonRow) -> str:
    return ", ".join(kind.label for kind in row.memberships)


def cell_text(row: PersonRow, column: int) -> str:
    if column == NAME:
        return row.full_name
    if column == BIRTH:
        return birth_text(row)
    if column == GENDER:
        return row.gender.label if row.gender else ""
    if column == JOB:
        return row.job_title
    if column == ORGANIZATION:
        return row.organization_name
    if column == MEMBERSHIPS:
        return membership_text(row)
    if column == CARD:
        return row.party_card_number
    return row.status.label


def _sort_key(column: int) -> Callable[[PersonRow], Any]:
    if column == NAME:
        return lambda row: row.sort_key
    if column == BIRTH:
        return lambda row: row.birth_date or (date(row.birth_year, 1, 1) if row.birth_year else date.min)
    keys: dict[str, str] = {}

    def key(row: PersonRow) -> str:
        text = cell_text(row, column)
        if text not in keys:
            keys[text] = collation_key(text)
        return keys[text]

    return key


class PeopleTableModel(QAbstractTableModel):
    """Read-only rows of :class:`PersonRow`; the search and filters never touch the database."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._loaded: list[PersonRow] = []  # as the service returned them (Vietnamese order)
        self._ordered: list[PersonRow] = []  # after a header click
        self._base: list[PersonRow] = []  # after the filters, before the search text
        self._shown: list[PersonRow] = []
        self._criteria = PeopleCriteria()
        self._search_raw = ""
        self._tokens: tuple[str, ...] = ()
        self._sort: tuple[int, Qt.SortOrder] = (NAME, Qt.SortOrder.AscendingOrder)

    # -- feeding ----------------------------------------------------------------
    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        """Replace every row (after a load); the search and filters stay as they were."""
        self._loaded = list(rows)
        self._ordered = self._sorted(self._loaded)
        self._refilter()

    def set_criteria(self, criteria: PeopleCriteria) -> None:
        if criteria != self._criteria:
            self._criteria = criteria
            self._refilter()

    def set_search(self, text: str) -> None:
        """Filter by name (without diacritics) or card-number prefix, as the user types."""
        raw = text.strip()
        tokens = search_tokens(raw)
        if (raw, tokens) == (self._search_raw, self._tokens):
            return
        narrower = self._narrows(tokens, raw)
        self._search_raw, self._tokens = raw, tokens
        pool = self._shown if narrower else self._base
        self._reset_to(self._search(pool))

    def criteria(self) -> PeopleCriteria:
        return self._criteria

    # -- reading ------------------------------------------------------------------
    def row_at(self, row: int) -> PersonRow:
        return self._shown[row]

    def row_of(self, person_id: int) -> int | None:
        return next((i for i, row in enumerate(self._shown) if row.id == person_id), None)

    def shown_count(self) -> int:
        return len(self._shown)

    def total_count(self) -> int:
        """Everyone loaded, counting people no longer followed only when they are shown."""
        if self._criteria.include_retired:
            return len(self._loaded)
        return sum(1 for row in self._loaded if not row.retired)

    def count_text(self) -> str:
        return count_text(self.shown_count(), self.total_count())

    # -- Qt model -----------------------------------------------------------------
    def rowCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        row = self._shown[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = cell_text(row, index.column())
            if role == Qt.ItemDataRole.ToolTipRole and row.retired and index.column() == NAME:
                return f"{text} (đã thôi theo dõi)"
            return text
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and row.retired:
            return QBrush(_RETIRED_COLOR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < len(COLUMNS):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return format_number(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in Vietnamese order, keeping the selection on the same people."""
        if not 0 <= column < len(COLUMNS) or (column, order) == self._sort:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._shown[i.row()].id, i.column()) if i.isValid() else None for i in persistent]
        self._ordered = self._sorted(self._loaded)
        self._base = [row for row in self._ordered if self._criteria.accepts(row)]
        self._shown = self._search(self._base)
        position = {row.id: i for i, row in enumerate(self._shown)}
        moved = [self.index(position[key[0]], key[1]) if key and key[0] in position else QModelIndex()
                 for key in kept]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # -- internals ----------------------------------------------------------------
    def _sorted(self, rows: list[PersonRow]) -> list[PersonRow]:
        column, order = self._sort
        if column == NAME and order == Qt.SortOrder.AscendingOrder:
            return list(rows)  # the service already gave Vietnamese name order
        return sorted(rows, key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def _refilter(self) -> None:
        accepts = self._criteria.accepts
        self._base = [row for row in self._ordered if accepts(row)]
        self._reset_to(self._search(self._base))

    def _search(self, pool: list[PersonRow]) -> list[PersonRow]:
        tokens, raw = self._tokens, self._search_raw
        if not tokens and not raw:
            return list(pool)
        if len(tokens) == 1 and not raw.isdigit():
            token = tokens[0]
            return [row for row in pool if token in row.name_search]
        return [row for row in pool if matches_search(row, tokens, raw)]

    def _narrows(self, tokens: tuple[str, ...], raw: str) -> bool:
        """Whether the new text can only match a subset of what is shown now (typing on)."""
        old = self._tokens
        if not old or raw.isdigit() or self._search_raw.isdigit() or len(tokens) < len(old):
            return False
        return all(new.find(prev) >= 0 for prev, new in zip(old, tokens, strict=False))

    def _reset_to(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._shown = rows
        self.endResetModel()
