"""The main window: home page, navigation, geometry, open another file, backup and restore."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QWidget

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.errors import NewerDatabaseError
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.services.app import Services
from tests.conftest import add_branch_with_people
from tests.ui.conftest import ProgressSeen, make_database, shown_main_window
from tests.ui.fakes import FakePrompts
from ui.app import build_window
from ui.database_controller import DATABASE_KEY
from ui.main_window import MainWindow
from ui.pages.reports.home_page import HomePage
from ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot, services: Services, settings: QSettings, tasks: TaskRunner,
           prompts: FakePrompts) -> Iterator[MainWindow]:
    add_branch_with_people(services, ["Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Cường"])
    with shown_main_window(qtbot, services, settings, tasks, prompts) as built:
        yield built


def nav_titles(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def loaded_page(window: MainWindow, tasks: TaskRunner, key: str) -> QWidget:
    """The page under ``key`` with its first load done (pages are built on first use)."""
    page = window.page(key)
    tasks.wait_idle()
    return page


def test_home_shows_organisation_and_counts(window: MainWindow, tasks: TaskRunner) -> None:
    """The database page names the top organisation and counts its records with Vietnamese numbers."""
    home = window.show_page("home")
    tasks.wait_idle()
    assert isinstance(home, HomePage)
    assert home.title.text() == "Đảng bộ Khối các cơ quan tỉnh"
    assert home.count_labels["people"].text() == "3"
    assert home.count_labels["organizations"].text() == "2"
    assert window.status_label.text() == "Đảng bộ Khối các cơ quan tỉnh — 3 người"
    assert window.windowTitle() == "Khối Desktop — khoi.sqlite"


def test_navigation_lists_only_built_pages(window: MainWindow) -> None:
    """Every navigation entry leads to a real page, in the clerk's order."""
    assert nav_titles(window) == ["Tổng quan", "Cơ sở dữ liệu", "Tổ chức", "Cán bộ, đảng viên", "Sinh hoạt, hội nghị",
                                  "Chủ đề năm, trọng tâm", "Học tập, quán triệt", "Bản đăng ký",
                                  "Kiểm điểm, xếp loại", "Kiểm tra, giám sát", "Tuyên truyền",
                                  "Gương điển hình", "Báo cáo tổng kết", "Gửi báo cáo lên cấp trên",
                                  "Sao lưu và phục hồi"]
    for key in window.page_keys():
        assert window.show_page(key) is window.current_page()
        assert window.stack.currentWidget().isAncestorOf(window.current_page())


def test_menus_are_vietnamese(window: MainWindow) -> None:
    """The menu bar holds Tệp and Trợ giúp with their Vietnamese actions."""
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["Tệp", "Trợ giúp"]
    file_actions = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()
                    if not a.isSeparator()]
    assert file_actions == ["Tạo cơ sở dữ liệu mới (đơn vị mới)…", "Mở cơ sở dữ liệu khác…", "Sao lưu…", "Phục hồi…",
                            "Thoát"]


def test_page_status_reaches_status_bar(window: MainWindow, tasks: TaskRunner) -> None:
    """Switching to Tổ chức shows that page's count in the status bar."""
    window.show_page("organizations")
    tasks.wait_idle()
    assert window.status_label.text() == "2 tổ chức đang theo dõi"


def test_people_page_status_reaches_status_bar(window: MainWindow, tasks: TaskRunner) -> None:
    """The People page's count ("Hiển thị …/… người") is shown when that page is current."""
    window.show_page("people")
    tasks.wait_idle()
    assert window.status_label.text() == window.page("people").status_text()
    assert "3" in window.status_label.text()


def test_an_ordinary_start_writes_no_settings(qtbot, services: Services, settings: QSettings, tasks: TaskRunner,
                                             prompts: FakePrompts) -> None:
    """Opening the file already remembered leaves the settings file alone (no rewrite, no flush)."""
    settings.setValue(DATABASE_KEY, str(services.path))
    settings.sync()
    stored = Path(settings.fileName())
    stored.unlink()  # a rewrite would bring it back
    window = build_window(services, settings, tasks, prompts)
    qtbot.addWidget(window)
    tasks.wait_idle()
    assert not stored.exists()
    window.controller.shutdown()


def test_geometry_is_remembered(qtbot, settings: QSettings) -> None:
    """Closing saves the size; the next window opens with it."""
    first = MainWindow("Khối Desktop", settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 520)
    first.close()
    assert settings.value("window/geometry") is not None
    again = MainWindow("Khối Desktop", settings)
    qtbot.addWidget(again)
    assert again.size() == QSize(780, 520)


def test_open_remembers_and_rebuilds(window: MainWindow, prompts: FakePrompts, tasks: TaskRunner,
                                     settings: QSettings, tmp_path: Path) -> None:
    """Opening another file rebuilds the pages on it and remembers it for the next start."""
    other = make_database(tmp_path / "khac.sqlite", "Chi bộ Sở Tư pháp")
    prompts.open_paths = [other]
    window.action_open.trigger()
    tasks.wait_idle()
    assert window.controller.services.path == other
    assert loaded_page(window, tasks, "home").title.text() == "Chi bộ Sở Tư pháp"
    assert settings.value(DATABASE_KEY) == str(other)
    assert window.database_label.text() == str(other)


