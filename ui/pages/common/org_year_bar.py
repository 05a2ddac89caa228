"""Tổ chức + Năm: the two choices the overview, oversight and year-end pages start from.

A page loads the organisations and its records in one job: :func:`choose_org` runs on the
worker and picks the organisation to show (the one asked for, else the one shown, else the
top of the tree); :meth:`OrgYearBar.set_organizations` then fills the box without a signal.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from khoi_desktop.domain.models import Organization
from ui.pages.common.org_combo import OrgCombo, tree_order

YEARS_BACK = 15


def choose_org(organizations: Sequence[Organization], *preferred: int | None) -> int | None:
    """The first of ``preferred`` that exists, else the top organisation of the tree."""
    known = {org.id for org in organizations}
    chosen = next((org_id for org_id in preferred if org_id in known), None)
    if chosen is None and organizations:
        chosen = tree_order(organizations)[0][0].id
    return chosen


class OrgYearBar(QWidget):
    """An organisation (the tree) and a year; ``changed`` when the clerk picks another."""

    changed = Signal()

    def __init__(self, this_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wanted: int | None = None  # asked for before the organisations were loaded
        self._shown: list[Organization] | None = None
        self.organization = OrgCombo()
        self.organization.setToolTip("Số liệu gồm tổ chức này và các tổ chức trực thuộc")
        self.organization.setMinimumContentsLength(34)
        self.year = QComboBox()
        for year in range(this_year + 1, this_year - YEARS_BACK, -1):
            self.year.addItem(f"Năm {year}", year)
        self.year.setCurrentIndex(self.year.findData(this_year))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for caption, widget in (("Tổ chức:", self.organization), ("Năm:", self.year)):
            row.addWidget(QLabel(caption))
            row.addWidget(widget)
        row.addStretch(1)
        self.organization.currentIndexChanged.connect(self.changed)
        self.year.currentIndexChanged.connect(self.changed)

    def preferred(self) -> tuple[int | None, int | None]:
        """What :func:`choose_org` should prefer: the one asked for, then the one shown."""
        return self.wanted, self.org_id()

    def set_organizations(self, organizations: Sequence[Organization], chosen: int | None) -> None:
        """Refill the tree and show ``chosen``; no ``changed`` (the page loaded for it already)."""
        with QSignalBlocker(self.organization):  # restores the previous state, whatever it was
            if list(organizations) != self._shown:  # refill only when the tree changed
                self.organization.set_organizations(organizations)
                self._shown = list(organizations)
            if chosen is not None:
                self.organization.select_id(chosen)
        self.wanted = None

    def org_id(self) -> int | None:
        return self.organization.current_id()

    def org_name(self) -> str:
        return self.organization.current_name()

    def year_value(self) -> int:
        return int(self.year.currentData())

    def select(self, org_id: int | None, year: int) -> None:
        """Choose both at once (a list filter) without ``changed``; the caller reloads."""
        for widget in (self.organization, self.year):
            widget.blockSignals(True)
        if org_id is not None and not self.organization.select_id(org_id):
            self.wanted = org_id
        if self.year.findData(year) < 0:
            self.year.addItem(f"Năm {year}", year)
        self.year.setCurrentIndex(self.year.findData(year))
        for widget in (self.organization, self.year):
            widget.blockSignals(False)


def subtree(organizations: Sequence[Organization], root_id: int | None) -> list[Organization]:
    """``root_id`` and every organisation below it, in the order given."""
    children: dict[int | None, list[int]] = {}
    for org in organizations:
        children.setdefault(org.parent_id, []).append(org.id)
    inside, stack = set(), [root_id]
    while stack:
        current = stack.pop()
        if current is not None and current not in inside:
            inside.add(current)
            stack.extend(children.get(current, []))
    return [org for org in organizations if org.id in inside]
