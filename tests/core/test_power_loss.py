"""The power-loss simulation (bench/power_loss.py) has teeth, and our writes pass it."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from bench import power_loss_cases
from bench.power_loss import PowerCut, WriteBackDisk, cut_everywhere
from khoi_desktop import durable


def _cut_after(root: Path, points: int, write: object) -> Path:
    disk = WriteBackDisk(root, cut_at=points)
    with disk.installed(), contextlib.suppress(PowerCut):
        write()  # type: ignore[operator]
    return disk.after_power_cut(root.parent / f"{root.name}-sau-{points}")


def test_a_rename_without_flush_loses_the_old_file(tmp_path: Path) -> None:
    """The model is pessimistic like a real disk: renamed in place unflushed → an empty file."""
    root = tmp_path / "o"
    root.mkdir()
    (root / "ds.txt").write_text("bản cũ")

    def naive() -> None:
        (root / "ds.tmp").write_text("bản mới")
        os.replace(root / "ds.tmp", root / "ds.txt")
        durable.fsync_folder(root)  # a later flush of anything: the data was never flushed

    rebuilt = _cut_after(root, 1, naive)
    assert (rebuilt / "ds.txt").read_text() == ""


@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_durable_writes_leave_the_old_or_the_new_file(tmp_path: Path, cut: int) -> None:
    root = tmp_path / "o"
    root.mkdir()
    (root / "ds.txt").write_text("bản cũ")
    rebuilt = _cut_after(root, cut, lambda: durable.write_bytes(root / "ds.txt", "bản mới".encode()))
    assert (rebuilt / "ds.txt").read_text() in ("bản cũ", "bản mới")


@pytest.mark.parametrize("scenario", power_loss_cases.SCENARIOS, ids=lambda s: s[0])
def test_no_power_cut_loses_committed_data(scenario: tuple) -> None:
    """Backups, backup --out, restore, demo and exports cut at every flush and rename point."""
    report = cut_everywhere(*scenario)
    assert report.points >= 2 and report.bad == []
