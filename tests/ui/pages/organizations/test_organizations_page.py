"""The organisation tree: add, edit, move (and the refused cycle), retire, restore, keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.services.app import Services
from tests.conftest import add_branch_with_people
from tests.ui.fakes import FakePrompts
from ui.pages.organizations.organization_dialogs import MoveDialog, OrganizationDialog
from ui.pages.organizations.organizations_page import RETIRED_COLOR, OrganizationsPage
from ui.pages.organizations.term_dialog import TermDialog
from ui.tasks import TaskRunner


@pytest.fixture
def tree(services: Services) -> tuple[int, int]:
    """A bloc with one branch under it: (bloc id, branch id)."""
    branch, _ = add_branch_with_people(services, [])
    return services.organizations.get(branch).parent_id, branch


@pytest.fixture
def page(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, tree) -> OrganizationsPage:
    widget = OrganizationsPage(services, tasks, prompts)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    tasks.wait_idle()
    return widget


def item_names(page: OrganizationsPage) -> list[tuple[int, str]]:
    """(depth, name) of every row of the tree, top to bottom."""
    rows: list[tuple[int, str]] = []

    def walk(item, depth: int) -> None:
        rows.append((depth, item.text(0)))
        for index in range(item.childCount()):
            walk(item.child(index), depth + 1)

    for index in range(page.tree.topLevelItemCount()):
        walk(page.tree.topLevelItem(index), 0)
    return rows


def test_tree_shows_bloc_above_branch(page: OrganizationsPage) -> None:
    """The bloc is a top-level row and its branch is nested under it."""
    assert item_names(page) == [(0, "Đảng bộ Khối các cơ quan tỉnh"), (1, "Chi bộ Kho bạc Nhà nước tỉnh")]
    assert page.status_text() == "2 tổ chức đang theo dõi"


def test_add_child_of_selected(qtbot, page: OrganizationsPage, services: Services, tasks: TaskRunner,
                               tree) -> None:
    """Adding under the selected branch pre-fills kind, superior and place, and saves it there."""
    _bloc, branch = tree
    page.select(branch)
    with qtbot.waitSignal(page.changed, timeout=30_000):
        page.add_child()
        dialog = page.active_dialog
        assert isinstance(dialog, OrganizationDialog)
        assert dialog.fields.current_kind() is OrgKind.SUB_BRANCH
        assert dialog.fields.superior_name.text() == "Chi bộ Kho bạc Nhà nước tỉnh"
        assert dialog.fields.place_name.text() == "Ninh Bình"
        dialog.fields.name.setText("Chi bộ Phòng Kế toán")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        tasks.wait_idle()
    tasks.wait_idle()
    child = [o for o in services.organizations.children(branch)]
    assert [o.name for o in child] == ["Chi bộ Phòng Kế toán"]
    assert (2, "Chi bộ Phòng Kế toán") in item_names(page)
    assert page.selected_id() == child[0].id


def test_invalid_doc_code_shown_beside_field(qtbot, page: OrganizationsPage, services: Services,
                                             tasks: TaskRunner) -> None:
    """The service's ValidationError appears under the doc_code field and nothing is saved."""
    page.add_child()
    dialog = page.active_dialog
    dialog.fields.name.setText("Chi bộ Thử")
    dialog.fields.doc_code.setText("cb 1")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert dialog.isVisible()
    assert "Ký hiệu" in dialog.form.error_text("doc_code")
    assert dialog.form.error_text("name") == ""
    assert all(o.name != "Chi bộ Thử" for o in services.organizations.all())


def test_empty_name_shown_beside_field(qtbot, page: OrganizationsPage, tasks: TaskRunner) -> None:
    """An empty name is refused with the message beside the name field."""
    page.add_child()
    dialog = page.active_dialog
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert dialog.form.error_text("name") == "Tên tổ chức không được để trống."


