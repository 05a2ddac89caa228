#!/usr/bin/env bash
# Build the PyInstaller spec on Linux into build/ and dist/ (both git-ignored), then run the
# smoke test on the bundle. The build uses its own throwaway virtual environment, never .venv:
#
#   bash packaging/build_linux.sh              build + smoke test
#   bash packaging/build_linux.sh --no-smoke   build only
#   bash packaging/build_linux.sh --no-gui     build + smoke test without the GUI start
#                                              (other arguments go to smoke_test.py too)
#   KHOI_BUILD_VENV=/path/to/venv PYTHON=python3.11 bash packaging/build_linux.sh
#
# Needs Python 3.11+ built with a shared libpython (distribution, pyenv with
# --enable-shared, or actions/setup-python all are).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${KHOI_BUILD_VENV:-${TMPDIR:-/tmp}/khoi-build-venv}

if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating the build environment $VENV"
    "$PYTHON" -m venv "$VENV"
fi
# pypdf only lets the smoke test read the PDF's text; the spec keeps it out of the bundle.
"$VENV/bin/python" -m pip install --disable-pip-version-check -q pyinstaller pypdf -e .

"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build packaging/khoi_desktop.spec

echo "Bundle: dist/KhoiDesktop ($(du -sh dist/KhoiDesktop | cut -f1))"
if [ "${1:-}" != "--no-smoke" ]; then
    "$VENV/bin/python" packaging/smoke_test.py --dist dist/KhoiDesktop "$@"
fi
