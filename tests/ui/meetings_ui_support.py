"""Helpers shared by the meetings GUI tests: settling the worker, a ready meeting, PDF text."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.core.meetings_support import Branch, Kit, hand_counted_branch, new_meeting
from ui.tasks import TaskRunner


def settle(tasks: TaskRunner, rounds: int = 4) -> None:
    """Let queued reloads (QTimer) and background jobs, with their callbacks, finish."""
    for _ in range(rounds):
        QApplication.processEvents()
        tasks.wait_idle()


def branch_meeting(kit: Kit) -> tuple[Branch, int]:
    """The hand-counted chi bộ and a meeting on 05/11/2026 chaired by An, minutes by Bình, nobody marked."""
    branch = hand_counted_branch(kit.services)
    return branch, new_meeting(kit, branch.branch_id, branch.people["An"], branch.people["Bình"])


def pdf_text(path: Path) -> str:
    """Every page's text, whitespace squashed to single spaces."""
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.split())


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, as a keyboard or an input method's committed letters arrive.

    QTest.keyClicks aborts on letters outside Latin-1 ('đ', 'ô'), so each letter is sent as
    a key press and release carrying its text.
    """
    for letter in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                     letter))
