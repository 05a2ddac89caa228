"""The registry of benchmark cases: each ``bench/cases_*.py`` module adds its own with ``@case``.

A case function receives a :class:`BenchContext`, does its untimed setup, and returns
the callable that is timed. Cleanup it needs afterwards goes to ``context.on_exit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SCALES = ("unit", "bloc")


@dataclass
class BenchContext:
    scale: str
    seed: int
    db_path: Path  # the shared demo database of this scale (generated once, reused)
    out_dir: Path  # bench/out: scratch space, git-ignored
    _cleanups: list[Callable[[], object]] = field(default_factory=list)

    def on_exit(self, cleanup: Callable[[], object]) -> None:
        self._cleanups.append(cleanup)

    def close(self) -> None:
        for cleanup in reversed(self._cleanups):
            cleanup()


Prepare = Callable[[BenchContext], Callable[[], object]]


@dataclass(frozen=True)
class Case:
    name: str
    prepare: Prepare
    targets: dict[str, float]  # scale → target time in seconds (printed, never asserted)
    scales: tuple[str, ...] = SCALES
    max_repeat: int | None = None  # heavy cases run at most this many times
    needs_database: bool = True


CASES: dict[str, Case] = {}


def case(name: str, *, targets: dict[str, float], scales: tuple[str, ...] = SCALES,
         max_repeat: int | None = None, needs_database: bool = True) -> Callable[[Prepare], Prepare]:
    """Register the decorated function as the benchmark ``name``."""

    def register(prepare: Prepare) -> Prepare:
        if name in CASES:
            raise ValueError(f"Benchmark case “{name}” is registered twice.")
        CASES[name] = Case(name, prepare, targets, scales, max_repeat, needs_database)
        return prepare

    return register
