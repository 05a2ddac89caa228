"""Work run on a helper thread over its own read-only connection: results, errors, and nothing left behind.

``services.read_aside.aside`` is how the overview counts its study attendance on a second
core. These tests pin what makes it safe: each work sees the same data through another,
read-only connection on another thread; its result or its exception reaches the caller;
the thread is joined and the connection closed when the block ends, even when the caller
fails; and without a file to open, or inside a transaction whose changes another
connection could not see, the works run on the caller's own connection.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from khoi_desktop.domain.enums import AttendanceStatus, MeetingKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.services import read_aside
from khoi_desktop.services.app import Services
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.overview import OverviewService
from khoi_desktop.services.read_aside import aside
from khoi_desktop.storage.connection import Database
from tests.conftest import add_branch_with_people
from tests.core.meetings_support import Kit, new_meeting


def _helpers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "khoi-read-aside"]


def _people(context: ServiceContext) -> tuple[int, str, Database]:
    count = context.db.execute("SELECT count(*) FROM people").fetchone()[0]
    return count, threading.current_thread().name, context.db


def test_works_run_on_other_threads_and_connections(services: Services) -> None:
    """Each result is the work's own; a helper's connection is another, read-only, closed afterwards."""
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    with aside(services.context, [_people, lambda context: context.read_only]) as results:
        people, read_only = results
        count, thread, db = people()
        assert read_only() is True
    assert (count, thread) == (2, "khoi-read-aside") and db is not services.db
    with pytest.raises(sqlite3.ProgrammingError):
        db.execute("SELECT 1")  # closed
    assert _helpers() == []


def test_a_file_the_helper_cannot_open_is_counted_on_the_callers_connection(
        services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a helper's own connection is refused (here: the file it is pointed at is no database), the
    work runs once on the caller's connection and thread: the figures come, only not on a second core."""
    add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    junk = tmp_path / "khong-mo-duoc.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    monkeypatch.setattr(read_aside, "readable_file", lambda db: junk)
    with aside(services.context, [_people]) as (people,):
        count, thread, db = people()
        assert people() == (count, thread, db)  # asked again: the same answer, not counted twice
    assert (count, thread, db) == (2, threading.current_thread().name, services.db)
    assert _helpers() == []


def test_the_helper_cannot_write(services: Services) -> None:
    """Its connection is opened read-only: a write fails there and the file is unchanged."""
    add_branch_with_people(services, ["Nguyễn Văn An"])

    def write(context: ServiceContext) -> None:
        context.db.execute("DELETE FROM people")

    with aside(services.context, [write]) as (result,), pytest.raises(sqlite3.OperationalError, match="readonly"):
        result()
    assert services.db.execute("SELECT count(*) FROM people").fetchone()[0] == 1


def test_an_error_reaches_the_caller_and_the_other_works_still_run(services: Services) -> None:
    def refuse(context: ServiceContext) -> int:
        raise ValidationError("year", "Năm 1999 không hợp lệ.")

    with aside(services.context, [refuse, lambda context: 7]) as (refused, seven):
        with pytest.raises(ValidationError, match="1999"):
            refused()
        assert seven() == 7
    assert _helpers() == []


def test_a_failing_caller_leaves_no_thread_running(services: Services) -> None:
    """The block raising before it asks for any result: the error propagates, the helper is joined."""
    with pytest.raises(RuntimeError, match="caller"), aside(services.context, [_people, _people]):
        raise RuntimeError("caller failed")
    assert _helpers() == []


def test_an_in_memory_database_runs_the_work_on_the_callers_connection() -> None:
    memory = Database(sqlite3.connect(":memory:"))
    memory.execute("CREATE TABLE people (id INTEGER PRIMARY KEY)")
    context = ServiceContext(memory)
    with aside(context, [_people]) as (people,):
        assert people() == (0, threading.current_thread().name, memory)


def test_inside_a_transaction_the_overview_counts_its_uncommitted_marks(services: Services) -> None:
    """Another connection could not see them: the study figures are counted on the caller's own."""
    branch, ids = add_branch_with_people(services, ["Nguyễn Văn An", "Trần Thị Bình"])
    services.context.today = lambda: date(2026, 11, 26)
    kit = Kit.over(services)
    meeting = new_meeting(kit, branch, kind=MeetingKind.STUDY, day=date(2026, 3, 10))
    kit.attendance.mark_all_present(meeting)
    root = services.organizations.roots()[0].id
    overview = OverviewService(services.context)
    assert overview.overview(root, 2026).figure("participation.attendances").text == "2/2 lượt, đạt 100%"
    with services.db.atomic():
        services.db.execute("UPDATE attendance SET status = ? WHERE person_id = ?",
                            [AttendanceStatus.ABSENT_UNEXCUSED.value, ids[0]])
        inside = overview.overview(root, 2026).figure("participation.attendances").text
        services.db.execute("UPDATE attendance SET status = ? WHERE person_id = ?",
                            [AttendanceStatus.PRESENT.value, ids[0]])
    assert inside == "1/2 lượt, đạt 50%"
    assert _helpers() == []
