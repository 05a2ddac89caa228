"""The person dialog: errors beside fields, amber warnings, card zeros, memberships, status, history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.services.app import Services
from tests.ui.fakes import FakePrompts
from tests.ui.people_support import Seed, seed_people
from ui.pages.people.person_dialog import HISTORY, MEMBERSHIPS, PersonDialog
from ui.tasks import TaskRunner


@pytest.fixture
def seed(services: Services) -> Seed:
    return seed_people(services)


def open_dialog(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, seed: Seed,
                person_id: int | None = None) -> PersonDialog:
    dialog = PersonDialog(services, tasks, prompts, services.organizations.all(), person_id, seed.office)
    qtbot.addWidget(dialog)
    dialog.show()
    tasks.wait_idle()
    return dialog


@pytest.fixture
def new_dialog(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, seed: Seed) -> PersonDialog:
    return open_dialog(qtbot, services, tasks, prompts, seed)


def type_into(dialog: PersonDialog, tasks: TaskRunner, **values: str) -> None:
    """Type each value and leave the field, as a user tabbing through the form."""
    for name, text in values.items():
        field = dialog.fields[name]
        field.setText(text)  # type: ignore[attr-defined]
        field.textEdited.emit(text)  # type: ignore[attr-defined]
        field.editingFinished.emit()  # type: ignore[attr-defined]
    tasks.wait_idle()


def test_impossible_date_is_shown_beside_the_field(new_dialog: PersonDialog, tasks: TaskRunner) -> None:
    """31/02/2026 in 'Ngày sinh' shows the parser's Vietnamese message under that field."""
    type_into(new_dialog, tasks, full_name="Lê Văn Ba", birth_date="31/02/2026")
    assert new_dialog.field_error("birth_date") == "“31/02/2026”: tháng 2/2026 không có ngày 31."
    assert new_dialog.field_error("full_name") == ""


def test_dates_are_tidied_when_the_field_is_left(new_dialog: PersonDialog, tasks: TaskRunner) -> None:
    """'5/2/80' becomes '05/02/1980'; a bare year stays a year."""
    type_into(new_dialog, tasks, admission_date="5/2/80", birth_date="1975")
    assert new_dialog.fields["admission_date"].text() == "05/02/1980"
    assert new_dialog.fields["birth_date"].text() == "1975"


def test_admission_after_official_is_refused(new_dialog: PersonDialog, tasks: TaskRunner,
                                             services: Services) -> None:
    """Official date before admission: the error sits beside 'Ngày chính thức' and nothing is saved."""
    before = services.people.count()
    type_into(new_dialog, tasks, full_name="Lê Văn Ba", admission_date="01/06/2026", official_date="01/01/2026")
    assert "phải sau ngày vào Đảng" in new_dialog.field_error("official_date")
    new_dialog.save()
    tasks.wait_idle()
    assert "phải sau ngày vào Đảng" in new_dialog.field_error("official_date")
    assert new_dialog.isVisible()
    assert services.people.count() == before


def test_short_probation_warns_in_amber_but_saves(new_dialog: PersonDialog, tasks: TaskRunner,
                                                  services: Services) -> None:
    """Less than 12 months of probation is a warning; 'Lưu' still stores the person."""
    type_into(new_dialog, tasks, full_name="Lê Văn Ba", admission_date="01/01/2025", official_date="01/06/2025")
    assert any("chưa đủ 12 tháng" in line for line in new_dialog.warnings())
    assert new_dialog.notice.isVisible()
    with_saved = []
    new_dialog.saved.connect(with_saved.append)
    new_dialog.save()
    tasks.wait_idle()
    assert with_saved and not new_dialog.isVisible()
    assert services.people.get(with_saved[0].person_id).official_date == date(2025, 6, 1)


def test_card_number_keeps_its_leading_zeros(new_dialog: PersonDialog, tasks: TaskRunner,
                                             services: Services, seed: Seed) -> None:
    """'000123' is stored as text, exactly, in the chosen organisation."""
    new_dialog.memberships.add_row()
    type_into(new_dialog, tasks, full_name="Hà Văn Cẩn", party_card_number="000777")
    saved = []
    new_dialog.saved.connect(saved.append)
    new_dialog.save()
    tasks.wait_idle()
    person = services.people.get(saved[0].person_id)
    assert person.party_card_number == "000777"
    assert person.organization_id == seed.office
    assert [m.kind for m in person.memberships] == [MembershipKind.PARTY_OFFICIAL]


def test_possible_duplicate_is_a_warning(new_dialog: PersonDialog, tasks: TaskRunner) -> None:
    """The same card number as someone already stored is pointed out before saving."""
    type_into(new_dialog, tasks, full_name="Nguyễn Văn Ân", party_card_number="000123")
    assert any("Có thể trùng với người đã có: Nguyễn Văn An" in line for line in new_dialog.warnings())


