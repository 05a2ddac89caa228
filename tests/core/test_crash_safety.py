"""Crash safety: a writer killed at random moments never corrupts the file or loses a commit."""

from __future__ import annotations

import random
from pathlib import Path

from bench.crash_writer import Ledger, inspect, kill_once

KILLS = 15


def test_killed_writer_keeps_every_committed_edit(tmp_path: Path) -> None:
    """Fifteen SIGKILLs mid-write: the file opens, passes integrity_check, holds every reported edit."""
    database, backups = tmp_path / "khoi.sqlite", tmp_path / "sao-luu"
    ledger = Ledger()
    rng = random.Random(20261126)
    for kill in range(KILLS):
        # Every fifth run is killed only after a backup, so edits and backups are checked
        # however slow the machine is; the others at any moment.
        trial = kill_once(database, backups, ledger, rng, after_backup=kill % 5 == 0)
        assert trial.writer_error == "", f"lần {kill}: tiến trình ghi tự dừng: {trial.writer_error}"
        assert trial.opened, f"lần {kill}: không mở được: {trial.integrity}"
        assert trial.integrity == "ok", f"lần {kill}: {trial.integrity}"
        assert trial.lost == [], f"lần {kill}: mất các bản ghi {trial.lost}"
        assert trial.bad_backups == [], f"lần {kill}: bản sao lưu hỏng {trial.bad_backups}"
    assert len(ledger.committed) >= 10  # the writer really did work between the kills
    assert ledger.reported_backups


def test_ledger_spots_a_lost_edit() -> None:
    """The checker itself: a reported value that is not in the file counts as lost."""
    ledger = Ledger()
    ledger.absorb(["READY", "W new s1-0", "C 1 s1-0", "W 1 s1-1", "C 1 s1-1", "W new s1-2", "C 2 s1-2"])
    assert ledger.lost({1: "s1-1", 2: "s1-2"}, None) == []
    assert ledger.lost({1: "s1-0", 2: "s1-2"}, None) == [1]
    assert ledger.lost({1: "s1-1"}, None) == [2]


def test_ledger_accepts_either_value_for_the_edit_in_flight() -> None:
    """Killed between commit and report: the newer value is accepted and becomes the expected one."""
    ledger = Ledger()
    pending = ledger.absorb(["C 1 s1-0", "W 1 s1-1"])  # its "C" line never made it out
    assert pending == ("1", "s1-1")
    assert ledger.lost({1: "s1-0"}, pending) == []
    assert ledger.lost({1: "s1-1"}, pending) == []
    assert ledger.committed[1] == "s1-1"
    assert ledger.lost({1: "s1-9"}, pending) == [1]


def test_inspect_reports_a_damaged_file(tmp_path: Path) -> None:
    """A file that is not whole is reported as not opening."""
    damaged = tmp_path / "hong.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    opened, message, _ = inspect(damaged)
    assert not opened and message


def test_killed_whole_file_commands_are_all_or_nothing(tmp_path: Path) -> None:
    """Each writing command (import, restore, package import, demo, backups, an open edit)
    killed once at a random moment: never corrupt, partial, lost or holding uncommitted data."""
    from bench.crash_ops import KINDS, kill_op, prepare

    scenario = prepare(tmp_path / "lenh")
    rng = random.Random(13)
    for kind in KINDS:
        trial = kill_op(scenario, kind, rng)
        assert trial.error == "", f"{kind}: tiến trình tự dừng: {trial.error}"
        assert not (trial.corrupt or trial.partial or trial.lost or trial.uncommitted), trial
