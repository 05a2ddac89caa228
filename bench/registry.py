"""The registry of benchmark cases: each ``bench/cases_*.py`` module adds its own with ``@case``.

A case function receives a :class:`BenchContext`, does its untimed setup, and returns
the callable that is timed. Cleanup it needs afterwards goes to ``context.on_exit``.

A timed callable that measures itself (a child process of its own, a median per keystroke)
returns a :class:`Measured`; the runner then records its seconds and peak memory instead
of its own clock and its own process. :func:`ratio` adds a row dividing two cases' medians.
A case that cannot run here (LibreOffice is not installed) raises :class:`NotMeasured`; its
row says so instead of a time.
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


class NotMeasured(Exception):
    """Raised by a case's setup when this machine cannot run it; ``str()`` says why, in the table."""


@dataclass(frozen=True)
class Measured:
    """Returned by a timed callable that timed itself; ``peak_mb`` is the process it measured."""

    seconds: float
    peak_mb: float | None = None


@dataclass(frozen=True)
class Case:
    name: str
    prepare: Prepare
    targets: dict[str, float]  # scale → target time in seconds (printed, never asserted)
    scales: tuple[str, ...] = SCALES
    max_repeat: int | None = None  # heavy cases run at most this many times
    needs_database: bool = True
    memory_target_mb: float | None = None  # peak memory target (printed, never asserted)


@dataclass(frozen=True)
class Ratio:
    """A derived row: the median of ``numerator`` over that of ``denominator``, same run and scale."""

    name: str
    numerator: str
    denominator: str
    target: float | None  # the ratio must stay below this (above it if at_least); None: for information
    at_least: bool = False


CASES: dict[str, Case] = {}
RATIOS: dict[str, Ratio] = {}


def case(name: str, *, targets: dict[str, float], scales: tuple[str, ...] = SCALES,
         max_repeat: int | None = None, needs_database: bool = True,
         memory_target_mb: float | None = None) -> Callable[[Prepare], Prepare]:
    """Register the decorated function as the benchmark ``name``."""

    def register(prepare: Prepare) -> Prepare:
        if name in CASES:
            raise ValueError(f"Benchmark case “{name}” is registered twice.")
        CASES[name] = Case(name, prepare, targets, scales, max_repeat, needs_database, memory_target_mb)
        return prepare

    return register


def ratio(name: str, numerator: str, denominator: str, *, target: float | None = None,
          at_least: bool = False) -> None:
    """Print ``numerator / denominator`` as its own row whenever both cases ran at a scale.

    The target is a ceiling ("< 3×"), or with ``at_least`` a floor ("≥ 3×": so many times faster).
    """
    if name in RATIOS:
        raise ValueError(f"Benchmark ratio “{name}” is registered twice.")
    RATIOS[name] = Ratio(name, numerator, denominator, target, at_least)
