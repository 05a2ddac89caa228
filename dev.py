"""Set up the project's own virtual environment, then run the app or the tests.

    python dev.py run [ARGS...]   set up .venv and start Khối Desktop (ARGS go to main.py)
    python dev.py test [ARGS...]  set up .venv, then ruff, the import contracts and pytest
                                  (in parallel over the machine's cores; ARGS "-n 0" runs it serially)

Needs only Python 3.11+. The environment is rebuilt when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".khoi-installed"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / scripts / f"python{suffix}"


def wanted_stamp() -> str:
    text = (ROOT / "pyproject.toml").read_bytes()
    return hashlib.sha256(text + sys.version.encode()).hexdigest()


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an old Python
        raise SystemExit(f"Cần Python 3.11 trở lên (đang dùng {sys.version.split()[0]}).")
    python = venv_python()
    if not python.exists():
        print("Đang tạo môi trường Python riêng (.venv)…", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != wanted_stamp():
        print("Đang cài các thư viện cần thiết…", flush=True)
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted_stamp())
    return python


def run_tests(python: Path, extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    steps = [
        [str(python), "-m", "ruff", "check", "."],
        # pytest-xdist: one worker process per core, each with its own offscreen QApplication;
        # idle workers take queued tests from busy ones, so one slow file does not hold the run.
        [str(python), "-m", "pytest", "-n", "auto", "--dist", "worksteal", *extra],
    ]
    for step in steps:
        code = subprocess.run(step, cwd=ROOT, env=env).returncode
        if code != 0:
            return code
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    python = ensure_environment()
    if argv[0] == "test":
        return run_tests(python, argv[1:])
    return subprocess.run([str(python), str(ROOT / "main.py"), *argv[1:]], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
