"""The backup scheduler: a start-up check, a periodic check on a timer, a last backup at exit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from khoi_desktop.domain.backups import BackupInfo
from khoi_desktop.services.app import Services
from tests.conftest import add_branch_with_people
from ui.backup_scheduler import PERIODIC_MS, BackupScheduler
from ui.tasks import TaskRunner


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def scheduler(services: Services, tasks: TaskRunner, clock: Clock) -> Iterator[BackupScheduler]:
    add_branch_with_people(services, ["Nguyễn Văn An"])
    made = BackupScheduler(services, tasks, clock=clock)
    yield made
    made.stop()


def _collect(scheduler: BackupScheduler) -> list[BackupInfo]:
    made: list[BackupInfo] = []
    scheduler.backup_made.connect(made.append)
    return made


def test_default_interval_is_thirty_minutes() -> None:
    """The timer checks every 30 minutes."""
    assert PERIODIC_MS == 30 * 60 * 1000


def test_start_backs_up_when_none_is_recent(scheduler: BackupScheduler, tasks: TaskRunner) -> None:
    """Starting with no backup makes one at once (reason: start) and starts the timer."""
    made = _collect(scheduler)
    scheduler.start()
    tasks.wait_idle()
    assert [info.reason for info in made] == ["khoi-dong"]
    assert scheduler.timer.isActive()


def test_periodic_check_needs_changes_and_time(scheduler: BackupScheduler, tasks: TaskRunner,
                                               services: Services, clock: Clock) -> None:
    """The periodic check backs up only after changes and 30 minutes."""
    made = _collect(scheduler)
    scheduler.start()
    tasks.wait_idle()
    clock.now += timedelta(minutes=40)
    scheduler.check_periodic()
    tasks.wait_idle()
    assert len(made) == 1
    add_branch_with_people(services, ["Trần Thị Bình"])
    scheduler.check_periodic()
    tasks.wait_idle()
    assert [info.reason for info in made] == ["khoi-dong", "dinh-ky"]


def test_timer_runs_the_periodic_check(qtbot, services: Services, tasks: TaskRunner, clock: Clock) -> None:
    """When the timer fires, a due periodic backup is made without anyone asking."""
    add_branch_with_people(services, ["Nguyễn Văn An"])
    scheduler = BackupScheduler(services, tasks, interval_ms=20, clock=clock)
    made = _collect(scheduler)
    scheduler.note_change()
    scheduler.timer.start()
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    scheduler.stop()
    tasks.wait_idle()
    assert made[0].reason == "dinh-ky"


def test_shutdown_keeps_the_last_edits(scheduler: BackupScheduler, tasks: TaskRunner,
                                       services: Services) -> None:
    """Closing after an edit makes one last backup even if the previous one is recent."""
    made = _collect(scheduler)
    scheduler.start()
    tasks.wait_idle()
    add_branch_with_people(services, ["Lê Văn Cường"])
    scheduler.shutdown()
    tasks.wait_idle()
    assert [info.reason for info in made] == ["khoi-dong", "dong-ung-dung"]
    assert not scheduler.timer.isActive()


def test_without_a_database_nothing_runs(tasks: TaskRunner) -> None:
    """No open database: the checks do nothing."""
    scheduler = BackupScheduler(None, tasks)
    made = _collect(scheduler)
    scheduler.check_at_start()
    scheduler.check_periodic()
    tasks.wait_idle()
    assert made == [] and scheduler.service is None


def test_failure_is_reported_not_raised(scheduler: BackupScheduler, tasks: TaskRunner,
                                        services: Services) -> None:
    """A backup that fails (here: the database was closed) is logged and signalled; the app goes on."""
    failures: list[BaseException] = []
    scheduler.backup_failed.connect(failures.append)
    tasks.call(services.db.conn.close)
    scheduler.check_at_start()
    tasks.wait_idle()
    assert failures
