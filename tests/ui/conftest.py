"""Fixtures every GUI test shares: a task runner, fake prompts, a settings file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

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
