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
from ui import tasks as tasks_module
from ui.tasks import TaskRunner


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    """The one-thread database worker; drained after the test so no job outlives it."""
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


class ProgressSeen:
    """What the progress dialogs showed: (label, maximum, value) at every update of a bar."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, int, int]] = []

    def of(self, label: str) -> list[tuple[int, int]]:
        return [(maximum, value) for text, maximum, value in self.shown if text == label]

    def assert_determinate(self, label: str) -> None:
        """The dialog titled ``label`` had a real maximum and its bar rose to it."""
        seen = self.of(label)
        assert seen, f"no progress shown for {label!r}"
        maximum = seen[-1][0]
        assert maximum > 0 and all(top == maximum for top, _value in seen[1:])
        values = [value for _top, value in seen]
        assert values == sorted(values) and values[-1] == maximum


@pytest.fixture
def progress_seen(monkeypatch: pytest.MonkeyPatch) -> ProgressSeen:
    """Watches every progress update the task runner gives its dialogs (the real dialogs still get it)."""
    seen = ProgressSeen()
    show = tasks_module._show_progress

    def watched(dialog: Any, done: int, total: int) -> None:
        show(dialog, done, total)
        seen.shown.append((dialog.labelText(), dialog.maximum(), dialog.value()))

    monkeypatch.setattr(tasks_module, "_show_progress", watched)
    return seen


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
