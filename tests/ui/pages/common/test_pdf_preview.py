"""The app's own preview window and printing: real PDFs drawn by pypdfium2, printed to a PDF printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.pdfgen import canvas

from ui.pages.common.pdf_preview import FIT_WIDTH, PreviewWindow, page_count, print_pages, render_page


@pytest.fixture
def three_pages(tmp_path: Path) -> Path:
    """A real three-page A4 PDF in a folder with spaces and diacritics."""
    folder = tmp_path / "Văn bản của tôi"
    folder.mkdir()
    path = folder / "biên bản.pdf"
    pdf = canvas.Canvas(str(path))
    for number in (1, 2, 3):
        pdf.drawString(100, 700, f"Trang {number}")
        pdf.showPage()
    pdf.save()
    return path


def pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def test_printing_draws_the_chosen_pages_at_the_printers_resolution(qapp, three_pages: Path, tmp_path: Path) -> None:
    """Pages 2–3 of three, printed, make a two-page document of A4 sheets with the pages drawn on them."""
    target = tmp_path / "printed.pdf"
    printer = pdf_printer(target)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pages(three_pages, printer) == 2
    printed = PdfReader(target)
    assert len(printed.pages) == 2
    width, height = float(printed.pages[0].mediabox.width), float(printed.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    assert printed.pages[0].images, "the page was drawn as an image at the printer's resolution"


def test_printing_everything_by_default(qapp, three_pages: Path, tmp_path: Path) -> None:
    """With no range chosen every page is printed."""
    target = tmp_path / "all.pdf"
    assert print_pages(three_pages, pdf_printer(target)) == 3
    assert len(PdfReader(target).pages) == 3


def test_pages_render_with_ink(qapp, three_pages: Path) -> None:
    """A rendered page is A4-shaped and has dark pixels where the text is."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(three_pages))
    image = render_page(document, 0, 72)
    document.close()
    assert (image.width(), image.height()) == (596, 842)
    assert any(image.pixelColor(x, 842 - 700 - 4).lightness() < 128 for x in range(100, 160))
    assert page_count(three_pages) == 3


def test_preview_pages_through_zooms_and_offers_the_actions(qtbot, three_pages: Path) -> None:
    """The window shows page 1 of 3, pages forward, zooms, and its buttons call print, save and open."""
    called: list[str] = []
    window = PreviewWindow(three_pages, "Biên bản", on_print=lambda: called.append("in"),
                           on_save=lambda: called.append("lưu"), on_open_elsewhere=lambda: called.append("mở"))
    qtbot.addWidget(window)
    window.show()
    assert window.page_box.text() == "Trang 1 / 3"
    assert not window.buttons["◀ Trang trước"].isEnabled()
    window.buttons["Trang sau ▶"].click()
    window.buttons["Trang sau ▶"].click()
    assert window.page_box.value() == 3 and not window.buttons["Trang sau ▶"].isEnabled()
    assert window.zoom_box.currentText() == FIT_WIDTH
    window.zoom_box.setCurrentText("100%")
    small = window.page_label.pixmap().width()
    window.zoom_box.setCurrentText("200%")
    assert window.page_label.pixmap().width() == pytest.approx(2 * small, abs=2)
    for text in ("In…", "Lưu thành…", "Mở bằng chương trình khác"):
        window.buttons[text].click()
    assert called == ["in", "lưu", "mở"]
    assert window.height() <= window.screen().availableGeometry().height()