def test_editing_fills_every_field_and_updates(qtbot, services: Services, tasks: TaskRunner,
                                               prompts: FakePrompts, seed: Seed) -> None:
    """An existing person opens filled in; a change is saved and written to the history tab."""
    person_id = seed.people["Nguyễn Văn An"]
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, person_id)
    assert dialog.fields["birth_date"].text() == "12/05/1980"
    assert dialog.fields["party_card_number"].text() == "000123"
    assert dialog.gender.currentText() == "Nam"
    assert dialog.history.rowCount() == 1 and dialog.tabs.isTabEnabled(HISTORY)
    type_into(dialog, tasks, job_title="Phó Bí thư chi bộ")
    dialog.save()
    tasks.wait_idle()
    assert services.people.get(person_id).job_title == "Phó Bí thư chi bộ"
    history = services.people.history(person_id)
    assert history[0].details["job_title"] == {"before": "Bí thư chi bộ", "after": "Phó Bí thư chi bộ"}


def test_history_shows_each_changed_field_in_the_view(qtbot, services: Services, tasks: TaskRunner,
                                                       prompts: FakePrompts, seed: Seed) -> None:
    """The detail column lists "Trường: cũ → mới" with the form's labels and organisation names."""
    person_id = seed.people["Nguyễn Văn An"]
    person = services.people.get(person_id)
    services.people.update(person_id, replace(person.to_input(), job_title="Phó Bí thư chi bộ",
                                              organization_id=seed.treasury))
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, person_id)
    detail = dialog.history.detail_at(0)
    assert "Chức vụ: Bí thư chi bộ → Phó Bí thư chi bộ" in detail.splitlines()
    assert "Tổ chức: Chi bộ Văn phòng Sở → Chi bộ Kho bạc Nhà nước tỉnh" in detail.splitlines()
    assert dialog.history.horizontalHeaderItem(3).text() == "Chi tiết (trường: cũ → mới)"


def test_membership_rows_are_edited_and_checked(qtbot, services: Services, tasks: TaskRunner,
                                                prompts: FakePrompts, seed: Seed) -> None:
    """A bad date in a membership row is shown under the table; a good one is saved."""
    person_id = seed.people["Lê Thị Cúc"]
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, person_id)
    row = dialog.memberships.add_row()
    dialog.memberships.kind_combo(row).setCurrentIndex(
        dialog.memberships.kind_combo(row).findData(MembershipKind.YOUTH_UNION.value))
    end = dialog.memberships.date_field(row, 2)
    end.setText("40/1/2020")
    end.editingFinished.emit()
    dialog.save()
    tasks.wait_idle()
    assert "không có ngày 40" in dialog.field_error("memberships")
    assert dialog.tabs.currentIndex() == MEMBERSHIPS
    end.setText("01/01/2020")
    dialog.save()
    tasks.wait_idle()
    kinds = [m.kind for m in services.people.get(person_id).memberships]
    assert sorted(kinds) == [MembershipKind.CIVIL_SERVANT, MembershipKind.YOUTH_UNION]


def test_status_change_is_recorded_with_its_date(qtbot, services: Services, tasks: TaskRunner,
                                                 prompts: FakePrompts, seed: Seed) -> None:
    """'Chuyển đi' with date, other party and decision is stored at once and listed."""
    person_id = seed.people["Trần Văn Bình"]
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, person_id)
    changed = []
    dialog.changed.connect(changed.append)
    panel = dialog.statuses
    panel.status.setCurrentIndex(panel.status.findData(PersonStatus.TRANSFERRED_OUT.value))
    panel.start.setText("15/10/2026")
    panel.other_party.setText("Đảng bộ Sở Xây dựng")
    panel.decision.setText("Quyết định số 12-QĐ/ĐU")
    panel.record()
    tasks.wait_idle()
    person = services.people.get(person_id)
    assert person.status is PersonStatus.TRANSFERRED_OUT
    assert person.statuses[-1].other_party == "Đảng bộ Sở Xây dựng"
    assert panel.table.item(panel.table.rowCount() - 1, 0).text() == "Chuyển đi"
    assert changed and changed[0].people


