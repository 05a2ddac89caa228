"""The GUI (PySide6). Importing any part of it first switches off PySide6's per-import source
scan (:mod:`ui.qt_startup`), before the app's own modules load."""

from ui.qt_startup import stop_feature_scan

stop_feature_scan()
