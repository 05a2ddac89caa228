"""A combo box listing the organisation tree, children indented under their parent."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter, QWidget

from khoi_desktop.domain.models import Organization

_INDENT = "\u2003\u2003"  # two em spaces per level


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


class OrgCombo(QComboBox):
    """Shows the tree; ``current_id()`` is the chosen organisation or None for the "any" entry."""

    def __init__(self, any_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._any_text = any_text
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
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
            self.addItem(self._any_text, None)
        for org, depth in tree_order(organizations):
            self.addItem(_INDENT * depth + org.name, org.id)
            self.setItemData(self.count() - 1, org.name, Qt.ItemDataRole.ToolTipRole)
        found = self.findData(keep) if keep is not None else -1
        self.setCurrentIndex(found if found >= 0 else 0)
        self.blockSignals(was_blocked)
        if self.current_id() != keep:
            self.currentIndexChanged.emit(self.currentIndex())

    def current_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def current_name(self) -> str:
        return self.currentText().strip()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """The closed box shows the name without the tree's indentation."""
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = option.currentText.strip()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def select_id(self, org_id: int | None) -> bool:
        index = self.findData(org_id) if org_id is not None else (0 if self._any_text is not None else -1)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
