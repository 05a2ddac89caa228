"""The combo boxes of the lists' filter rows: an "any" entry first, then the choices, each carrying its code.

The code of the entry chosen is ``currentData()`` (None for the "any" entry), so a page filters
by the same code values the services and an overview figure's criteria use.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox

from khoi_desktop.domain.enums import LabelledEnum


def choice_combo(any_text: str, choices: Iterable[tuple[str, str]]) -> QComboBox:
    """``any_text`` (code None), then each (label, code) of ``choices``."""
    combo = QComboBox()
    combo.addItem(any_text, None)
    for label, code in choices:
        combo.addItem(label, code)
    return combo


def enum_choices(members: Iterable[LabelledEnum]) -> list[tuple[str, str]]:
    """(Vietnamese label, code) of each member, in the enum's order."""
    return [(member.label, member.value) for member in members]


def choose_code(combo: QComboBox, code: str | None, *, quietly: bool = False) -> None:
    """Choose the entry of ``code``; an unknown code (or None) chooses the first, "any" entry.

    ``quietly`` chooses without ``currentIndexChanged`` (the caller reloads or narrows itself).
    """
    index = max(0, combo.findData(code)) if code is not None else 0
    if quietly:
        with QSignalBlocker(combo):
            combo.setCurrentIndex(index)
    else:
        combo.setCurrentIndex(index)
