"""Run the benchmarks and print one table: operation | scale | median time | peak memory | target.

    python bench/run.py [--scale unit|bloc|all] [--repeat N] [--only NAME] [--seed N] [--fresh]

Run it with the project's own interpreter (``.venv/bin/python bench/run.py``). Each case
runs in a fresh subprocess, so the peak memory is that case's own. The demo databases
are generated once into ``bench/out/`` and reused while the seed and the generator's
source are unchanged (``--fresh`` regenerates them). Targets are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # started as a script: make `bench` and `khoi_desktop` importable
    sys.path.insert(0, str(ROOT))

# The installed app runs from compiled byte-code; a shell with PYTHONDONTWRITEBYTECODE set (some
# developer and CI environments) would add compiling every module to each whole-command measure.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

from bench.registry import CASES, RATIOS, SCALES, BenchContext, Case, Measured, NotMeasured, Ratio  # noqa: E402

OUT_DIR = ROOT / "bench" / "out"
RESULT_MARK = "BENCH-RESULT "
NOT_MEASURED = "not measured"
# Sources whose change makes a cached demo database stale.
GENERATOR_SOURCES = ("khoi_desktop/services/demo/*.py", "khoi_desktop/storage/schema_v1.py",
                     "khoi_desktop/storage/migrations.py", "khoi_desktop/domain/presets.py")


@dataclass(frozen=True)
class Result:
    case: Case
    scale: str
    times: tuple[float, ...] = ()
    peak_mb: float | None = None
    error: str = ""
    skipped: str = ""  # why the case could not run on this machine (NotMeasured)


def load_cases() -> None:
    """Import every ``bench/cases_*.py``; each registers its cases with ``@case``."""
    for path in sorted((ROOT / "bench").glob("cases_*.py")):
        importlib.import_module(f"bench.{path.stem}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Khối Desktop benchmarks")
    parser.add_argument("--scale", choices=(*SCALES, "all"), default="all")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per case (median is printed)")
    parser.add_argument("--only", default="", help="run the cases whose name contains this text")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--fresh", action="store_true", help="regenerate the demo databases")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)  # internal: run one case here
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------
# The shared demo databases


def generator_digest() -> str:
    digest = hashlib.sha256()
    for pattern in GENERATOR_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def demo_path(scale: str, seed: int) -> Path:
    return OUT_DIR / f"demo-{scale}-{seed}.sqlite"


def ensure_demo(scale: str, seed: int, *, fresh: bool) -> Path:
    """The demo database of ``scale``: reused when present and made by the same generator."""
    from khoi_desktop.services.demo.generator import generate_demo  # noqa: PLC0415 - only when needed

    path = demo_path(scale, seed)
    stamp = path.with_suffix(".json")
    wanted = {"scale": scale, "seed": seed, "generator": generator_digest()}
    if not fresh and path.exists() and stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return path
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    print(f"Tạo cơ sở dữ liệu mẫu {scale} (seed {seed}) → {path.relative_to(ROOT)} …", flush=True)
    summary = generate_demo(path, scale, seed, overwrite=True)
    stamp.write_text(json.dumps(wanted))
    print(f"  xong trong {summary.seconds:.1f} s: {summary.people:,} người, {summary.meetings:,} buổi, "
          f"{summary.attendance:,} lượt điểm danh.", flush=True)
    return path


# ---------------------------------------------------------------------------
# One case, inside its own process


def peak_memory_mb() -> float | None:
    """This process's peak resident memory; None where the platform cannot tell (Windows).

    Linux carries the forking parent's high-water mark into ``ru_maxrss`` across exec, so a
    case started by a runner that had generated the bloc demo would inherit its 180 MB; the
    kernel's own per-process mark (VmHWM) does not, so it is read first.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    try:
        import resource  # noqa: PLC0415 - Unix only
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def run_child(args: argparse.Namespace) -> int:
    bench_case = CASES[args.child]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    context = BenchContext(args.scale, args.seed, demo_path(args.scale, args.seed), OUT_DIR)
    measured_peaks: list[float] = []
    try:
        try:
            timed = bench_case.prepare(context)
        except NotMeasured as reason:
            print(RESULT_MARK + json.dumps({"skipped": str(reason)}), flush=True)
            return 0
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            outcome = timed()
            elapsed = time.perf_counter() - started
            if isinstance(outcome, Measured):  # it timed itself (a child process, a per-step median)
                elapsed = outcome.seconds
                if outcome.peak_mb is not None:
                    measured_peaks.append(outcome.peak_mb)
            times.append(elapsed)
    finally:
        context.close()
    peak = max(measured_peaks) if measured_peaks else peak_memory_mb()
    print(RESULT_MARK + json.dumps({"times": times, "peak_mb": peak}), flush=True)
    return 0


