"""Fixtures every GUI test shares: a task runner, fake prompts, a settings file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from khoi_desktop.domain.enums import OrgKind
from khoi_desktop.domain.models import OrganizationInput
from khoi_desktop.services.app import Services
from tests.ui.fakes import FakePrompts
from ui.tasks import TaskRunner


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    """The one-thread database worker; drained after the test so no job outlives it."""
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


@pytest.fixture
def prompts() -> FakePrompts:
    """Canned answers for every modal question."""
    return FakePrompts()


@pytest.fixture
def opened() -> list[Any]:
    """What a page under test handed on to be opened: files for the system viewer, lists behind figures."""
    return []


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window and start-up settings in an INI file of the test's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@contextmanager
def shown_main_window(qtbot, services: Any, settings: QSettings, tasks: TaskRunner,
                      prompts: FakePrompts) -> Iterator[Any]:
    """The main window on ``services``, shown with its first page loaded; shut down afterwards."""
    from ui.app import build_window  # noqa: PLC0415 - only the window tests need the whole app

    built = build_window(services, settings, tasks, prompts)
    qtbot.addWidget(built)
    built.show()
    tasks.wait_idle()
    yield built
    built.controller.shutdown()


def make_database(path: Path, org_name: str) -> Path:
    """A closed database file holding one organisation."""
    other = Services.open(path)
    other.organizations.create(OrganizationInput(name=org_name, kind=OrgKind.BASE_BRANCH))
    other.close()
    return path
