"""The import wizard with real spreadsheet files, through to the database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from khoi_desktop.domain.models import PersonInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.people_import import RowChoice
from tests.conftest import add_branch_with_people
from tests.ui.fakes import FakePrompts
from ui.models.import_preview import BLOCKED_TEXT, CHOICE
from ui.pages.people.import_wizard import FILE, MAPPING, PREVIEW, RESULT, ImportWizard
from ui.tasks import TaskRunner

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture
def branch(services: Services) -> int:
    return add_branch_with_people(services, ["Nguyễn Văn An"])[0]


@pytest.fixture
def wizard(qtbot, services: Services, tasks: TaskRunner, prompts: FakePrompts, branch: int) -> ImportWizard:
    dialog = ImportWizard(services, tasks, prompts, services.organizations.all(), branch)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def go_to_preview(wizard: ImportWizard, tasks: TaskRunner, prompts: FakePrompts, name: str) -> None:
    prompts.open_paths.append(DATA / name)
    wizard.file_step.browse_button.click()
    wizard.next_button.click()
    tasks.wait_idle()
    assert wizard.current_step() == MAPPING, wizard.file_step.error.text()
    wizard.next_button.click()
    tasks.wait_idle()
    assert wizard.current_step() == PREVIEW, wizard.mapping_step.error.text()


def names(services: Services) -> set[str]:
    return {row.full_name for row in services.people.list()}


def digest(services: Services) -> str:
    return hashlib.sha256(repr(services.db.execute("SELECT * FROM people").fetchall()).encode()).hexdigest()


def test_clean_file_goes_all_the_way_to_the_database(wizard: ImportWizard, tasks: TaskRunner,
                                                     prompts: FakePrompts, services: Services) -> None:
    """Choose file → columns guessed → preview → Nhập → summary, people stored, signal sent."""
    go_to_preview(wizard, tasks, prompts, "people_clean.xlsx")
    assert "dòng tiêu đề là dòng 5" in wizard.mapping_step.found.text()
    assert wizard.preview_step.rows_model.rowCount() == 5
    imported = []
    wizard.imported.connect(imported.append)
    wizard.import_button.click()
    tasks.wait_idle()
    assert wizard.current_step() == RESULT
    assert "Đã nhập 5 người mới" in wizard.result_text()
    assert imported and imported[0].people
    assert "Trần Thị Hương" in names(services)
    assert wizard.close_button.isVisible() and not wizard.cancel_button.isVisible()


def test_mapping_step_shows_and_corrects_the_columns(wizard: ImportWizard, tasks: TaskRunner,
                                                     prompts: FakePrompts, services: Services) -> None:
    """Each field's combo shows the detected column; the user can drop one ('Ghi chú')."""
    prompts.open_paths.append(DATA / "people_unaccented.xlsx")
    wizard.browse()
    wizard.next()
    tasks.wait_idle()
    combo = wizard.mapping_step.combos["full_name"]
    assert combo.currentText() == "Cột B: Ho ten"
    wizard.mapping_step.choose("phone", None)
    assert wizard.mapping_step.mapping().column_of("phone") is None
    wizard.mapping_step.choose("full_name", None)
    assert "Họ và tên" in wizard.mapping_step.error.text()
    wizard.next()
    assert wizard.current_step() == MAPPING
    wizard.mapping_step.choose("full_name", 1)
    wizard.next()
    tasks.wait_idle()
    wizard.start_import()
    tasks.wait_idle()
    services_people = {p.full_name: services.people.get(p.id) for p in services.people.list()}
    assert services_people["Nguyen Van Binh"].phone == ""
    assert services_people["Nguyen Van Binh"].party_card_number == "12345"


def test_preview_lists_each_rows_problems(qtmodeltester, wizard: ImportWizard, tasks: TaskRunner,
                                          prompts: FakePrompts) -> None:
    """Dòng, Cột, Lỗi in Vietnamese for the bad file; both preview models pass the model tester."""
    go_to_preview(wizard, tasks, prompts, "people_bad_values.xlsx")
    qtmodeltester.check(wizard.preview_step.rows_model)
    qtmodeltester.check(wizard.preview_step.problems_model)
    problems = wizard.preview_step.problems_model
    lines = [tuple(problems.index(r, c).data() for c in range(4)) for r in range(problems.rowCount())]
    assert ("2", "Ngày sinh", "Lỗi", "“31/02/1980” — tháng 2/1980 không có ngày 31.") in lines
    assert any(line[0] == "3" and "thiếu họ và tên" in line[3] for line in lines)
    assert "dòng lỗi" in wizard.preview_step.summary.text()