def test_newer_database_is_refused(window: MainWindow, services: Services, prompts: FakePrompts,
                                   tasks: TaskRunner, tmp_path: Path) -> None:
    """A file from a newer version is refused with the Vietnamese message; the current stays open."""
    newer = make_database(tmp_path / "moi-hon.sqlite", "Chi bộ Tương lai")
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('khoi', 'm9999_future', 'x')")
    conn.commit()
    conn.close()
    prompts.open_paths = [newer]
    window.action_open.trigger()
    tasks.wait_idle()
    assert isinstance(prompts.errors[0], NewerDatabaseError)
    assert "phiên bản Khối Desktop mới hơn" in str(prompts.errors[0])
    assert window.controller.services is services
    assert services.summary().organization_name == "Đảng bộ Khối các cơ quan tỉnh"
    assert loaded_page(window, tasks, "home").title.text() == "Đảng bộ Khối các cơ quan tỉnh"


def test_backup_then_restore_round_trip(window: MainWindow, services: Services, prompts: FakePrompts,
                                        tasks: TaskRunner, tmp_path: Path, progress_seen: ProgressSeen) -> None:
    """Sao lưu writes a file; after a later change, Phục hồi brings the backed-up data back.
    Backing up, checking and restoring each show a bar that rises to a real maximum."""
    backup = tmp_path / "sao-luu.sqlite"
    prompts.save_paths = [backup]
    window.action_backup.trigger()
    tasks.wait_idle()
    assert backup.is_file()
    assert prompts.asked[-1][0] == "inform"
    services.organizations.create(OrganizationInput(name="Chi bộ Thêm sau", kind=OrgKind.SUB_BRANCH))
    prompts.open_paths = [backup]
    prompts.confirm_answers = [True]
    window.action_restore.trigger()
    tasks.wait_idle()
    restored = window.controller.services
    assert restored is not services
    assert [o.name for o in restored.organizations.all()] == ["Chi bộ Kho bạc Nhà nước tỉnh",
                                                            "Đảng bộ Khối các cơ quan tỉnh"]
    assert "2 tổ chức" in [text for kind, text in prompts.asked if kind == "confirm"][0]
    kept = [text for kind, text in prompts.asked if kind == "inform"][-1].split(": ")[-1]
    assert kept.endswith("-truoc-phuc-hoi.sqlite") and Path(kept).is_file()  # in the backup folder
    assert loaded_page(window, tasks, "home").count_labels["organizations"].text() == "2"
    assert not prompts.errors
    for label in ("Đang sao lưu…", "Đang kiểm tra bản sao lưu…", "Đang phục hồi dữ liệu…"):
        progress_seen.assert_determinate(label)


def test_restore_declined_keeps_data(window: MainWindow, services: Services, prompts: FakePrompts,
                                     tasks: TaskRunner, tmp_path: Path) -> None:
    """Answering Hủy after the backup was checked changes nothing."""
    backup = make_database(tmp_path / "khac.sqlite", "Chi bộ Khác")
    prompts.open_paths = [backup]
    prompts.confirm_answers = [False]
    window.action_restore.trigger()
    tasks.wait_idle()
    assert window.controller.services is services
    assert services.summary().organization_name == "Đảng bộ Khối các cơ quan tỉnh"


def test_restore_from_non_database_is_refused(window: MainWindow, services: Services,
                                              prompts: FakePrompts, tasks: TaskRunner,
                                              tmp_path: Path) -> None:
    """A file that is not a database is refused before any question; the data stays."""
    bogus = tmp_path / "khong-phai.sqlite"
    bogus.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    prompts.open_paths = [bogus]
    window.action_restore.trigger()
    tasks.wait_idle()
    assert prompts.errors and "không phải" in str(prompts.errors[0])
    assert not [kind for kind, _ in prompts.asked if kind == "confirm"]
    assert window.controller.services is services


def test_about_names_the_app(window: MainWindow, prompts: FakePrompts) -> None:
    """Trợ giúp → Giới thiệu tells the version and the open file."""
    window.action_about.trigger()
    kind, text = prompts.asked[-1]
    assert kind == "inform" and text.startswith("Khối Desktop") and "khoi.sqlite" in text


def test_unsaved_edits_keep_the_window_open_when_the_clerk_says_so(window: MainWindow,
                                                                    prompts: FakePrompts) -> None:
    """Closing with unsaved edits on a page asks first; "Quay lại" keeps the window open."""
    meetings = window.page("meetings")
    meetings.has_unsaved_changes = lambda: True  # type: ignore[method-assign]
    prompts.confirm_answers.append(False)
    window.close()
    assert window.isVisible()
    assert "chưa lưu" in prompts.asked[-1][1]
    prompts.confirm_answers.append(True)
    window.close()
    assert not window.isVisible()


def test_new_database_from_the_file_menu(window: MainWindow, prompts: FakePrompts, tasks: TaskRunner,
                                         tmp_path: Path) -> None:
    """Tệp → Tạo cơ sở dữ liệu mới creates a file with the wizard's unit and opens it here."""
    target = tmp_path / "don-vi-moi.sqlite"
    prompts.save_paths = [target]
    unit = OrganizationInput(name="Chi bộ Sở Tư pháp", kind=OrgKind.BASE_BRANCH, doc_code="CB")
    window.controller.ask_new(lambda _parent: unit)
    tasks.wait_idle()
    opened = window.controller.services
    assert opened.path == target
    assert [o.name for o in opened.organizations.all()] == ["Chi bộ Sở Tư pháp"]
    assert window.windowTitle() == "Khối Desktop — don-vi-moi.sqlite"


def test_new_database_never_overwrites_a_file(window: MainWindow, services: Services, prompts: FakePrompts,
                                              tmp_path: Path) -> None:
    """Choosing an existing file name is refused with a message; the open database stays."""
    existing = make_database(tmp_path / "co-san.sqlite", "Chi bộ Có sẵn")
    prompts.save_paths = [existing]
    window.controller.ask_new(lambda _parent: pytest.fail("the wizard must not open"))
    assert "đã có" in prompts.asked[-1][1]
    assert window.controller.services is services
