"""The organisation picker: the tree in its drop-down, typing filters it without diacritics.

Every page, dialog and filter bar that chooses an organisation uses :class:`OrgCombo`. The box is
editable: typing "van phong" offers every "Văn phòng…" organisation in a pop-up; a name that
repeats in the tree ("Chi bộ Văn phòng Sở" under ten đảng bộ) is shown with its parent
("Chi bộ Văn phòng Sở — Đảng bộ Sở Xây dựng"), in the box and in the lists (:func:`org_labels`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import search_key

DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
INDENT_PX = 18
_AnyIndex = QModelIndex | QPersistentModelIndex


def tree_order(organizations: Sequence[Organization]) -> list[tuple[Organization, int]]:
    """(organisation, depth) depth-first, siblings in the order given (the service's order)."""
    known = {org.id for org in organizations}
    children: dict[int | None, list[Organization]] = {}
    for org in organizations:
        parent = org.parent_id if org.parent_id in known else None
        children.setdefault(parent, []).append(org)
    ordered: list[tuple[Organization, int]] = []
    stack = [(org, 0) for org in reversed(children.get(None, []))]
    while stack:
        org, depth = stack.pop()
        ordered.append((org, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(org.id, [])))
    return ordered


def org_labels(organizations: Sequence[Organization]) -> dict[int, str]:
    """What to call each organisation: its name, or "name — parent" when the name repeats."""
    by_id = {org.id: org for org in organizations}
    repeated = Counter(search_key(org.name) for org in organizations)
    labels: dict[int, str] = {}
    for org in organizations:
        parent = by_id.get(org.parent_id) if org.parent_id is not None else None
        ambiguous = repeated[search_key(org.name)] > 1 and parent is not None
        labels[org.id] = f"{org.name} — {parent.name}" if ambiguous else org.name
    return labels


class _TreeIndent(QStyledItemDelegate):
    """Draws each entry of the drop-down indented by its depth in the tree."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _AnyIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.rect.setLeft(option.rect.left() + INDENT_PX * int(index.data(DEPTH_ROLE) or 0))


class _FoldedFilter(QSortFilterProxyModel):
    """Rows whose label contains every typed word, compared without diacritics."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.words: tuple[str, ...] = ()

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = tuple(search_key(text).split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _AnyIndex) -> bool:  # noqa: N802
        key = self.sourceModel().index(source_row, 0, source_parent).data(KEY_ROLE) or ""
        return all(word in key for word in self.words)


class OrgCombo(QComboBox):
    """Shows the tree; ``current_id()`` is the chosen organisation or None for the "any" entry."""

    def __init__(self, any_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._any_text = any_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.setItemDelegate(_TreeIndent(self))
        self.lineEdit().setPlaceholderText("Gõ để tìm tổ chức")
        self._filter = _FoldedFilter(self)
        self._filter.setSourceModel(self.model())
        finder = QCompleter(self._filter, self)
        finder.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        finder.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        finder.popup().setItemDelegate(_TreeIndent(finder.popup()))
        finder.activated[QModelIndex].connect(self._picked)
        self.setCompleter(finder)
        self.lineEdit().textEdited.connect(self._filter.set_text)
        self.lineEdit().editingFinished.connect(self._settle_text)
        self.set_organizations([])

    def set_organizations(self, organizations: Sequence[Organization]) -> None:
        """Refill, keeping the current choice when it still exists (no change signal if kept).

        A caller that blocked the box's signals keeps them blocked: the state is restored, not
        switched on, or a page filling its bar would hear a change and load a second time.
        """
        keep = self.current_id()
        was_blocked = self.blockSignals(True)
        self.clear()
        if self._any_text is not None:
            self._add(self._any_text, None, self._any_text, 0)
        labels = org_labels(organizations)
        for org, depth in tree_order(organizations):
            self._add(labels[org.id], org.id, org.name, depth)
        found = self.findData(keep) if keep is not None else -1
        self.setCurrentIndex(found if found >= 0 else 0)
        self.blockSignals(was_blocked)
        if self.current_id() != keep:
            self.currentIndexChanged.emit(self.currentIndex())

    def _add(self, label: str, org_id: int | None, name: str, depth: int) -> None:
        self.addItem(label, org_id)
        row = self.count() - 1
        for role, value in ((Qt.ItemDataRole.ToolTipRole, label), (DEPTH_ROLE, depth), (NAME_ROLE, name),
                            (KEY_ROLE, search_key(label))):
            self.setItemData(row, value, role)

    def current_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def current_name(self) -> str:
        """The chosen organisation's own name (without the parent added to tell it apart)."""
        return str(self.itemData(self.currentIndex(), NAME_ROLE) or "") if self.currentIndex() >= 0 else ""

    def select_id(self, org_id: int | None) -> bool:
        index = self.findData(org_id) if org_id is not None else (0 if self._any_text is not None else -1)
        if index >= 0:
            self.setCurrentIndex(index)
            self._show_current()
        return index >= 0

    def _picked(self, index: QModelIndex) -> None:
        """A choice in the pop-up of matches: select it in the box."""
        source = self._filter.mapToSource(self.completer().completionModel().mapToSource(index))
        if source.isValid():
            self.setCurrentIndex(source.row())
        self._show_current()

    def _settle_text(self) -> None:
        """Leaving the box: the one match typed chooses it; anything else shows the choice again."""
        words = self._filter.words
        if words and self._filter.rowCount() == 1:
            self.setCurrentIndex(self._filter.mapToSource(self._filter.index(0, 0)).row())
        self._show_current()

    def _show_current(self) -> None:
        self._filter.set_text("")
        label = self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else ""
        if self.lineEdit().text() != label:  # currentText() of an editable box is what was typed
            self.lineEdit().setText(label)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        if not self.completer().popup().isVisible():
            self._show_current()
