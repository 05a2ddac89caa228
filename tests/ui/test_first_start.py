"""First start: the welcome, the new-unit wizard, the demo data, and the remembered choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton, QWizard

from khoi_desktop import paths
from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import NotADatabaseError
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.services.app import Services
from tests.ui.fakes import FakePrompts
from ui.app import launch, start_database
from ui.database_controller import DATABASE_KEY
from ui.first_start import NewUnitWizard, WelcomeDialog
from ui.tasks import TaskRunner

UNIT = OrganizationInput(name="Đảng bộ Sở Tài chính", kind=OrgKind.BASE_COMMITTEE,
                         superior_name="Đảng bộ Khối các cơ quan tỉnh", place_name="Ninh Bình", doc_code="ĐU")


@pytest.fixture
def welcome(qtbot, tasks: TaskRunner, prompts: FakePrompts) -> Iterator[WelcomeDialog]:
    dialog = WelcomeDialog(tasks, prompts, paths.default_database(), ask_new_unit=lambda _parent: UNIT)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    tasks.wait_idle()
    if dialog.services is not None:
        dialog.services.close()


def test_no_database_means_first_start(settings: QSettings) -> None:
    """With an empty data folder and nothing remembered there is no file to open."""
    assert start_database(settings) is None


def test_wizard_shows_errors_beside_fields(qtbot) -> None:
    """An empty name keeps the wizard on its first page with the message under the field."""
    wizard = NewUnitWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "Tiếp theo"
    assert not wizard.pages[0].validatePage()
    assert wizard.pages[0].form.error_text("name") == "Tên tổ chức không được để trống."
    wizard.fields.name.setText("Đảng bộ Sở Tài chính")
    assert wizard.pages[0].validatePage()
    wizard.next()
    wizard.fields.doc_code.setText("đu 1")
    assert not wizard.pages[1].validatePage()
    assert "Ký hiệu" in wizard.pages[1].form.error_text("doc_code")


def test_wizard_collects_the_unit(qtbot) -> None:
    """The wizard's fields become the organisation to create, kind from the OrgKind labels."""
    wizard = NewUnitWizard()
    qtbot.addWidget(wizard)
    assert wizard.fields.kind.currentText() == OrgKind.BASE_COMMITTEE.label
    wizard.fields.name.setText(UNIT.name)
    wizard.fields.superior_name.setText(UNIT.superior_name)
    wizard.fields.place_name.setText(UNIT.place_name)
    wizard.fields.doc_code.setText(UNIT.doc_code)
    assert wizard.organization() == UNIT


def test_create_unit_makes_the_database(qtbot, welcome: WelcomeDialog, tasks: TaskRunner) -> None:
    """Tạo đơn vị mới creates the default database holding the unit as its root."""
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert welcome.result() == QDialog.DialogCode.Accepted
    assert welcome.services.path == paths.default_database()
    [root] = welcome.services.organizations.roots()
    assert (root.name, root.kind, root.doc_code, root.place_name) == (
        "Đảng bộ Sở Tài chính", OrgKind.BASE_COMMITTEE, "ĐU", "Ninh Bình")


def test_open_existing_file(qtbot, welcome: WelcomeDialog, prompts: FakePrompts, tasks: TaskRunner,
                            tmp_path: Path) -> None:
    """Mở tệp có sẵn opens the chosen file instead of creating one."""
    existing = tmp_path / "co-san.sqlite"
    Services.open(existing).close()
    prompts.open_paths = [existing]
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert welcome.services.path == existing
    assert not paths.default_database().exists()


def test_open_bad_file_stays_on_welcome(qtbot, welcome: WelcomeDialog, prompts: FakePrompts,
                                        tasks: TaskRunner, tmp_path: Path) -> None:
    """A file that is not a database is refused with a message; the welcome stays."""
    bogus = tmp_path / "ghi-chu.sqlite"
    bogus.write_text("ghi chú", encoding="utf-8")
    prompts.open_paths = [bogus]
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    tasks.wait_idle()
    assert isinstance(prompts.errors[0], NotADatabaseError)
    assert welcome.services is None and welcome.isVisible()
    assert welcome.create_button.isEnabled()


def test_demo_data_opens(qtbot, welcome: WelcomeDialog, tasks: TaskRunner) -> None:
    """Mở dữ liệu mẫu generates the unit-scale demo into the data folder and opens it."""
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert tasks.wait_idle(120_000)
    assert welcome.services is not None
    assert welcome.services.path == paths.default_database()
    counts = welcome.services.summary().counts
    assert counts["people"] >= 20 and counts["meetings"] > 0


def test_demo_can_be_cancelled(qtbot, welcome: WelcomeDialog, tasks: TaskRunner) -> None:
    """Hủy in the progress dialog stops the demo; no file is left and the welcome stays."""
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    [progress] = welcome.findChildren(QProgressDialog)
    cancel = progress.findChild(QPushButton)
    assert cancel.text() == "Hủy"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert tasks.wait_idle(120_000)
    assert welcome.services is None and welcome.isVisible()
    assert not paths.default_database().exists()


def test_choice_is_remembered(qtbot, settings: QSettings, tasks: TaskRunner, prompts: FakePrompts) -> None:
    """After the welcome the window opens the new unit; the next start opens it without asking."""
    def create(runner: TaskRunner, asked: FakePrompts, target: Path) -> Services | None:
        dialog = WelcomeDialog(runner, asked, target, ask_new_unit=lambda _parent: UNIT)
        qtbot.addWidget(dialog)
        dialog.create_unit(UNIT)
        runner.wait_idle()
        return dialog.services

    window, controller = launch(settings, tasks, prompts, welcome=create)
    qtbot.addWidget(window)
    tasks.wait_idle()
    home = window.page("home")  # built on first use; its load then runs on the worker
    tasks.wait_idle()
    assert home.title.text() == "Đảng bộ Sở Tài chính"
    assert settings.value(DATABASE_KEY) == str(paths.default_database())
    window.close()
    controller.shutdown()

    def must_not_ask(*_args: object) -> Services | None:
        raise AssertionError("the welcome must not be shown again")

    window, controller = launch(settings, tasks, prompts, welcome=must_not_ask)
    qtbot.addWidget(window)
    tasks.wait_idle()
    assert controller.services.path == paths.default_database()
    home = window.page("home")  # built on first use; its load then runs on the worker
    tasks.wait_idle()
    assert home.title.text() == "Đảng bộ Sở Tài chính"
    controller.shutdown()


def test_leaving_the_welcome_quits(settings: QSettings, tasks: TaskRunner, prompts: FakePrompts) -> None:
    """Closing the welcome without a choice starts nothing and remembers nothing."""
    assert launch(settings, tasks, prompts, welcome=lambda *_args: None) is None
    assert settings.value(DATABASE_KEY) is None