def test_enter_edits_selected(qtbot, page: OrganizationsPage, services: Services, tasks: TaskRunner,
                              tree) -> None:
    """Enter on a row opens its edit dialog; saving renames it in the database and the tree."""
    _bloc, branch = tree
    page.select(branch)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    dialog = page.active_dialog
    assert isinstance(dialog, OrganizationDialog)
    assert dialog.fields.name.text() == "Chi bộ Kho bạc Nhà nước tỉnh"
    assert dialog.fields.doc_code.text() == "CB"
    dialog.fields.name.setText("  Chi bộ Kho bạc Nhà nước  ")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert services.organizations.get(branch).name == "Chi bộ Kho bạc Nhà nước"
    assert (1, "Chi bộ Kho bạc Nhà nước") in item_names(page)


def test_ctrl_n_opens_add_dialog(qtbot, page: OrganizationsPage) -> None:
    """Ctrl+N inside the page opens the dialog for a new organisation."""
    page.activateWindow()
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(page.active_dialog, OrganizationDialog)
    assert page.active_dialog.windowTitle() == "Thêm tổ chức"


def test_move_into_own_branch_is_refused(qtbot, page: OrganizationsPage, services: Services,
                                         tasks: TaskRunner, tree) -> None:
    """Moving the bloc under its own branch shows the service's Vietnamese refusal in the dialog."""
    bloc, branch = tree
    page.select(bloc)
    page.move_selected()
    dialog = page.active_dialog
    assert isinstance(dialog, MoveDialog)
    dialog.choose(branch)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert "Không thể chuyển" in dialog.form.error_text("parent_id")
    assert dialog.isVisible()
    assert services.organizations.get(bloc).parent_id is None


def test_move_to_another_parent(qtbot, page: OrganizationsPage, services: Services, tasks: TaskRunner,
                                tree) -> None:
    """Moving the branch under another base organisation re-parents it in the database and the tree."""
    _bloc, branch = tree
    other = services.organizations.create(OrganizationInput(name="Đảng bộ Sở Tài chính",
                                                            kind=OrgKind.BASE_COMMITTEE)).ids[0]
    page.reload()
    tasks.wait_idle()
    page.select(branch)
    page.move_selected()
    dialog = page.active_dialog
    dialog.choose(other)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert services.organizations.get(branch).parent_id == other
    assert item_names(page) == [(0, "Đảng bộ Khối các cơ quan tỉnh"), (0, "Đảng bộ Sở Tài chính"),
                                (1, "Chi bộ Kho bạc Nhà nước tỉnh")]


def test_delete_retires_after_confirmation(qtbot, page: OrganizationsPage, services: Services,
                                           prompts: FakePrompts, tasks: TaskRunner, tree) -> None:
    """Delete asks first; once confirmed the branch is retired, hidden, then shown greyed on request."""
    _bloc, branch = tree
    prompts.confirm_answers = [True]
    page.select(branch)
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    tasks.wait_idle()
    assert prompts.asked[0][0] == "confirm" and "26/11/2026" in prompts.asked[0][1]
    assert services.organizations.get(branch).retired_on is not None
    assert item_names(page) == [(0, "Đảng bộ Khối các cơ quan tỉnh")]
    assert page.status_text() == "1 tổ chức đang theo dõi, 1 đã thôi theo dõi"
    page.show_retired.setChecked(True)
    page.select(branch)
    item = page.tree.currentItem()
    assert item.foreground(0).color() == RETIRED_COLOR
    assert item.text(4) == "Thôi theo dõi từ 26/11/2026"
    assert page.restore_button.isEnabled() and not page.retire_button.isEnabled()
    page.restore_selected()
    tasks.wait_idle()
    assert services.organizations.get(branch).retired_on is None


def _retire(page: OrganizationsPage, prompts: FakePrompts, tasks: TaskRunner, org_id: int, *, answer: bool) -> None:
    """Select ``org_id``, ask to stop following it, answer the question with ``answer``."""
    prompts.confirm_answers = [answer]
    page.select(org_id)
    page.retire_selected()
    tasks.wait_idle()


def test_declined_retire_changes_nothing(qtbot, page: OrganizationsPage, services: Services,
                                         prompts: FakePrompts, tasks: TaskRunner, tree) -> None:
    """Answering Hủy to the question leaves the organisation followed."""
    _bloc, branch = tree
    _retire(page, prompts, tasks, branch, answer=False)
    assert services.organizations.get(branch).retired_on is None


