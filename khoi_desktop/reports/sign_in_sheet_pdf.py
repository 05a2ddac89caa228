"""Danh sách đảng viên dự họp: the sheet members sign at a meeting, from :class:`SignInSheetData`."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, LongTable, Paragraph

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec, build_styles
from khoi_desktop.reports.meeting_docs import SignInSheetData
from khoi_desktop.reports.party_blocks import document_opening, table_style
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf

COLUMN_TITLES = ("STT", "Họ và tên", "Chức vụ", "Ký tên")
# Shares of the text width, so the sheet also fits A5.
COLUMN_SHARES = (0.08, 0.40, 0.30, 0.22)
# Generous vertical padding leaves room for a handwritten signature.
ROW_PADDING = 7


def build_sign_in_sheet_bytes(data: SignInSheetData, layout: LayoutSpec | None = None) -> bytes:
    """The sign-in sheet as PDF bytes."""
    layout = layout or LayoutSpec()
    info = DocumentInfo(
        title=f"{vntext.clean(data.title)} {vntext.clean(data.summary)}".strip(),
        subject=data.summary,
        author=data.issuer.name,
    )
    return build_pdf(sign_in_sheet_story(data, layout), info, layout)


def write_sign_in_sheet(data: SignInSheetData, target: Path, layout: LayoutSpec | None = None) -> Path:
    """Write the sign-in sheet to ``target`` and return it."""
    return save_pdf(build_sign_in_sheet_bytes(data, layout), target)


def sign_in_sheet_story(data: SignInSheetData, layout: LayoutSpec) -> list[Flowable]:
    """Header (no number: the sheet is an annex of the minutes), title, then the table."""
    story = document_opening(data.issuer, None, data.meeting_on, data.title, data.summary, layout)
    story.append(_sign_in_table(data, layout))
    return story


def _sign_in_table(data: SignInSheetData, layout: LayoutSpec) -> LongTable:
    """Numbered rows; the column titles repeat at the top of every page."""
    styles = build_styles(layout)
    rows: list[list[Flowable]] = [[Paragraph(title, styles.table_header) for title in COLUMN_TITLES]]
    for number, row in enumerate(data.rows, 1):
        rows.append(
            [
                Paragraph(str(number), styles.table_cell_centred),
                Paragraph(markup.inline(row.name), styles.table_cell),
                Paragraph(markup.inline(row.position), styles.table_cell),
                Paragraph("", styles.table_cell),
            ]
        )
    widths = [layout.frame_width * share for share in COLUMN_SHARES]
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), ROW_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), ROW_PADDING),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        )
    )
    return table
