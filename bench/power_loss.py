"""Power-loss simulation: a write-back disk that keeps only what was flushed.

A power cut loses whatever the operating system had not yet written. :class:`WriteBackDisk`
models the dangerous order for one folder tree: the file system's metadata (names,
renames) reaches the disk at once, the files' bytes only when flushed by ``fsync``. At
the start everything present is on the disk; afterwards each ``os.fsync`` records the
file's bytes (by inode). :meth:`WriteBackDisk.after_power_cut` rebuilds the tree as the
disk would hold it after a cut at that moment: every name present, each with its last
flushed bytes — a file renamed into place without a flush comes back empty, as on ext4 or
NTFS with delayed allocation, and the old file it replaced is gone.

SQLite flushes its own files from C (``synchronous = FULL``: the journal before each
commit returns), invisible to this layer; so the simulation starts from committed data and
covers the app's own finalising: backups, ``backup --out``, the restore swap, the demo
file, documents and packages. :func:`cut_everywhere` runs an operation once to count its
flush and rename points, then once per point with the power cut there, checking each
rebuilt tree. Run as a script it prints the figures for bench/README.md.

    .venv/bin/python bench/power_loss.py
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path


class PowerCut(BaseException):
    """Raised at the chosen point: nothing after it reaches the disk (BaseException: no handler
    of the app may swallow it)."""


@dataclass
class WriteBackDisk:
    root: Path
    cut_at: int | None = None  # the index of the flush/rename point where the power goes
    points: int = 0
    content: dict[int, bytes] = field(default_factory=dict)  # inode → flushed bytes

    def __post_init__(self) -> None:
        for path in self._files():
            self.content[path.stat().st_ino] = path.read_bytes()

    def _files(self) -> list[Path]:
        return [Path(folder) / name for folder, _dirs, files in os.walk(self.root) for name in files]

    @contextmanager
    def installed(self) -> Iterator[WriteBackDisk]:
        real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename

        def fsync(fd: int) -> None:
            self._point()
            real_fsync(fd)
            info = os.fstat(fd)
            if not stat.S_ISDIR(info.st_mode):
                self.content[info.st_ino] = os.pread(fd, info.st_size, 0)

        def moved(real: Callable[..., None]) -> Callable[..., None]:
            def move(source: object, target: object, *args: object, **kwargs: object) -> None:
                self._point()
                real(source, target, *args, **kwargs)
            return move

        os.fsync, os.replace, os.rename = fsync, moved(real_replace), moved(real_rename)
        try:
            yield self
        finally:
            os.fsync, os.replace, os.rename = real_fsync, real_replace, real_rename

    def _point(self) -> None:
        if self.cut_at is not None and self.points >= self.cut_at:
            raise PowerCut()  # and at every later point: after the cut nothing reaches the disk
        self.points += 1

    def after_power_cut(self, target: Path) -> Path:
        """The tree as the disk holds it after the cut, rebuilt at ``target``."""
        for path in self._files():
            rebuilt = target / path.relative_to(self.root)
            rebuilt.parent.mkdir(parents=True, exist_ok=True)
            rebuilt.write_bytes(self.content.get(path.stat().st_ino, b""))
        return target


@dataclass
class CutReport:
    operation: str
    points: int
    bad: list[str]


def cut_everywhere(operation: str, setup: Callable[[Path], None], run: Callable[[Path], None],
                   verify: Callable[[Path], str | None]) -> CutReport:
    """Run ``run`` with the power cut at every flush/rename point (and after the end);
    ``verify(rebuilt_root)`` returns a problem or None."""
    with tempfile.TemporaryDirectory(prefix="khoi-mat-dien-") as scratch:
        base = Path(scratch)
        points = _count_points(base / "dem", setup, run)
        bad = []
        for cut in range(points + 1):
            root = base / f"lan-{cut}"
            setup(root)
            disk = WriteBackDisk(root, cut_at=cut)
            with disk.installed(), suppress(PowerCut):
                run(root)
            problem = verify(disk.after_power_cut(base / f"sau-{cut}"))
            if problem:
                bad.append(f"cut {cut}: {problem}")
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(base / f"sau-{cut}", ignore_errors=True)
    return CutReport(operation, points, bad)


def _count_points(root: Path, setup: Callable[[Path], None], run: Callable[[Path], None]) -> int:
    setup(root)
    disk = WriteBackDisk(root)
    with disk.installed():
        run(root)
    shutil.rmtree(root, ignore_errors=True)
    return disk.points


# ---------------------------------------------------------------------------
# The scenarios


def scenarios() -> list[tuple[str, Callable[[Path], None], Callable[[Path], None], Callable[[Path], str | None]]]:
    from bench import power_loss_cases

    return power_loss_cases.SCENARIOS


def main() -> int:
    total_points = lost = 0
    for name, setup, run, verify in scenarios():
        report = cut_everywhere(name, setup, run, verify)
        total_points += report.points + 1
        lost += len(report.bad)
        print(f"{name}: {report.points + 1} power cuts, {len(report.bad)} with committed data lost or a "
              "half-written file under its final name", flush=True)
        for line in report.bad[:5]:
            print(f"  {line}")
    print(f"all: {total_points} power cuts, {lost} lost after a reported commit")
    return int(lost > 0)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
