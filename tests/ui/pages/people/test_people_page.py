"""The people page: loading, search, filters incl. child organisations, keyboard, retire, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QWidget

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import Changes
from khoi_desktop.services.app import Services
from tests.ui.fakes import FakePrompts
from tests.ui.people_support import Seed, _org, _person, seed_people
from ui.pages.common.org_combo import DEPTH_ROLE
from ui.pages.people.people_page import PeoplePage
from ui.pages.people.person_dialog import PersonDialog
from ui.tasks import TaskRunner


@pytest.fixture
def seed(services: Services) -> Seed:
    return seed_people(services)


@pytest.fixture
def page(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, seed: Seed) -> PeoplePage:
    widget = PeoplePage(services, tasks, prompts)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    widget.activateWindow()
    tasks.wait_idle()
    return widget


def shown(page: PeoplePage) -> list[str]:
    return [row.full_name for row in page.shown_rows()]


def settle(page: PeoplePage, tasks: TaskRunner) -> None:
    """Let queued reloads (QTimer) and background jobs finish."""
    for _ in range(3):
        QApplication.processEvents()
        tasks.wait_idle()


def test_page_loads_everyone_followed_and_reports_the_count(page: PeoplePage) -> None:
    """Five people followed (one retired is hidden); the status text is Vietnamese."""
    assert len(shown(page)) == 5
    assert page.status_text() == "Hiển thị 5/5 người"


def test_typing_in_search_filters_and_signals_the_status(qtbot, page: PeoplePage) -> None:
    """'nguyen van' typed key by key leaves the two Nguyễn Văn and updates the status bar text."""
    texts: list[str] = []
    page.status_changed.connect(texts.append)
    qtbot.keyClicks(page.search, "nguyen van")
    assert shown(page) == ["Nguyễn Văn An", "Nguyễn Văn Đức"]
    assert texts[-1] == "Hiển thị 2/5 người"


def test_organisation_filter_includes_child_organisations(page: PeoplePage, tasks: TaskRunner,
                                                          seed: Seed) -> None:
    """Choosing the base committee shows its own people and those of its branch."""
    page.organization.select_id(seed.committee)
    tasks.wait_idle()
    assert sorted(shown(page)) == sorted(["Nguyễn Văn An", "Nguyễn Thị Ánh", "Lê Thị Cúc"])
    page.organization.select_id(None)
    tasks.wait_idle()
    assert len(shown(page)) == 5


def test_organisation_combo_shows_the_tree_indented(page: PeoplePage) -> None:
    """Children are listed under their parent, indented one level deeper."""
    combo = page.organization
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "Tất cả tổ chức"
    committee, office = texts.index("Đảng bộ Sở Tài chính"), texts.index("Chi bộ Văn phòng Sở")
    assert office == committee + 1
    assert combo.itemData(office, DEPTH_ROLE) == combo.itemData(committee, DEPTH_ROLE) + 1


def test_membership_status_and_year_filters(page: PeoplePage, tasks: TaskRunner) -> None:
    """Tư cách and trạng thái filter in memory; a year reloads memberships held that year."""
    page.kind.setCurrentIndex(page.kind.findText("Công chức"))
    assert shown(page) == ["Trần Văn Bình", "Lê Thị Cúc"]
    page.kind.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findText("Miễn sinh hoạt"))
    assert shown(page) == ["Nguyễn Văn Đức"]
    page.status.setCurrentIndex(0)
    page.year.setCurrentIndex(page.year.findText("Năm 2016"))
    tasks.wait_idle()
    assert shown(page) == ["Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Cúc"]


def test_retired_people_appear_only_when_asked(page: PeoplePage) -> None:
    """'Hiện cả người đã thôi theo dõi' brings back the retired person, greyed."""
    assert "Đỗ Văn Dũng" not in shown(page)
    page.show_retired.setChecked(True)
    assert "Đỗ Văn Dũng" in shown(page)
    assert page.status_text() == "Hiển thị 6/6 người"


def test_ctrl_f_focuses_the_search(qtbot, page: PeoplePage) -> None:
    """Ctrl+F from the table puts the cursor in the search box."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus, timeout=30_000)  # focus moves through the event loop


