"""The app's own PDF preview and printing: pages drawn with pypdfium2, printed through Qt.

:class:`PreviewWindow` shows one page at a time with zoom and paging, and offers "In…",
"Lưu thành…" and "Mở bằng chương trình khác" (the system viewer). :func:`print_pdf` asks the
system print dialog (printer, copies, pages, two-sided) and draws every chosen page at the
printer's own resolution.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

POINTS_PER_INCH = 72
MAX_PRINT_DPI = 600  # an A4 page at 600 dpi is 140 MB in memory; more buys nothing on paper
ZOOMS = (50, 75, 100, 125, 150, 200)
FIT_WIDTH = "Vừa chiều rộng"


def render_page(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """Page ``index`` (0-based) as an RGB image at ``dpi``."""
    bitmap = document[index].render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # the bitmap's memory goes with it


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def print_pages(path: Path, printer: QPrinter) -> int:
    """Draw the pages of ``path`` the printer's settings ask for; the number of sheets drawn.

    Each page is rendered at the printer's resolution (at most 600 dpi) and fitted to the paper.
    Copies are left to the printer when it can make them, else drawn again.
    """
    document = pdfium.PdfDocument(str(path))
    try:
        first, last = _chosen_pages(printer, len(document))
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        printer.setFullPage(True)  # the PDF carries its own margins
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        drawn = 0
        try:
            for _copy in range(copies):
                for index in range(first, last + 1):
                    if drawn:
                        printer.newPage()
                    _draw_fitted(painter, render_page(document, index, dpi),
                                 printer.paperRect(QPrinter.Unit.DevicePixel).toRect())
                    drawn += 1
        finally:
            painter.end()
        return drawn
    finally:
        document.close()


def _chosen_pages(printer: QPrinter, count: int) -> tuple[int, int]:
    """0-based first and last page: all, or the range typed in the dialog (clamped)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return first - 1, max(first, last) - 1
    return 0, count - 1


def _draw_fitted(painter: QPainter, image: QImage, paper: QRect) -> None:
    scaled = image.size().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(paper.x() + (paper.width() - scaled.width()) // 2,
                   paper.y() + (paper.height() - scaled.height()) // 2, scaled.width(), scaled.height())
    painter.drawImage(target, image)


def print_pdf(path: Path, parent: QWidget | None = None) -> bool:
    """Ask the system print dialog and print ``path``; False when the clerk closed it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(path.stem)
    dialog = QPrintDialog(printer, parent or QApplication.activeWindow())
    dialog.setWindowTitle("In văn bản")
    dialog.setMinMax(1, page_count(path))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCollateCopies, True)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return print_pages(path, printer) > 0


class PreviewWindow(QWidget):
    """A document's pages, one at a time, with zoom, paging and the print/save/open actions."""

    def __init__(self, path: Path, title: str, *, on_print: Callable[[], None],
                 on_save: Callable[[], None], on_open_elsewhere: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Xem trước — {title}")
        self.path = path
        self._document = pdfium.PdfDocument(str(path))
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.page_box = QSpinBox()
        self.page_box.setRange(1, len(self._document))
        self.page_box.setSuffix(f" / {len(self._document)}")
        self.page_box.setPrefix("Trang ")
        self.zoom_box = QComboBox()
        self.zoom_box.addItems([FIT_WIDTH, *(f"{zoom}%" for zoom in ZOOMS)])
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar(on_print, on_save, on_open_elsewhere))
        layout.addWidget(self.scroll, 1)
        self.page_box.valueChanged.connect(self.show_page)
        self.zoom_box.currentIndexChanged.connect(lambda _index: self.show_page(self.page_box.value()))
        for keys, step in ((QKeySequence.StandardKey.MoveToNextPage, 1), (QKeySequence.StandardKey.MoveToPreviousPage, -1)):
            QShortcut(keys, self, lambda s=step: self.page_box.setValue(self.page_box.value() + s))
        self._document_closed = False
        self.scroll.viewport().installEventFilter(self)
        self._fit_screen()
        self.show_page(1)

    def _toolbar(self, on_print: Callable[[], None], on_save: Callable[[], None],
                 on_open_elsewhere: Callable[[], None]) -> QHBoxLayout:
        row = QHBoxLayout()
        steps = (("◀ Trang trước", lambda: self.page_box.setValue(self.page_box.value() - 1)),
                 ("Trang sau ▶", lambda: self.page_box.setValue(self.page_box.value() + 1)))
        actions = (("In…", on_print), ("Lưu thành…", on_save), ("Mở bằng chương trình khác", on_open_elsewhere))
        row.addWidget(self._button(*steps[0]))
        row.addWidget(self.page_box)
        row.addWidget(self._button(*steps[1]))
        row.addWidget(QLabel("Cỡ xem:"))
        row.addWidget(self.zoom_box)
        row.addStretch(1)
        for text, slot in actions:
            row.addWidget(self._button(text, slot))
        return row

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons[text] = button
        return button

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(980, screen.width() - 40), min(900, screen.height() - 60))

    def zoom_dpi(self) -> float:
        """Screen pixels per inch for the chosen zoom; 'Vừa chiều rộng' fits the page to the view."""
        text = self.zoom_box.currentText()
        if text == FIT_WIDTH:
            width_points = self._document[self.page_box.value() - 1].get_width()
            usable = max(200, self.scroll.viewport().width() - 24)
            return usable / width_points * POINTS_PER_INCH
        return self.logicalDpiX() * int(text.rstrip("%")) / 100

    def show_page(self, number: int) -> None:
        image = render_page(self._document, number - 1, self.zoom_dpi())
        self.page_label.setPixmap(QPixmap.fromImage(image))
        self.buttons["◀ Trang trước"].setEnabled(number > 1)
        self.buttons["Trang sau ▶"].setEnabled(number < len(self._document))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The view changed width: "Vừa chiều rộng" draws the page again to fit it."""
        if (watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize
                and self.zoom_box.currentText() == FIT_WIDTH and not self._document_closed):
            self.show_page(self.page_box.value())
        return False

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self._document_closed = True
        self._document.close()  # Windows keeps the file locked while it is open
        super().closeEvent(event)
