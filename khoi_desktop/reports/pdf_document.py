"""Turn a story into deterministic PDF bytes on Party-layout pages, and save them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from khoi_desktop.domain import vntext
from khoi_desktop.domain.errors import UserFacingError
from khoi_desktop.reports import fonts
from khoi_desktop.reports.flow import keep_first_lines
from khoi_desktop.reports.layout import LayoutSpec

CREATOR = "Khối Desktop"
PORTRAIT, LANDSCAPE = "party", "party_landscape"


class ReportTooLargeError(UserFacingError, ValueError):
    """A piece of text that must sit in one table cell does not fit on a page; shown to the clerk as is."""


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata, in Vietnamese: shown by viewers and used by search."""

    title: str
    subject: str = ""
    author: str = ""


def _draw_page_number(canvas: Canvas, doc: BaseDocTemplate, *, layout: LayoutSpec, font: str) -> None:
    """Page numbers start on page 2, centred at the top (HD 36); a draft's mark on every page."""
    if layout.draft_mark:
        _draw_draft_mark(canvas, layout, font)
    if doc.page < 2:
        return
    width, height = canvas._pagesize  # a landscape page numbers at its own top centre
    canvas.saveState()
    canvas.setFont(font, layout.page_number_size)
    canvas.drawCentredString(width / 2, height - layout.page_number_top_mm * mm, str(doc.page))
    canvas.restoreState()


def _draw_draft_mark(canvas: Canvas, layout: LayoutSpec, font: str) -> None:
    """'DỰ THẢO' in a box at the top right, above the header, where no text of the page runs."""
    width, height = canvas._pagesize
    text = vntext.clean(layout.draft_mark)
    size = layout.page_number_size
    text_width = canvas.stringWidth(text, font, size)
    right = width - layout.margin_right_mm * mm
    base = height - layout.page_number_top_mm * mm
    canvas.saveState()
    canvas.setFont(font, size)
    canvas.drawRightString(right, base, text)
    canvas.setLineWidth(0.8)
    canvas.rect(right - text_width - 4, base - 4, text_width + 8, size + 4, stroke=1, fill=0)
    canvas.restoreState()


def _page_template(layout: LayoutSpec, font: str, *, turned: bool = False) -> PageTemplate:
    """One frame exactly inside the margins (no padding, unlike SimpleDocTemplate's 6 pt).

    ``turned`` gives the landscape page a table too wide for the portrait one is printed on.
    """
    width, height = layout.landscape_size_points if turned else layout.page_size_points
    frame = Frame(
        layout.margin_left_mm * mm,
        layout.margin_bottom_mm * mm,
        width - (layout.margin_left_mm + layout.margin_right_mm) * mm,
        height - (layout.margin_top_mm + layout.margin_bottom_mm) * mm,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    return PageTemplate(LANDSCAPE if turned else PORTRAIT, frames=[frame], pagesize=(width, height),
                        onPage=partial(_draw_page_number, layout=layout, font=font))


def on_landscape_pages(flowables: Sequence[Flowable]) -> list[Flowable]:
    """``flowables`` (a wide table and its note) on pages of their own turned to landscape.

    A break at the top of a page that has not begun only switches the template: two wide tables
    in a row, or one after a page break or at the end, leave no blank page.
    """
    return [PageBreakIfNotEmpty(nextTemplate=LANDSCAPE), *flowables, PageBreakIfNotEmpty(nextTemplate=PORTRAIT)]


def build_pdf(story: Sequence[Flowable], info: DocumentInfo, layout: LayoutSpec) -> bytes:
    """Lay out ``story`` and return the PDF; identical input gives identical bytes."""
    family = fonts.register_fonts()
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=layout.page_size_points,
        pageTemplates=[_page_template(layout, family.regular),
                       _page_template(layout, family.regular, turned=True)],
        title=vntext.clean(info.title),
        subject=vntext.clean(info.subject),
        author=vntext.clean(info.author),
        creator=CREATOR,
        lang="vi-VN",
        # Fixed dates and file ID, and our font as the canvas' initial one (no Helvetica).
        invariant=1,
        initialFontName=family.regular,
        initialFontSize=layout.body_size,
    )
    try:
        frame_height = layout.page_size_points[1] - (layout.margin_top_mm + layout.margin_bottom_mm) * mm
        document.build(keep_first_lines(story, layout.frame_width, frame_height))
    except LayoutError as error:
        # Names, positions and the header sit in table cells, which cannot run over a page.
        raise ReportTooLargeError(
            "Không in được văn bản: một tên, chức vụ hoặc nơi nhận quá dài để nằm trong một trang. "
            "Hãy rút gọn nội dung đó rồi in lại."
        ) from error
    return buffer.getvalue()


def save_pdf(pdf: bytes, target: Path) -> Path:
    """Write a finished PDF; built in memory first, so a failed build leaves no half file."""
    target = Path(target)
    target.write_bytes(pdf)
    return target
