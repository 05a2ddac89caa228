"""Where things live: the user data folder, the default database, bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "KhoiDesktop"
DATA_DIR_ENV = "KHOI_DATA_DIR"


def user_data_dir() -> Path:
    """The user's data folder; ``KHOI_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_database() -> Path:
    return user_data_dir() / "khoi.sqlite"


def resources_dir() -> Path:
    """Bundled resources, also when frozen by PyInstaller (``sys._MEIPASS``)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def guide_dir() -> Path:
    """The user guide (README.md and its pictures): bundled beside the resources when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "guide"
    return Path(__file__).resolve().parent.parent / "docs" / "guide"
