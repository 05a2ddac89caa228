"""Benchmarks of issue 15: the command line's own start-up.

Target: any ``--help`` under 0.3 s as a whole process — the command line loads a command's
module only when that command runs, and no document library (reportlab, openpyxl,
python-docx, xlrd) for help. The database-bound commands are timed with their work (see
``cases_meetings.py`` for ``minutes``).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.registry import BenchContext, case

ROOT = Path(__file__).resolve().parent.parent


def _process(*args: str) -> Callable[[], object]:
    command = [sys.executable, str(ROOT / "main.py"), *args]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # warm the byte-code caches
    return lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


@case("main.py --help", targets={"unit": 0.3}, scales=("unit",), needs_database=False)
def main_help(ctx: BenchContext) -> Callable[[], object]:
    """The list of every command with its help line, in a fresh interpreter."""
    return _process("--help")


@case("main.py minutes --help", targets={"unit": 0.3}, scales=("unit",), needs_database=False)
def command_help(ctx: BenchContext) -> Callable[[], object]:
    """One command's help: its module is loaded, its PDF writers are not."""
    return _process("minutes", "--help")


@case("main.py report year-end --help", targets={"unit": 0.3}, scales=("unit",), needs_database=False)
def subcommand_help(ctx: BenchContext) -> Callable[[], object]:
    """A group's subcommand's help (the report group loads its commands lazily too)."""
    return _process("report", "year-end", "--help")
