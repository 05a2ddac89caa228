"""The look: a light stylesheet, a Vietnamese-capable system font, the application icon, styled labels."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QLabel

from khoi_desktop import paths

ACCENT = "#b3261e"
ACCENT_SOFT = "#fbe9e7"
FONT_POINT_SIZE = 10

# Fonts that carry every Vietnamese letter and tone mark, best first per platform.
FONT_FAMILIES = {
    "win32": ("Segoe UI", "Arial", "Tahoma"),
    "darwin": ("Helvetica Neue", "Arial"),
}
FALLBACK_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans")

STYLESHEET = f"""
QMainWindow, QDialog {{ background: #f6f7f9; }}
QScrollArea#pageScroll, QScrollArea#pageScroll > QWidget > QWidget {{ background: #f6f7f9; }}
QListWidget#navigation {{
    background: #ffffff;
    border: none;
    border-right: 1px solid #dfe3e8;
    padding-top: 8px;
    outline: 0;
}}
QListWidget#navigation::item {{
    min-height: 38px;
    padding-left: 16px;
    margin: 2px 8px;
    border-radius: 6px;
    color: #1f2933;
}}
QListWidget#navigation::item:hover {{ background: #f1f3f5; }}
QListWidget#navigation::item:selected {{
    background: {ACCENT_SOFT};
    color: {ACCENT};
    font-weight: 600;
}}
QLabel#pageTitle {{ font-size: 18pt; font-weight: 600; color: #1f2933; }}
QLabel#pageSubtitle {{ color: #52606d; }}
QLabel#fieldError {{ color: {ACCENT}; font-weight: 600; }}
QLabel#fieldHint {{ color: #6b7785; font-size: 9pt; }}
QStatusBar QLabel {{ padding: 2px 8px; }}
QLabel#welcomeTitle {{ font-size: 20pt; font-weight: 600; color: #1f2933; }}
QFrame#countCard {{
    background: #ffffff;
    border: 1px solid #dfe3e8;
    border-radius: 8px;
}}
QLabel#countValue {{ font-size: 20pt; font-weight: 600; color: {ACCENT}; }}
QLabel#countLabel {{ color: #52606d; }}
QPushButton {{
    padding: 5px 14px;
    border: 1px solid #c4cad1;
    border-radius: 5px;
    background: #ffffff;
}}
QPushButton:hover {{ background: #f1f3f5; }}
QPushButton:disabled {{ color: #9aa5b1; }}
QPushButton:default {{ border: 1px solid {ACCENT}; }}
QPushButton#choiceButton {{ text-align: left; padding: 0; }}
QLabel#choiceTitle {{ font-size: 12pt; font-weight: 600; color: #1f2933; }}
QLabel#choiceDetail {{ color: #52606d; }}
QPushButton#choiceButton:hover {{ border-color: {ACCENT}; background: {ACCENT_SOFT}; }}
QTreeView, QTableView {{
    background: #ffffff;
    border: 1px solid #dfe3e8;
    selection-background-color: {ACCENT_SOFT};
    selection-color: #1f2933;
}}
QTreeView::item {{ min-height: 26px; }}
QHeaderView::section {{
    background: #f1f3f5;
    border: none;
    border-bottom: 1px solid #dfe3e8;
    padding: 5px 8px;
    font-weight: 600;
}}
QStatusBar {{ background: #ffffff; border-top: 1px solid #dfe3e8; }}
"""


def ui_font() -> QFont:
    """The platform's Vietnamese-capable UI font (Segoe UI on Windows) at a readable size."""
    families = list(FONT_FAMILIES.get(sys.platform, ())) + list(FALLBACK_FAMILIES)
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(FONT_POINT_SIZE)
    return font


def app_icon() -> QIcon:
    """The red square with the yellow star, from resources/icons."""
    icon = QIcon()
    folder = paths.resources_dir() / "icons"
    for name in ("khoi.svg", "khoi.png"):
        if (folder / name).is_file():
            icon.addFile(str(folder / name))
    return icon


def named_label(text: str, name: str, *, wrap: bool = False) -> QLabel:
    """A label the stylesheet draws by its object ``name`` ('pageTitle', 'pageSubtitle', 'countLabel'…)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def apply_style(app: QApplication) -> None:
    """Font, stylesheet and icon for the whole application."""
    app.setFont(ui_font())
    app.setStyleSheet(STYLESHEET)
    app.setWindowIcon(app_icon())