def test_retire_with_active_children_shows_error(page: OrganizationsPage, services: Services,
                                                 prompts: FakePrompts, tasks: TaskRunner, tree) -> None:
    """Retiring the bloc while its branch is active is refused with the service's message."""
    bloc, _branch = tree
    _retire(page, prompts, tasks, bloc, answer=True)
    assert isinstance(prompts.errors[0], ValidationError)
    assert services.organizations.get(bloc).retired_on is None


def test_terms_are_listed_and_added(qtbot, page: OrganizationsPage, services: Services, tasks: TaskRunner,
                                    tree) -> None:
    """Nhiệm kỳ… lists the terms and adds one; a missing start date is shown beside its field."""
    _bloc, branch = tree
    page.select(branch)
    page.edit_terms()
    tasks.wait_idle()
    dialog = page.active_dialog
    assert isinstance(dialog, TermDialog)
    assert "Chưa ghi nhiệm kỳ nào" in dialog.existing.text()
    dialog.name.setText("Nhiệm kỳ 2025–2030")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert dialog.form.error_text("term_start") == "Hãy ghi ngày bắt đầu nhiệm kỳ."
    dialog.start.setText("01/08/2025")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert [t["name"] for t in services.organizations.terms(branch)] == ["Nhiệm kỳ 2025–2030"]
    page.edit_terms()
    tasks.wait_idle()
    assert "Nhiệm kỳ 2025–2030: 01/08/2025 – nay" in page.active_dialog.existing.text()


def test_a_term_is_closed_from_the_dialog(qtbot, page: OrganizationsPage, services: Services, tasks: TaskRunner,
                                          tree) -> None:
    """Choosing the running term fills the form; an end date typed and saved closes it."""
    _bloc, branch = tree
    services.organizations.add_term(branch, "Nhiệm kỳ 2020–2025", date(2020, 8, 1))
    page.select(branch)
    page.edit_terms()
    tasks.wait_idle()
    dialog = page.active_dialog
    dialog.choice.setCurrentIndex(1)
    assert (dialog.name.text(), dialog.start.text(), dialog.end.text()) == ("Nhiệm kỳ 2020–2025", "01/08/2020", "")
    dialog.end.setText("31/07/2025")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    terms = services.organizations.terms(branch)
    assert [(t["name"], t["end_date"]) for t in terms] == [("Nhiệm kỳ 2020–2025", "2025-07-31")]


def test_the_founding_date_is_typed_shown_and_saved(qtbot, page: OrganizationsPage, services: Services,
                                                    tasks: TaskRunner, tree) -> None:
    """'5/3/98' becomes 05/03/1998 when the field is left, is saved, and the edit dialog shows it again."""
    _bloc, branch = tree
    page.select(branch)
    page.edit_selected()
    dialog = page.active_dialog
    assert dialog.fields.founded_on.text() == ""
    dialog.fields.founded_on.setText("5/3/98")
    dialog.fields.founded_on.editingFinished.emit()
    assert dialog.fields.founded_on.text() == "05/03/1998"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert services.organizations.get(branch).founded_on == date(1998, 3, 5)
    page.edit_selected()
    assert page.active_dialog.fields.founded_on.text() == "05/03/1998"


@pytest.mark.parametrize(("typed", "words"), [
    ("31/02/2000", "Ngày thành lập không hợp lệ — “31/02/2000”: tháng 2/2000 không có ngày 31."),
    ("27/11/2026", "Ngày thành lập 27/11/2026 ở tương lai"),
    ("01/01/1930", "Ngày thành lập 01/01/1930 trước ngày thành lập Đảng (03/02/1930)."),
])
def test_a_wrong_founding_date_is_shown_beside_the_field(qtbot, page: OrganizationsPage, services: Services,
                                                         tasks: TaskRunner, tree, typed: str, words: str) -> None:
    """A malformed, future or pre-1930 date keeps the dialog open with the message under the field; nothing saved."""
    _bloc, branch = tree
    page.select(branch)
    page.edit_selected()
    dialog = page.active_dialog
    dialog.fields.founded_on.setText(typed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert dialog.isVisible()
    assert words in dialog.form.error_text("founded_on")
    assert services.organizations.get(branch).founded_on is None
