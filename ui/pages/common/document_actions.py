"""Xem / In / Lưu thành… for any document the app writes as PDF (meetings, registrations, ratings).

* **Xem** writes a preview to a temporary folder (``final=False``: no number is taken) and
  shows it in the app's own preview window (``pdf_preview``), whose "In…" and "Lưu thành…"
  write the final document; "Mở bằng chương trình khác" hands the file to the system viewer;
* **In** writes the final document and opens the system print dialog (printer, copies, pages,
  two-sided); the pages are printed at the printer's resolution;
* **Lưu thành…** asks where to save (an ASCII-safe name is suggested, in the folder used
  last) and writes the final document there.

A :class:`DocumentJob` says what to write; its ``write(target, final)`` runs on the task
runner and returns something with ``path`` and ``title`` (and optionally ``number_text``).
Its optional ``confirm(then)`` is asked before In and Lưu thành… (from the buttons and from the
preview window alike), e.g. whether to make a draft of a year not yet ended; Xem never asks.
Opening and printing are behind two callables so tests never launch a viewer or a print dialog
(``opener=None``, the default, means the preview window).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.pages.common.pdf_preview import PreviewWindow, print_pdf
from ui.prompts import Prompts
from ui.tasks import TaskRunner

PDF_FILTER = "Tệp PDF (*.pdf)"
PRINT_ELSEWHERE = "Chưa in"
PREVIEW, PRINT, SAVE_AS = "Xem", "In", "Lưu thành…"
ACTIONS = ((PREVIEW, "Xem trước trong chương trình"), (PRINT, "Chọn máy in, số bản, trang và in"),
           (SAVE_AS, "Lưu thành tệp PDF"))
Opener = Callable[[Path], None]
Printer = Callable[[Path], bool]
Before = Callable[[Callable[[], None]], None]


def open_with_system(path: Path) -> None:
    """Open ``path`` in the system's PDF viewer ("Mở bằng chương trình khác")."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(frozen=True)
class DocumentJob:
    """One document to write: its label ('Bản đăng ký'), the suggested file name, the writer."""

    label: str
    file_name: str  # ASCII, ending in .pdf
    write: Callable[[Path, bool], Any]  # (target, final) -> an object with .path and .title
    confirm: Before | None = None  # before a final write: calls ``then`` only when the clerk agrees


def _number(doc: Any) -> str:
    text = getattr(doc, "number_text", "")
    return f" {text}" if text else ""


class DocumentActions(QObject):
    """Runs Xem / In / Lưu thành… for :class:`DocumentJob` s; ``status`` tells what was done."""

    status = Signal(str)
    written = Signal(object)  # the result of a final write (In, Lưu thành…)

    def __init__(self, tasks: TaskRunner, prompts: Prompts, *, opener: Opener | None = None,
                 printer: Printer = print_pdf, preview_dir: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._prompts = tasks, prompts
        self.opener, self.printer = opener, printer
        self.preview_dir = preview_dir
        self.last_dir: Path | None = None
        self._serial = 0

    def act(self, action: str, job: DocumentJob, before: Before | None = None) -> None:
        """Xem, In or Lưu thành… ``job``; ``before(then)`` may store pending edits first."""
        if action != PREVIEW and job.confirm is not None:
            job.confirm(lambda: self._act(action, job, before))
        else:
            self._act(action, job, before)

    def _act(self, action: str, job: DocumentJob, before: Before | None) -> None:
        before = before or (lambda then: then())
        if action == SAVE_AS:
            target = self.ask_target(job)
            if target is not None:
                before(lambda: self._write(job, target, True, self._saved))
        elif action == PREVIEW:
            before(lambda: self._write(job, self.temporary(job, "ban_xem"), False,
                                       lambda doc: self._previewed(doc, job)))
        else:
            before(lambda: self._write(job, self.temporary(job, "ban_in"), True, self._to_printer))

    def ask_target(self, job: DocumentJob) -> Path | None:
        """Where to save ``job`` (the suggested name in the last folder); '.pdf' added when missing."""
        suggested = str(self.last_dir / job.file_name) if self.last_dir else job.file_name
        path = self._prompts.ask_save_path(f"Lưu {job.label.lower()} thành tệp PDF", suggested, PDF_FILTER)
        if path is None:
            return None
        path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
        self.last_dir = path.parent
        return path

    def temporary(self, job: DocumentJob, word: str) -> Path:
        if self.preview_dir is None:
            self.preview_dir = Path(tempfile.mkdtemp(prefix="khoi_van_ban_"))
        self.preview_dir.mkdir(parents=True, exist_ok=True)
        self._serial += 1  # a viewer may keep the last file open (and locked on Windows)
        stem = job.file_name[:-4] if job.file_name.lower().endswith(".pdf") else job.file_name
        return self.preview_dir / f"{stem}_{word}_{self._serial}.pdf"

    def _write(self, job: DocumentJob, target: Path, final: bool, done: Callable[[Any], None]) -> None:
        self.status.emit(f"Đang tạo {job.label.lower()}…")

        def written(doc: Any) -> None:
            done(doc)
            if final:
                self.written.emit(doc)

        def failed(exc: BaseException) -> None:
            self.status.emit("")
            self._prompts.show_error(exc, f"tạo {job.label.lower()}")

        self._tasks.call(lambda: job.write(target, final), written, failed)

    def _previewed(self, doc: Any, job: DocumentJob) -> None:
        if self.opener is not None:
            self.opener(doc.path)
        else:
            self.show_preview(doc, job)
        self.status.emit(f"Đã mở bản xem trước: {doc.title}" + (f" ({doc.number_text})"
                                                                 if getattr(doc, "number_text", "") else ""))

    def show_preview(self, doc: Any, job: DocumentJob) -> PreviewWindow:
        """The preview window of ``doc``; its In… and Lưu thành… write the final ``job``."""
        window = PreviewWindow(doc.path, doc.title, on_print=lambda: self.act(PRINT, job),
                               on_save=lambda: self.act(SAVE_AS, job),
                               on_open_elsewhere=lambda: open_with_system(doc.path))
        self.preview_windows = [w for w in getattr(self, "preview_windows", []) if w.isVisible()] + [window]
        window.show()
        return window

    def _to_printer(self, doc: Any) -> None:
        if self.printer(doc.path):
            self.status.emit(f"Đã gửi tới máy in: {doc.title}{_number(doc)}")
        else:
            self.status.emit(f"{PRINT_ELSEWHERE}: {doc.title}{_number(doc)} đã tạo, hộp thoại in đã đóng")

    def _saved(self, doc: Any) -> None:
        self.status.emit(f"Đã lưu {doc.title}{_number(doc)} vào “{doc.path}”")


class DocumentButtons(QWidget):
    """A caption and the three buttons, for the document ``job()`` returns (None: nothing to print)."""

    def __init__(self, label: str, actions: DocumentActions, job: Callable[[], DocumentJob | None],
                 tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions, self._job = actions, job
        self.caption = QLabel(label)
        self.caption.setToolTip(tooltip)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.caption)
        for action, tip in ACTIONS:
            button = QPushButton(action)
            button.setToolTip(f"{tip}: {label.lower()}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, a=action: self.act(a))
            self.buttons[action] = button
            row.addWidget(button)

    def act(self, action: str) -> None:
        job = self._job()
        if job is not None:
            self._actions.act(action, job)

    def set_available(self, available: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(available)
