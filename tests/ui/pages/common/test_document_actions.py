"""Xem / In / Lưu thành…: the preview opens in the app, its In… prints the final document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen import canvas

from ui.pages.common.document_actions import PRINT, PRINT_ELSEWHERE, DocumentActions, DocumentJob
from ui.pages.common.pdf_preview import PreviewWindow


@dataclass(frozen=True)
class Written:
    path: Path
    title: str
    number_text: str


def writer(finals: list[bool]):
    def write(target: Path, final: bool) -> Written:
        pdf = canvas.Canvas(str(target))
        pdf.drawString(100, 700, "Số 01-BB/CB" if final else "Bản xem trước")
        pdf.save()
        finals.append(final)
        return Written(target, "Biên bản", "Số 01-BB/CB" if final else "")
    return write


def test_preview_window_prints_the_final_document(qtbot, tasks, prompts, tmp_path: Path) -> None:
    """Xem shows the unnumbered preview in the app; its In… writes the numbered one and hands it to the printer."""
    printed: list[Path] = []
    statuses: list[str] = []
    finals: list[bool] = []
    actions = DocumentActions(tasks, prompts, printer=lambda path: printed.append(path) or True,
                              preview_dir=tmp_path / "xem thử")
    actions.status.connect(statuses.append)
    job = DocumentJob("Biên bản", "bien_ban.pdf", writer(finals))
    actions.act("Xem", job)
    tasks.wait_idle()
    window = actions.preview_windows[-1]
    qtbot.addWidget(window)
    assert isinstance(window, PreviewWindow) and window.isVisible()
    assert finals == [False]
    window.buttons["In…"].click()
    tasks.wait_idle()
    assert finals == [False, True] and len(printed) == 1 and printed[0].is_file()
    assert statuses[-1] == "Đã gửi tới máy in: Biên bản Số 01-BB/CB"


def test_closed_print_dialog_says_nothing_was_printed(qtbot, tasks, prompts, tmp_path: Path) -> None:
    """When the print dialog is closed the status says the document was made but not printed."""
    statuses: list[str] = []
    actions = DocumentActions(tasks, prompts, opener=lambda _path: None, printer=lambda _path: False,
                              preview_dir=tmp_path)
    actions.status.connect(statuses.append)
    actions.act(PRINT, DocumentJob("Biên bản", "bien_ban.pdf", writer([])))
    tasks.wait_idle()
    assert statuses[-1].startswith(PRINT_ELSEWHERE) and "Số 01-BB/CB" in statuses[-1]