def test_move_to_another_branch_is_dated_and_shown(qtbot, services: Services, tasks: TaskRunner,
                                                   prompts: FakePrompts, seed: Seed) -> None:
    """"Chuyển sinh hoạt sang chi bộ khác…": tree chooser, date, decision; stored, listed, Tổ chức follows."""
    person_id = seed.people["Nguyễn Văn An"]
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, person_id)
    panel = dialog.statuses
    assert panel.move_button.text() == "Chuyển sinh hoạt sang chi bộ khác…" and panel.move_button.isEnabled()
    panel.move_button.click()
    move = panel.move_dialog
    assert move is not None and move.isVisible()
    move.save()
    tasks.wait_idle()
    assert move.form.error_text("organization_id") == "Hãy chọn chi bộ chuyển đến."
    move.organization.select_id(seed.treasury)
    move.start.setText("15/06/2026")
    move.decision.setText("Quyết định số 15-QĐ/ĐU")
    move.save()
    tasks.wait_idle()
    person = services.people.get(person_id)
    assert person.organization_id == seed.treasury and person.statuses[-1].start_date == date(2026, 6, 15)
    last = panel.table.rowCount() - 1
    assert [panel.table.item(last, c).text() for c in (1, 3, 4, 5)] == [
        "15/06/2026", "Chi bộ Kho bạc Nhà nước tỉnh", "Chi bộ Văn phòng Sở", "Quyết định số 15-QĐ/ĐU"]
    assert dialog.organization.current_id() == seed.treasury and not dialog._dirty
    assert "Tổ chức: Chi bộ Văn phòng Sở → Chi bộ Kho bạc Nhà nước tỉnh" in dialog.history.detail_at(0)


def test_move_refusals_appear_beside_the_field(qtbot, services: Services, tasks: TaskRunner,
                                               prompts: FakePrompts, seed: Seed) -> None:
    """The same chi bộ or a date before the last status change: the service's words under the field."""
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, seed.people["Nguyễn Văn An"])
    dialog.statuses.open_move()
    move = dialog.statuses.move_dialog
    assert move is not None
    move.organization.select_id(seed.office)
    move.start.setText("15/06/2026")
    move.save()
    tasks.wait_idle()
    assert "đang sinh hoạt ở Chi bộ Văn phòng Sở" in move.form.error_text("organization_id")
    move.organization.select_id(seed.treasury)
    move.start.setText("01/01/2010")
    move.save()
    tasks.wait_idle()
    assert "trước lần thay đổi trạng thái gần nhất" in move.form.error_text("on") and move.isVisible()


def test_status_change_in_the_future_is_refused_beside_the_date(qtbot, services: Services, tasks: TaskRunner,
                                                                prompts: FakePrompts, seed: Seed) -> None:
    """A start date after today shows the service's message under 'Từ ngày'."""
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, seed.people["Trần Văn Bình"])
    dialog.statuses.start.setText("01/01/2030")
    dialog.statuses.record()
    tasks.wait_idle()
    assert "ở tương lai" in dialog.statuses.start_box.error.text()


def test_status_panel_waits_for_a_new_person_to_be_saved(new_dialog: PersonDialog) -> None:
    """A person not yet saved cannot get a status change; the panel says why."""
    assert not new_dialog.statuses.record_button.isEnabled()
    assert "lưu thông tin người này trước" in new_dialog.statuses.hint.text()


def test_cancel_asks_before_dropping_typed_changes(new_dialog: PersonDialog, tasks: TaskRunner,
                                                   prompts: FakePrompts) -> None:
    """'Hủy' after typing asks; 'Quay lại' keeps the dialog open."""
    type_into(new_dialog, tasks, full_name="Lê Văn Ba")
    new_dialog.cancel_button.click()
    assert prompts.asked[-1][0] == "confirm" and new_dialog.isVisible()
    prompts.confirm_answers.append(True)
    new_dialog.cancel_button.click()
    assert not new_dialog.isVisible()


def test_a_new_person_belongs_from_the_date_in_the_dialog(new_dialog: PersonDialog, tasks: TaskRunner,
                                                          services: Services) -> None:
    """'Sinh hoạt tại tổ chức từ ngày' starts at today; the date typed is the stored from-date."""
    assert new_dialog.fields["org_since"].text() == "26/11/2026"
    new_dialog.memberships.add_row()
    type_into(new_dialog, tasks, full_name="Hà Văn Cẩn", org_since="15/03/2021")
    saved = []
    new_dialog.saved.connect(saved.append)
    new_dialog.save()
    tasks.wait_idle()
    assert services.people.get(saved[0].person_id).org_since == date(2021, 3, 15)


def test_editing_shows_and_moves_the_from_date(qtbot, services: Services, tasks: TaskRunner,
                                               prompts: FakePrompts, seed: Seed) -> None:
    """An existing person's from-date is shown; a future one is refused beside the field."""
    person_id = seed.people["Nguyễn Văn An"]
    dialog = open_dialog(qtbot, services, tasks, prompts, seed, person_id)
    before = services.people.get(person_id).org_since
    assert before is not None and dialog.fields["org_since"].text() == before.strftime("%d/%m/%Y")
    type_into(dialog, tasks, org_since="01/01/2030")
    dialog.save()
    tasks.wait_idle()
    assert "ở tương lai" in dialog.field_error("org_since")
    assert services.people.get(person_id).org_since == before