def run_in_subprocess(bench_case: Case, scale: str, args: argparse.Namespace) -> Result:
    repeat = min(args.repeat, bench_case.max_repeat or args.repeat)
    command = [sys.executable, str(Path(__file__).resolve()), "--child", bench_case.name, "--scale", scale,
               "--repeat", str(max(1, repeat)), "--seed", str(args.seed)]
    done = subprocess.run(command, check=False, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
    if done.returncode != 0 or not lines:
        return Result(bench_case, scale, error=(done.stderr.strip().splitlines() or ["failed"])[-1])
    data = json.loads(lines[-1][len(RESULT_MARK):])
    if "skipped" in data:
        return Result(bench_case, scale, skipped=data["skipped"])
    return Result(bench_case, scale, tuple(data["times"]), data["peak_mb"])


# ---------------------------------------------------------------------------
# The table


def format_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def format_target(seconds: float) -> str:
    return f"< {seconds * 1000:g} ms" if seconds < 1 else f"< {seconds:g} s"


def verdict(value: float | None, target: float, *, at_least: bool = False) -> str:
    if value is None:
        return ""  # no memory figure on this platform
    met = value >= target if at_least else value < target
    return " ✓" if met else " ✗ missed"


def target_text(result: Result, median: float) -> str:
    """The time target and, for cases that have one, the memory target: "< 300 MB ✓"."""
    parts = []
    target = result.case.targets.get(result.scale)
    if target is not None:
        parts.append(f"{format_target(target)}{verdict(median, target)}")
    memory = result.case.memory_target_mb
    if memory is not None:
        parts.append(f"< {memory:g} MB{verdict(result.peak_mb, memory)}")
    return "; ".join(parts) or "—"


def ratio_lines(results: list[Result]) -> list[tuple[str, ...]]:
    """One row per registered ratio whose two cases both ran (without error) at a scale."""
    done = {(r.case.name, r.scale): statistics.median(r.times) for r in results if r.times}
    skipped = {(r.case.name, r.scale) for r in results if r.skipped}
    lines = []
    for spec in RATIOS.values():
        for scale in SCALES:
            top, bottom = done.get((spec.numerator, scale)), done.get((spec.denominator, scale))
            if top is not None and bottom:
                value = top / bottom
                lines.append((spec.name, scale, f"{value:.1f}×", "—", ratio_target(spec, value)))
            elif skipped & {(spec.numerator, scale), (spec.denominator, scale)}:
                lines.append((spec.name, scale, NOT_MEASURED, "—", ratio_target(spec, None)))
    return lines


def ratio_target(spec: Ratio, value: float | None) -> str:
    if spec.target is None:
        return "—"
    sign = "≥" if spec.at_least else "<"
    return f"{sign} {spec.target:g}×" + ("" if value is None else verdict(value, spec.target, at_least=spec.at_least))


def table(results: list[Result]) -> str:
    header = ("operation", "scale", "median time", "peak memory (MB)", "target")
    lines = [header]
    for result in results:
        if result.error:
            lines.append((result.case.name, result.scale, f"FAILED: {result.error}", "—", ""))
            continue
        if result.skipped:
            lines.append((result.case.name, result.scale, f"{NOT_MEASURED} ({result.skipped})", "—", "—"))
            continue
        median = statistics.median(result.times)
        lines.append((
            result.case.name, result.scale, format_seconds(median),
            "—" if result.peak_mb is None else f"{result.peak_mb:.0f}",
            target_text(result, median),
        ))
    lines.extend(ratio_lines(results))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rows = ["| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) + " |"
            for line in lines]
    rows.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(rows)


def chosen_cases(only: str) -> list[Case]:
    """Cases whose name contains ``only``; a ratio's name brings in the two cases it divides."""
    wanted = {name for name in CASES if only.lower() in name.lower()}
    for spec in RATIOS.values():
        if only.lower() in spec.name.lower():
            wanted |= {spec.numerator, spec.denominator}
    return [c for name, c in CASES.items() if name in wanted]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    load_cases()
    if args.child:
        return run_child(args)
    scales = SCALES if args.scale == "all" else (args.scale,)
    chosen = chosen_cases(args.only)
    if not chosen:
        print(f"Không có phép đo nào tên chứa “{args.only}”. Có: {', '.join(CASES)}.")
        return 1
    results = []
    for scale in scales:
        cases = [c for c in chosen if scale in c.scales]
        if any(c.needs_database for c in cases):
            ensure_demo(scale, args.seed, fresh=args.fresh)
        for bench_case in cases:
            print(f"Đo “{bench_case.name}” ({scale}) …", flush=True)
            results.append(run_in_subprocess(bench_case, scale, args))
    print()
    print(table(results))
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
