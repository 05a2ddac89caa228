"""Printing through Windows: a PDF viewer without a "print" verb falls back to opening the file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui.pages.common import document_actions
from ui.pages.common.document_actions import print_with_system


def test_no_print_verb_means_open_it_instead(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """WinError 1155 (Edge reads PDFs, no print verb) is False, so the viewer opens; no traceback reaches the clerk."""
    def refuse(path: str, operation: str) -> None:
        raise OSError(1155, "No application is associated with the specified file for this operation")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(document_actions.os, "startfile", refuse, raising=False)
    assert print_with_system(tmp_path / "bien_ban.pdf") is False
