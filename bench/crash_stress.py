"""Kill writing processes at random moments and count corrupt, partial and lost results.

    .venv/bin/python bench/crash_stress.py [--kills 200] [--ops 500] [--seed 1] [--folder DIR]

``--kills``: the editing writer (people created and edited, periodic backups), issue 8's
target: 0 corrupt databases, 0 lost committed edits, 0 damaged backups.
``--ops``: the whole-file commands of issue 13 in turn (import-members, restore,
import-package, demo --overwrite, backup --out, a backup into the folder, an edit left
inside its transaction); target: 0 corrupt, 0 partial, 0 lost committed, 0 uncommitted present.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crash_ops import KINDS, kill_op, prepare  # noqa: E402
from bench.crash_writer import Ledger, kill_once  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--ops", type=int, default=0, help="kills of the whole-file commands")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, default=None, help="keep the files here (default: temporary)")
    args = parser.parse_args(argv)
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
        return run_all(args.folder, args)
    with tempfile.TemporaryDirectory(prefix="khoi-crash-") as folder:
        return run_all(Path(folder), args)


def run_all(folder: Path, args: argparse.Namespace) -> int:
    failed = stress(folder, args.kills, args.seed) if args.kills else 0
    if args.ops:
        failed |= stress_ops(folder / "lenh", args.ops, args.seed)
    return failed


def stress_ops(folder: Path, kills: int, seed: int) -> int:
    """Each whole-file command in turn, killed at a random moment; all or nothing each time."""
    scenario, rng = prepare(folder), random.Random(seed)
    totals = {kind: Counter() for kind in KINDS}
    started = time.monotonic()
    for kill in range(1, kills + 1):
        trial = kill_op(scenario, KINDS[(kill - 1) % len(KINDS)], rng)
        totals[trial.kind].update(kills=1, corrupt=trial.corrupt, partial=trial.partial, lost=trial.lost,
                                  uncommitted=trial.uncommitted, reported=trial.reported,
                                  failures=bool(trial.error))
        if trial.corrupt or trial.partial or trial.lost or trial.uncommitted or trial.error:
            print(f"  lần {kill}: {trial}", flush=True)
        if kill % 50 == 0:
            print(f"  … {kill}/{kills} lần", flush=True)
    overall = sum(totals.values(), Counter())
    for kind, counts in totals.items():
        print(f"{kind}: {counts['kills']} kills, {counts['reported']} finished before the kill, "
              f"corrupt {counts['corrupt']}, partial {counts['partial']}, lost {counts['lost']}, "
              f"uncommitted present {counts['uncommitted']}")
    print(f"all commands: {overall['kills']} kills, corrupt {overall['corrupt']}, partial {overall['partial']}, "
          f"lost committed {overall['lost']}, uncommitted present {overall['uncommitted']}, "
          f"worker failures {overall['failures']}")
    print(f"time: {time.monotonic() - started:.1f} s")
    bad = overall["corrupt"] + overall["partial"] + overall["lost"] + overall["uncommitted"] + overall["failures"]
    return int(bad > 0)


def stress(folder: Path, kills: int, seed: int) -> int:
    database, backups = folder / "khoi.sqlite", folder / "sao-luu"
    ledger, rng = Ledger(), random.Random(seed)
    corrupt = lost = bad = writer_errors = 0
    started = time.monotonic()
    for kill in range(1, kills + 1):
        trial = kill_once(database, backups, ledger, rng)
        corrupt += int(not trial.opened or trial.integrity != "ok")
        lost += len(trial.lost)
        bad += len(trial.bad_backups)
        writer_errors += int(bool(trial.writer_error))
        if not trial.opened or trial.integrity != "ok" or trial.lost or trial.bad_backups:
            print(f"  lần {kill}: mở={trial.opened} toàn vẹn={trial.integrity!r} mất={trial.lost[:5]} "
                  f"sao lưu hỏng={trial.bad_backups[:3]}", flush=True)
        if kill % 20 == 0:
            print(f"  … {kill}/{kills} lần, {len(ledger.committed)} người đã ghi", flush=True)
    print(f"kills: {kills}")
    print(f"corrupt databases: {corrupt}")
    print(f"lost committed edits: {lost}")
    print(f"damaged backups: {bad}")
    print(f"writer failures (exited by itself): {writer_errors}")
    print(f"commits reported: {ledger.commits} (on {len(ledger.committed)} people), "
          f"backups reported: {len(ledger.reported_backups)}")
    print(f"time: {time.monotonic() - started:.1f} s")
    return 0 if corrupt == lost == bad == writer_errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
