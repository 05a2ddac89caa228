"""Smoke test of the BUNDLED app in dist/KhoiDesktop (after pyinstaller packaging/khoi_desktop.spec).

    python packaging/smoke_test.py [--dist dist/KhoiDesktop] [--no-gui] [--max-start 2.0]

1. The bundle: both executables, the fonts with their licence and the icons under
   _internal/resources, and none of the Qt parts the spec leaves out (QtQml, QtQuick,
   QtWebEngine, QtNetwork, QtPdf, QtMultimedia, Qt3D, translations); prints its size.
2. The command line, in a temporary folder: ``demo --db T/demo.sqlite``, ``list meetings``,
   then ``minutes ID --out T/bb.pdf``; the PDF must start with %PDF and, when pypdf can be
   imported, contain "BIÊN BẢN" (else it must be over 10 kB).
3. The GUI, offscreen, on a copy of that database: ``KHOI_SMOKE_EXIT_MS=0`` makes ui/app.py
   quit as soon as the main window is shown and the event loop runs. Timed from process
   start to exit, once cold and then warm; the median warm time must be under --max-start
   (default 2 s on Linux; on other systems it is only reported unless --max-start is given).

Runs with any Python 3.11+ (it only starts the bundle); never touches the user's data
(KHOI_DATA_DIR points into the temporary folder). Exit code 0 when everything passed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IS_WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
GUI_NAME = "KhoiDesktop"
CLI_NAME = "khoi"
SMOKE_ENV = "KHOI_SMOKE_EXIT_MS"
FORBIDDEN_QT = ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6Network", "Qt6Pdf", "Qt6Multimedia", "Qt63D",
                "Qt6VirtualKeyboard", "Qt6Wayland", "Qt6Designer", "opengl32sw")
FONT_FILES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
              "LiberationSerif-BoldItalic.ttf", "LICENSE-LiberationSerif.txt")
ICON_FILES = ("khoi.png", "khoi.svg")


class SmokeFailure(Exception):
    pass


def ok(message: str) -> None:
    print(f"OK    {message}", flush=True)


def check_bundle(dist: Path) -> None:
    for name in (GUI_NAME, CLI_NAME):
        if not (dist / f"{name}{EXE_SUFFIX}").is_file():
            raise SmokeFailure(f"missing executable {dist / (name + EXE_SUFFIX)}")
    resources = dist / "_internal" / "resources"
    missing = [f"fonts/{name}" for name in FONT_FILES if not (resources / "fonts" / name).is_file()]
    missing += [f"icons/{name}" for name in ICON_FILES if not (resources / "icons" / name).is_file()]
    if missing:
        raise SmokeFailure(f"missing in {resources}: {', '.join(missing)}")
    ok(f"fonts with licence and icons are in {resources.relative_to(dist)}")
    unwanted = []
    for path in dist.rglob("*"):
        relative = path.relative_to(dist).as_posix()
        bare = path.name[3:] if path.name.startswith("lib") else path.name
        if bare.startswith(FORBIDDEN_QT) or (
                "PySide6" in relative and path.is_dir() and path.name in {"qml", "translations"}):
            unwanted.append(relative)
    if unwanted:
        raise SmokeFailure("left-out Qt parts found in the bundle: " + ", ".join(sorted(unwanted)[:20]))
    ok("no QtQml/QtQuick/QtWebEngine/QtNetwork/QtPdf/QtMultimedia/Qt3D, no Qt translations")
    files = [path for path in dist.rglob("*") if path.is_file() and not path.is_symlink()]
    size = sum(path.stat().st_size for path in files)
    ok(f"bundle size {size / 1_000_000:.1f} MB in {len(files)} files")


def run(command: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, env=env, capture_output=True, text=True, encoding="utf-8",
                            errors="replace", timeout=timeout)
    if result.returncode != 0:
        raise SmokeFailure(f"{' '.join(command)} exited {result.returncode}\n{result.stdout}{result.stderr}")
    return result


def check_pdf(pdf: Path) -> str:
    if not pdf.is_file():
        raise SmokeFailure(f"{pdf} was not written")
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise SmokeFailure(f"{pdf} does not start with %PDF")
    try:
        from pypdf import PdfReader  # noqa: PLC0415 - optional
    except ImportError:
        if pdf.stat().st_size < 10_000:
            raise SmokeFailure(f"{pdf} is only {pdf.stat().st_size} bytes") from None
        return f"{pdf.stat().st_size} bytes (pypdf not installed: text not checked)"
    text = unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in PdfReader(pdf).pages))
    if "BIÊN BẢN" not in text:
        raise SmokeFailure(f"{pdf} has no 'BIÊN BẢN' in its text: {text[:200]!r}")
    return f"{pdf.stat().st_size} bytes, its text has 'BIÊN BẢN'"


def check_cli(dist: Path, work: Path, env: dict[str, str], timeout: float) -> Path:
    # A windowed .exe has no stdout on Windows: there the console twin khoi.exe runs the commands.
    cli = str(dist / f"{CLI_NAME if IS_WINDOWS else GUI_NAME}{EXE_SUFFIX}")
    database = work / "demo.sqlite"
    started = time.perf_counter()
    result = run([cli, "demo", "--db", str(database)], env, timeout)
    ok(f"demo ({time.perf_counter() - started:.2f} s): {result.stdout.strip()}")
    result = run([cli, "list", "meetings", "--db", str(database)], env, timeout)
    rows = [line.split("\t") for line in result.stdout.splitlines() if line.strip()]
    if not rows or not rows[0][0].isdigit():
        raise SmokeFailure(f"list meetings printed no meeting: {result.stdout[:200]!r}")
    meeting_id = rows[0][0]
    ok(f"list meetings: {len(rows)} meetings, first id {meeting_id}")
    pdf = work / "bb.pdf"
    result = run([cli, "minutes", meeting_id, "--out", str(pdf), "--db", str(database)], env, timeout)
    ok(f"minutes {meeting_id}: {result.stdout.strip()}")
    ok(f"PDF {check_pdf(pdf)}")
    started = time.perf_counter()
    run([str(dist / f"{CLI_NAME}{EXE_SUFFIX}"), "--help"], env, timeout)
    ok(f"{CLI_NAME}{EXE_SUFFIX} --help ({time.perf_counter() - started:.2f} s)")
    return database


def time_gui(dist: Path, database: Path, work: Path, env: dict[str, str], runs: int,
             timeout: float) -> list[float]:
    """Seconds from start to exit of the GUI, which quits once its main window is up."""
    data_dir = work / "gui"
    data_dir.mkdir()
    shutil.copy2(database, data_dir / "khoi.sqlite")  # the default database of KHOI_DATA_DIR
    gui_env = dict(env, KHOI_DATA_DIR=str(data_dir), **{SMOKE_ENV: "0"})
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            result = subprocess.run([str(dist / f"{GUI_NAME}{EXE_SUFFIX}")], env=gui_env, capture_output=True,
                                    text=True, encoding="utf-8", errors="replace", timeout=timeout)
        except subprocess.TimeoutExpired:
            raise SmokeFailure(
                f"the GUI did not quit within {timeout:.0f} s: does ui/app.py honour {SMOKE_ENV} "
                "(quit once the main window is shown)?") from None
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise SmokeFailure(f"the GUI exited {result.returncode}\n{result.stdout}{result.stderr}")
        times.append(elapsed)
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / GUI_NAME, help="the one-folder bundle")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI start")
    parser.add_argument("--max-start", type=float, default=2.0 if sys.platform.startswith("linux") else None,
                        help="fail when the median warm GUI start takes longer (seconds)")
    parser.add_argument("--runs", type=int, default=4, help="GUI starts: one cold, the rest warm")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)

    dist = args.dist.resolve()
    work = Path(tempfile.mkdtemp(prefix="khoi-smoke-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KHOI_DATA_DIR=str(work / "data"))
    env.pop(SMOKE_ENV, None)
    print(f"Smoke test of {dist} (temporary folder {work})", flush=True)
    try:
        check_bundle(dist)
        database = check_cli(dist, work, env, args.timeout)
        if not args.no_gui:
            times = time_gui(dist, database, work, env, max(args.runs, 2), args.timeout)
            warm = statistics.median(times[1:])
            ok(f"GUI started offscreen and quit after showing its window: cold {times[0]:.2f} s, "
               f"warm median {warm:.2f} s ({', '.join(f'{t:.2f}' for t in times[1:])})")
            if args.max_start is not None and warm > args.max_start:
                raise SmokeFailure(f"the GUI start took {warm:.2f} s, over the {args.max_start:.1f} s target")
    except (SmokeFailure, subprocess.TimeoutExpired) as failure:
        print(f"FAIL  {failure}", flush=True)
        return 1
    finally:
        if args.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("Smoke test passed.", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
