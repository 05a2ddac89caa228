"""Kill a writing process 200 times and count corrupt databases and lost committed edits.

    .venv/bin/python bench/crash_stress.py [--kills 200] [--seed 1] [--folder DIR]

Target (issue 8): 0 corrupt databases, 0 lost committed edits, 0 damaged backups.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.crash_writer import Ledger, kill_once  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, default=None, help="keep the files here (default: temporary)")
    args = parser.parse_args(argv)
    if args.folder is not None:
        args.folder.mkdir(parents=True, exist_ok=True)
        return stress(args.folder, args.kills, args.seed)
    with tempfile.TemporaryDirectory(prefix="khoi-crash-") as folder:
        return stress(Path(folder), args.kills, args.seed)


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
