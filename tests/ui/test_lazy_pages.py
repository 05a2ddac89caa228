"""Lazy pages: a page given as a factory is built on its first visit; the start builds and loads
only the first page, once; changes reach only the pages that exist."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from khoi_desktop.domain.backups import BackupReason
from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import Changes, Organization, OrganizationInput
from khoi_desktop.services.app import Services
from khoi_desktop.services.backups import BackupService
from tests.conftest import add_branch_with_people
from tests.ui.fakes import FakePrompts
from ui.app import build_window
from ui.main_window import MainWindow
from ui.pages.common.org_combo import OrgCombo
from ui.tasks import TaskRunner


class Page(QWidget):
    """A page that records the changes it was told about."""

    def __init__(self) -> None:
        super().__init__()
        self.told: list[Changes] = []

    def on_changed(self, changes: Changes) -> None:
        self.told.append(changes)


class Factory:
    """A page factory counting how often it was called."""

    def __init__(self) -> None:
        self.built: list[Page] = []

    def __call__(self) -> Page:
        self.built.append(Page())
        return self.built[-1]


def counting(target: object, name: str) -> list[int]:
    """Wrap ``target.name`` so that each call appends to the returned list."""
    calls: list[int] = []
    original: Callable[..., Any] = getattr(target, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    setattr(target, name, spy)
    return calls


def settle(tasks: TaskRunner) -> None:
    """Until no job runs and no page queued another load (pages reload on a 0 ms timer)."""
    while True:
        tasks.wait_idle()
        QApplication.processEvents()
        if not tasks.is_busy():
            return


@pytest.fixture
def shell(qtbot, settings: QSettings) -> MainWindow:
    window = MainWindow("Khối Desktop", settings)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def loads(services: Services) -> dict[str, list[int]]:
    """Spies on what the pages load, set before any page exists: the overview's figures and the
    organisations every Tổ chức + Năm bar starts from."""
    return {"overview": counting(services.overview, "overview"),
            "organizations": counting(services.organizations, "all")}


@pytest.fixture
def app_window(qtbot, services: Services, settings: QSettings, tasks: TaskRunner, prompts: FakePrompts,
               loads: dict[str, list[int]]) -> Iterator[MainWindow]:
    add_branch_with_people(services, ["Trần Văn An", "Lê Thị Bình"])
    window = build_window(services, settings, tasks, prompts)
    qtbot.addWidget(window)
    window.show()
    settle(tasks)
    yield window
    settle(tasks)
    window.controller.shutdown()  # type: ignore[attr-defined]


def test_a_lazy_page_is_built_on_its_first_visit(shell: MainWindow) -> None:
    """The first page becomes current and is built; the second waits until it is shown, then is built once."""
    first, second = Factory(), Factory()
    shell.add_page("first", "Trang một", first)
    shell.add_page("second", "Trang hai", second)
    assert len(first.built) == 1 and not second.built
    assert not shell.is_page_built("second")
    shown = shell.show_page("second")
    assert second.built == [shown] and shell.current_page() is shown
    shell.show_page("first")
    assert shell.show_page("second") is shown and len(second.built) == 1


def test_page_builds_on_demand_without_showing(shell: MainWindow) -> None:
    """``page(key)`` hands back the page, building it if needed, and leaves the current page alone."""
    first, second = Factory(), Factory()
    shell.add_page("first", "Trang một", first)
    shell.add_page("second", "Trang hai", second)
    page = shell.page("second")
    assert second.built == [page] and shell.page("second") is page
    assert shell.current_page() is first.built[0]


def test_ready_widgets_are_still_accepted(shell: MainWindow) -> None:
    """A page given as a widget is that page, built already."""
    ready = Page()
    shell.add_page("ready", "Sẵn", ready)
    assert shell.is_page_built("ready") and shell.page("ready") is ready


def test_changes_reach_only_built_pages(shell: MainWindow) -> None:
    """An unbuilt page is not built to hear about a change (it loads fresh when first shown)."""
    ready, later = Page(), Factory()
    shell.add_page("ready", "Sẵn", ready)
    shell.add_page("later", "Sau", later)
    changes = Changes(people=True)
    shell.notify_changed(changes)
    assert ready.told == [changes] and not later.built
    shell.show_page("later")
    shell.notify_changed(changes)
    assert later.built[0].told == [changes]


def test_leaving_asks_only_built_pages(shell: MainWindow) -> None:
    """Closing does not build pages to ask them about unsaved edits."""
    ready, later = Page(), Factory()
    shell.add_page("ready", "Sẵn", ready)
    shell.add_page("later", "Sau", later)
    assert shell.may_leave_pages()
    assert not later.built


def test_start_builds_and_loads_only_the_first_page_once(app_window: MainWindow,
                                                         loads: dict[str, list[int]]) -> None:
    """Tổng quan is built and counts its figures once; no other page exists until it is visited."""
    assert [key for key in app_window.page_keys() if app_window.is_page_built(key)] == ["overview"]
    assert len(loads["overview"]) == 1
    assert len(loads["organizations"]) == 1


@pytest.mark.parametrize("key", ["inspections", "outreach", "exemplars", "year_end"])
def test_year_scoped_pages_load_once_when_first_shown(app_window: MainWindow, tasks: TaskRunner,
                                                     loads: dict[str, list[int]], key: str) -> None:
    """Filling the Tổ chức + Năm bar after the first load does not start a second load."""
    loads["organizations"].clear()
    app_window.show_page(key)
    settle(tasks)
    assert len(loads["organizations"]) == 1


def test_backups_page_hears_the_scheduler_when_built_later(app_window: MainWindow, services: Services,
                                                            tasks: TaskRunner) -> None:
    """The backups page, built on its first visit, still shows the backups the scheduler makes."""
    page = app_window.show_page("backups")
    settle(tasks)
    before = page.model.rowCount()  # type: ignore[attr-defined]
    info = BackupService(services.db, services.path).backup_before(BackupReason.PERIODIC)
    app_window.backup_scheduler.backup_made.emit(info)  # type: ignore[attr-defined]
    settle(tasks)
    assert page.model.rowCount() == before + 1  # type: ignore[attr-defined]


DOCUMENT_PAGES_PROBE = (
    "import sys\n"
    "import ui.pages.study.assessments_page, ui.pages.study.commitments_page, ui.pages.meetings.meetings_page\n"
    "print(sorted(name for name in sys.modules if name.split('.')[0] == 'reportlab'"
    " or name.startswith('khoi_desktop.reports')))\n"
)


def test_document_pages_leave_reportlab_to_the_worker() -> None:
    """Opening the meetings, registrations or ratings page brings in no PDF code: reportlab is
    imported by the first Xem / In, on the worker, not on the GUI thread."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", DOCUMENT_PAGES_PROBE], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