def test_enter_opens_the_selected_person(qtbot, page: PeoplePage, tasks: TaskRunner) -> None:
    """Enter on a row opens the edit dialog filled with that person."""
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    tasks.wait_idle()
    assert isinstance(page.dialog, PersonDialog)
    assert page.dialog.fields["full_name"].text() == "Nguyễn Văn An"
    page.dialog.reject()


def test_ctrl_n_opens_an_empty_dialog(qtbot, page: PeoplePage, seed: Seed) -> None:
    """Ctrl+N opens a new-person dialog with the filtered organisation preselected."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.person_id is None
    assert page.dialog.fields["full_name"].text() == ""
    page.dialog.reject()


def test_delete_retires_after_confirmation(qtbot, page: PeoplePage, tasks: TaskRunner,
                                           prompts: FakePrompts, services: Services) -> None:
    """Delete asks first; 'Hủy' keeps the person, 'Thôi theo dõi' retires (nothing is deleted)."""
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert prompts.asked[-1][0] == "confirm" and "Nguyễn Văn An" in prompts.asked[-1][1]
    settle(page, tasks)
    assert "Nguyễn Văn An" in shown(page)
    prompts.confirm_answers.append(True)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.changed, timeout=30_000):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
        tasks.wait_idle()
    settle(page, tasks)
    assert "Nguyễn Văn An" not in shown(page)
    person_id = services.people.list()[0].id
    assert services.people.get(person_id) is not None
    assert services.people.count() == 4


def test_restore_brings_a_retired_person_back(page: PeoplePage, tasks: TaskRunner) -> None:
    """'Theo dõi lại' on a greyed row puts the person back on the list."""
    page.show_retired.setChecked(True)
    page.select_person(next(r.id for r in page.shown_rows() if r.full_name == "Đỗ Văn Dũng"))
    page.restore_button.click()
    settle(page, tasks)
    page.show_retired.setChecked(False)
    assert "Đỗ Văn Dũng" in shown(page)


def test_on_changed_reloads_once(page: PeoplePage, tasks: TaskRunner, services: Services, seed: Seed) -> None:
    """Another page's change (people) reloads the list."""
    services.people.retire(seed.people["Trần Văn Bình"])
    page.on_changed(Changes(people=True))
    page.on_changed(Changes(people=True))
    settle(page, tasks)
    assert "Trần Văn Bình" not in shown(page)


def test_export_writes_the_filtered_list(qtbot, page: PeoplePage, tasks: TaskRunner, prompts: FakePrompts,
                                         tmp_path: Path, seed: Seed) -> None:
    """'Xuất Excel…' writes exactly the rows on screen, card numbers as text, dates as dates."""
    page.organization.select_id(seed.office)
    tasks.wait_idle()
    target = tmp_path / "ds.xlsx"
    prompts.save_paths.append(target)
    page.export_button.click()
    tasks.wait_idle()
    assert prompts.asked[-1][0] == "inform" and "Đã xuất 2 người" in prompts.asked[-1][1]
    sheet = openpyxl.load_workbook(target).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert "Chi bộ Văn phòng Sở" in cells
    assert "Nguyễn Văn An" in cells and "Nguyễn Thị Ánh" in cells and "Trần Văn Bình" not in cells
    assert cells["000123"].data_type == "s"
    birth = next(cell for cell in cells.values() if getattr(cell.value, "year", None) == 1980)
    assert birth.value.date() == date(1980, 5, 12) and birth.number_format == "dd/mm/yyyy"


