"""The organisation picker: typing filters without diacritics, repeated names show their parent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import Organization
from ui.pages.common.org_combo import DEPTH_ROLE, OrgCombo, org_labels

BLOC = Organization(1, None, "Đảng bộ Khối", OrgKind.BLOC)
BUILDING = Organization(2, 1, "Đảng bộ Sở Xây dựng", OrgKind.BASE_COMMITTEE)
FINANCE = Organization(3, 1, "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE)
BUILDING_OFFICE = Organization(4, 2, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH)
FINANCE_OFFICE = Organization(5, 3, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH)
PLANNING = Organization(6, 2, "Chi bộ Phòng Quy hoạch", OrgKind.SUB_BRANCH)
TREE = [BLOC, BUILDING, FINANCE, BUILDING_OFFICE, FINANCE_OFFICE, PLANNING]


@pytest.fixture
def combo(qtbot) -> OrgCombo:
    box = OrgCombo("Tất cả tổ chức")
    qtbot.addWidget(box)
    box.set_organizations(TREE)
    box.show()
    return box


def test_repeated_names_carry_their_parent() -> None:
    """Only a name that repeats gets " — parent"; a unique one stays as it is."""
    labels = org_labels(TREE)
    assert labels[4] == "Chi bộ Văn phòng Sở — Đảng bộ Sở Xây dựng"
    assert labels[5] == "Chi bộ Văn phòng Sở — Đảng bộ Sở Tài chính"
    assert labels[6] == "Chi bộ Phòng Quy hoạch"


def test_the_box_shows_the_parent_and_keeps_the_tree(combo: OrgCombo) -> None:
    """Choosing the second office shows which one it is; the list is indented as the tree."""
    assert combo.select_id(5)
    assert combo.lineEdit().text() == "Chi bộ Văn phòng Sở — Đảng bộ Sở Tài chính"
    assert combo.current_name() == "Chi bộ Văn phòng Sở"
    depths = [combo.itemData(i, DEPTH_ROLE) for i in range(combo.count())]
    assert depths == [0, 0, 1, 2, 2, 1, 2]


def test_typing_without_diacritics_filters_and_enter_chooses(qtbot, combo: OrgCombo) -> None:
    """"van phong tai" narrows to the Tài chính office; Enter chooses it."""
    changes: list[int] = []
    combo.currentIndexChanged.connect(changes.append)
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "van phong")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert shown == ["Chi bộ Văn phòng Sở — Đảng bộ Sở Xây dựng", "Chi bộ Văn phòng Sở — Đảng bộ Sở Tài chính"]
    qtbot.keyClicks(combo.lineEdit(), " tai")
    assert popup.model().rowCount() == 1
    popup.hide()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert combo.current_id() == 5 and changes


def test_leaving_a_typed_text_that_matches_nothing_restores_the_choice(qtbot, combo: OrgCombo) -> None:
    """Garbage typed and left behind does not change the organisation; the box shows it again."""
    combo.select_id(6)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "xyz")
    combo.completer().popup().hide()
    combo.lineEdit().editingFinished.emit()
    assert combo.current_id() == 6
    assert combo.lineEdit().text() == "Chi bộ Phòng Quy hoạch"