START_PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from khoi_desktop.services.app import Services
from ui.app import build_window
from ui.tasks import TaskRunner

AT_START = {"ui.pages.reports.overview_page", "ui.pages.reports.overview_cards", "ui.pages.reports.home_page"}

def loaded():  # page modules beyond Tổng quan's and Cơ sở dữ liệu's; what F1 and Giới thiệu need
    pages = [name for name in sys.modules if name.count(".") == 3 and name.startswith("ui.pages.")
             and not name.startswith("ui.pages.common.") and name not in AT_START]
    return sorted(pages + [name for name in ("ui.guide_window", "importlib.metadata") if name in sys.modules])

print("khoi_desktop.services.overview" in sys.modules)
app, tasks, folder = QApplication([]), TaskRunner(), Path(sys.argv[1])
window = build_window(Services.open(folder / "khoi.sqlite"),
                      QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat), tasks)
window.show()
tasks.wait_idle()
print(loaded())
window.show_page("people")
tasks.wait_idle()
print(loaded())
window.backup_scheduler.shutdown()
window.controller.shutdown()
"""


def test_start_imports_no_module_of_an_unvisited_page(tmp_path: Path) -> None:
    """The start loads Tổng quan's module alone: no other page's, nor the guide or the version
    lookup, and the overview service's module only on the worker (with the first count);
    visiting Cán bộ, đảng viên loads that page's module then (a fresh interpreter, as a clerk's start)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KHOI_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", START_PROBE, str(tmp_path)], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    service_imported, at_start, after_people = result.stdout.splitlines()
    assert service_imported == "False"
    assert at_start == "[]"
    assert "'ui.pages.people.people_page'" in after_people
    assert "ui.pages.meetings" not in after_people


def test_a_switch_reaches_pages_built_before_it_and_after_it(app_window: MainWindow, tasks: TaskRunner,
                                                             prompts: FakePrompts, tmp_path: Path) -> None:
    """After opening another file, a page built before the switch is rebuilt on the new file when
    shown again, and a page first built after the switch loads the new file too."""
    before = app_window.show_page("organizations")
    settle(tasks)
    other = Services.open(tmp_path / "khac.sqlite")
    other.organizations.create(OrganizationInput(name="Chi bộ Sở Tư pháp", kind=OrgKind.BASE_BRANCH))
    other.close()
    prompts.open_paths = [tmp_path / "khac.sqlite"]
    app_window.action_open.trigger()
    settle(tasks)
    assert [key for key in app_window.page_keys() if app_window.is_page_built(key)] == ["overview"]
    rebuilt = app_window.show_page("organizations")
    settle(tasks)
    assert rebuilt is not before
    assert app_window.status_label.text() == "1 tổ chức đang theo dõi"
    home = app_window.show_page("home")
    settle(tasks)
    assert home.title.text() == "Chi bộ Sở Tư pháp"  # type: ignore[attr-defined]
    assert app_window.stack.count() == 1 + 3  # the placeholder and the three pages built on the new file


def test_org_combo_keeps_the_callers_signal_block(qtbot) -> None:
    """Refilling a box whose signals the caller blocked leaves them blocked (no change is heard)."""
    combo = OrgCombo()
    qtbot.addWidget(combo)
    heard: list[int] = []
    combo.currentIndexChanged.connect(heard.append)
    combo.blockSignals(True)
    combo.set_organizations([Organization(id=1, parent_id=None, name="Chi bộ A", kind=OrgKind.BASE_BRANCH)])
    assert combo.signalsBlocked()
    combo.blockSignals(False)
    assert not heard
    combo.set_organizations([])
    assert heard  # unblocked, the box still says its choice went away