def test_all_or_nothing_refuses_and_changes_nothing(wizard: ImportWizard, tasks: TaskRunner,
                                                    prompts: FakePrompts, services: Services) -> None:
    """By default a file with errors is not imported at all; the reason is shown on the step."""
    before = digest(services)
    go_to_preview(wizard, tasks, prompts, "people_bad_values.xlsx")
    wizard.start_import()
    tasks.wait_idle()
    assert wizard.current_step() == PREVIEW
    assert "chưa nhập dòng nào" in wizard.preview_step.error.text()
    assert digest(services) == before


def test_valid_rows_only_saves_the_report_where_the_user_says(wizard: ImportWizard, tasks: TaskRunner,
                                                              prompts: FakePrompts, services: Services,
                                                              tmp_path: Path) -> None:
    """'Chỉ nhập các dòng hợp lệ' asks where to save the error report and reads back correctly."""
    go_to_preview(wizard, tasks, prompts, "people_bad_values.xlsx")
    report = tmp_path / "bao_cao"
    prompts.save_paths.append(report)
    wizard.preview_step.valid_only.setChecked(True)
    wizard.start_import()
    tasks.wait_idle()
    assert prompts.asked[-1] == ("save", "people_bad_values_bao_cao_loi.xlsx")
    assert wizard.current_step() == RESULT
    assert "Lê Văn Tám" in names(services)
    cards = {services.people.get(row.id).party_card_number for row in services.people.list()}
    assert "000123" not in cards  # rows 6 and 8 share that card: both held back
    rows = list(openpyxl.load_workbook(report.with_name("bao_cao.xlsx")).active.iter_rows(values_only=True))
    assert any(row[:2] == (10, "Ngày sinh") for row in rows)


def test_duplicate_of_a_stored_person_can_be_updated(wizard: ImportWizard, tasks: TaskRunner,
                                                     prompts: FakePrompts, services: Services,
                                                     branch: int) -> None:
    """A row matching someone stored offers Bỏ qua / Cập nhật; choosing Cập nhật updates them."""
    services.people.create(PersonInput(full_name="Trần Hương", organization_id=branch,
                                       party_card_number="000123456789"))
    go_to_preview(wizard, tasks, prompts, "people_clean.xlsx")
    model = wizard.preview_step.rows_model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).record.full_name == "Trần Thị Hương")
    assert model.index(row, CHOICE).data() == "Bỏ qua"
    assert model.setData(model.index(row, CHOICE), "Cập nhật")
    wizard.start_import()
    tasks.wait_idle()
    assert "cập nhật 1 người đã có" in wizard.result_text()
    assert "Trần Thị Hương" in names(services) and "Trần Hương" not in names(services)


def test_duplicate_rows_within_the_file_can_be_skipped(wizard: ImportWizard, tasks: TaskRunner,
                                                       prompts: FakePrompts) -> None:
    """Skipping row 9 (same card as row 7) removes the error of both rows."""
    go_to_preview(wizard, tasks, prompts, "people_bad_values.xlsx")
    step = wizard.preview_step
    before = len(step.preview.blocked_rows(step.choices()))
    assert step.set_choice(9, RowChoice.SKIP)
    assert len(step.preview.blocked_rows(step.choices())) == before - 2