def test_export_with_no_path_does_nothing(page: PeoplePage, prompts: FakePrompts, tmp_path: Path) -> None:
    """Closing the save dialog writes no file."""
    page.export_button.click()
    assert prompts.asked[-1] == ("save", "Danh_sach_can_bo_dang_vien.xlsx")
    assert not list(tmp_path.glob("*.xlsx"))


def test_ctrl_f_and_ctrl_n_work_with_the_focus_in_the_navigation(qtbot, services: Services, tasks: TaskRunner,
                                                                 prompts: FakePrompts, seed: Seed) -> None:
    """Right after choosing the page in the navigation list (which keeps the focus) both shortcuts work."""
    window = QWidget()
    navigation = QListWidget()
    navigation.addItem("Cán bộ, đảng viên")
    page = PeoplePage(services, tasks, prompts)
    layout = QHBoxLayout(window)
    layout.addWidget(navigation)
    layout.addWidget(page)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window, timeout=30_000)
    tasks.wait_idle()
    navigation.setFocus()
    qtbot.keyClick(navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.search.hasFocus, timeout=30_000)  # focus moves through the event loop
    navigation.setFocus()
    qtbot.keyClick(navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None and page.dialog.person_id is None
    page.dialog.reject()


def test_typing_after_ctrl_n_fills_in_the_name(qtbot, page: PeoplePage) -> None:
    """The new-person dialog starts in 'Họ và tên', not on its tab bar where typing does nothing."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.dialog is not None
    dialog = page.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog, timeout=30_000)
    qtbot.keyClicks(QApplication.focusWidget(), "Tran Van Moi")  # QTest types ASCII only
    assert dialog.fields["full_name"].text() == "Tran Van Moi"
    dialog.reject()


def test_the_page_shows_it_is_loading_and_keeps_its_buttons_off(qtbot, services: Services, tasks: TaskRunner,
                                                                 prompts: FakePrompts, seed: Seed) -> None:
    """Until the list is in, "Đang tải dữ liệu…" is on show and Thêm mới / Nhập / Xuất cannot be pressed."""
    page = PeoplePage(services, tasks, prompts)
    qtbot.addWidget(page)
    page.show()
    cover = page._reloads.cover
    assert cover is not None and cover.is_loading() and cover.notice.isVisible()
    assert not page.new_button.isEnabled() and not page.export_button.isEnabled()
    assert page.status_text() == "Đang tải danh sách cán bộ, đảng viên…"
    tasks.wait_idle()
    assert not cover.is_loading()
    assert page.new_button.isEnabled() and page.export_button.isEnabled()


def test_a_search_with_no_match_says_so(page: PeoplePage, tasks: TaskRunner) -> None:
    """Nobody matching the typed name: the page says so in words instead of an empty table alone."""
    page.search.setText("khong co ai ten nay")
    assert page.empty_hint.isVisible()
    assert page.empty_hint.text().startswith("Không tìm thấy ai khớp với “khong co ai ten nay”")
    page.search.clear()
    assert not page.empty_hint.isVisible()


def test_repeated_organisation_names_show_their_parent(page: PeoplePage, services: Services, tasks: TaskRunner,
                                                        seed: Seed) -> None:
    """Two "Chi bộ Văn phòng Sở": the Tổ chức column and the picker tell them apart by the parent."""
    other = _org(services, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH, seed.treasury)
    _person(services, "Phạm Văn Dũng", other)
    page.request_reload()
    settle(page, tasks)
    names = {row.full_name: row.organization_name for row in page.shown_rows()}
    assert names["Phạm Văn Dũng"] == "Chi bộ Văn phòng Sở — Chi bộ Kho bạc Nhà nước tỉnh"
    assert names["Nguyễn Văn An"] == "Chi bộ Văn phòng Sở — Đảng bộ Sở Tài chính"
    page.organization.select_id(other)
    assert page.organization.lineEdit().text() == "Chi bộ Văn phòng Sở — Chi bộ Kho bạc Nhà nước tỉnh"
