"""Turn a story into deterministic PDF bytes on Party-layout pages, and save them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from khoi_desktop.domain import vntext
from khoi_desktop.reports import fonts
from khoi_desktop.reports.layout import LayoutSpec

CREATOR = "Khối Desktop"


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata, in Vietnamese: shown by viewers and used by search."""

    title: str
    subject: str = ""
    author: str = ""


def _draw_page_number(canvas: Canvas, doc: SimpleDocTemplate, *, layout: LayoutSpec, font: str) -> None:
    """Page numbers start on page 2, centred at the top (HD 36)."""
    width, height = layout.page_size_points
    canvas.saveState()
    canvas.setFont(font, layout.page_number_size)
    canvas.drawCentredString(width / 2, height - layout.page_number_top_mm * mm, str(doc.page))
    canvas.restoreState()


def _no_page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """The first page carries no number."""


def build_pdf(story: Sequence[Flowable], info: DocumentInfo, layout: LayoutSpec) -> bytes:
    """Lay out ``story`` and return the PDF; identical input gives identical bytes."""
    family = fonts.register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=layout.page_size_points,
        topMargin=layout.margin_top_mm * mm,
        bottomMargin=layout.margin_bottom_mm * mm,
        leftMargin=layout.margin_left_mm * mm,
        rightMargin=layout.margin_right_mm * mm,
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
    later_pages = partial(_draw_page_number, layout=layout, font=family.regular)
    document.build(list(story), onFirstPage=_no_page_number, onLaterPages=later_pages)
    return buffer.getvalue()


def save_pdf(pdf: bytes, target: Path) -> Path:
    """Write a finished PDF; built in memory first, so a failed build leaves no half file."""
    target = Path(target)
    target.write_bytes(pdf)
    return target