def test_rows_with_errors_say_they_will_not_be_imported(wizard: ImportWizard, tasks: TaskRunner,
                                                        prompts: FakePrompts) -> None:
    """A blocked row reads "Không nhập (có lỗi)" and is read-only; a repeated card may still be skipped."""
    go_to_preview(wizard, tasks, prompts, "people_bad_values.xlsx")
    model = wizard.preview_step.rows_model
    cell = {model.row_at(i).row_number: model.index(i, CHOICE) for i in range(model.rowCount())}
    editable = Qt.ItemFlag.ItemIsEditable
    assert cell[2].data() == BLOCKED_TEXT and not model.flags(cell[2]) & editable
    assert not model.setData(cell[2], "Nhập mới") and model.choices()[2] is RowChoice.IMPORT
    assert cell[4].data() == "Nhập mới" and model.flags(cell[4]) & editable
    assert cell[9].data() == BLOCKED_TEXT and model.flags(cell[9]) & editable
    assert cell[9].data(Qt.ItemDataRole.UserRole) == ["Bỏ qua"]
    assert model.setData(cell[9], "Bỏ qua")
    assert cell[9].data() == "Bỏ qua" and cell[7].data() == "Nhập mới"


@pytest.mark.parametrize(("name", "expected"), [
    ("password.xlsx", "mật khẩu"), ("password.xls", "mật khẩu"), ("truncated.xlsx", "bị hỏng"),
    ("word_renamed.xlsx", "tệp Word"), ("pdf_renamed.xls", "tệp PDF"), ("empty.xlsx", "tệp rỗng"),
    ("notes_renamed.xlsx", "tệp văn bản"),
])
def test_bad_files_are_explained_on_the_first_step(wizard: ImportWizard, tasks: TaskRunner, prompts: FakePrompts,
                                                   services: Services, name: str, expected: str) -> None:
    """The wizard stays on step 1 with a clear Vietnamese sentence; the database is unchanged."""
    before = digest(services)
    prompts.open_paths.append(DATA / name)
    wizard.browse()
    wizard.next()
    tasks.wait_idle()
    assert wizard.current_step() == FILE
    assert wizard.file_step.error.text().startswith(f"Không đọc được tệp “{name}”")
    assert expected in wizard.file_step.error.text()
    assert digest(services) == before and not prompts.errors


def test_back_returns_to_the_previous_step(wizard: ImportWizard, tasks: TaskRunner, prompts: FakePrompts) -> None:
    """'Quay lại' from the preview shows the columns again."""
    go_to_preview(wizard, tasks, prompts, "people_vni.xlsx")
    assert "sang Unicode" in wizard.preview_step.legacy.text()
    wizard.back_button.click()
    assert wizard.current_step() == MAPPING


def test_the_file_date_is_shown_confirmed_and_stored(wizard: ImportWizard, tasks: TaskRunner,
                                                    prompts: FakePrompts, services: Services) -> None:
    """Step 3 shows 'Sinh hoạt tại tổ chức từ ngày' (today); the clerk's date is what the people get."""
    go_to_preview(wizard, tasks, prompts, "people_clean.xlsx")
    step = wizard.preview_step
    assert step.since.text() == "26/11/2026" and "mọi người trong tệp" in step.since_note.text()
    step.since.setText("31/02/2020")
    wizard.import_button.click()
    tasks.wait_idle()
    assert wizard.current_step() == PREVIEW and "tháng 2/2020 không có ngày 31" in step.error.text()
    step.since.setText("01/09/2020")
    wizard.import_button.click()
    tasks.wait_idle()
    assert wizard.current_step() == RESULT
    assert "sinh hoạt tại tổ chức từ ngày 01/09/2020" in wizard.result_text()
    hương = next(row for row in services.people.list() if row.full_name == "Trần Thị Hương")
    assert services.people.get(hương.id).org_since.isoformat() == "2020-09-01"


def test_the_import_goes_to_a_chi_bo_by_default() -> None:
    """From "Tất cả tổ chức" or a đảng bộ the wizard proposes the first chi bộ below it, never the bloc."""
    from khoi_desktop.domain.enums import OrgKind
    from khoi_desktop.domain.models import Organization
    from ui.pages.people.import_steps import import_target

    tree = [Organization(1, None, "Đảng bộ Khối", OrgKind.BLOC),
            Organization(2, 1, "Chi bộ Kho bạc", OrgKind.BASE_BRANCH),
            Organization(3, 1, "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE),
            Organization(4, 3, "Chi bộ Văn phòng Sở", OrgKind.SUB_BRANCH)]
    assert import_target(tree, None) == 2
    assert import_target(tree, 1) == 2
    assert import_target(tree, 3) == 4
    assert import_target(tree, 4) == 4
