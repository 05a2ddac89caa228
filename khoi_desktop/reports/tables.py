"""A ruled table in the Party documents' font: header repeated on every page, spanning group rows.

Used by the study documents (registration items, ratings lists). Cells are markup (escape
user text with :mod:`khoi_desktop.reports.markup` first), except in the ``plain`` columns:
short one-line text (numbers, level codes) drawn directly, several times faster to lay out
than a paragraph. A row given as one string is a group heading spanning the whole width.

Columns are sized from their content by :mod:`khoi_desktop.reports.text_fit`, as in the
year-end report: no number, ratio, percentage, document number or word ever breaks; the type
shrinks down to 9 pt, and a table still too wide prints on landscape pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.platypus import Flowable, LongTable, Paragraph

from khoi_desktop.domain import vntext
from khoi_desktop.reports import fonts, markup, text_fit
from khoi_desktop.reports.layout import LayoutSpec, build_styles
from khoi_desktop.reports.party_blocks import table_style
from khoi_desktop.reports.pdf_document import on_landscape_pages

Row = Sequence[str] | str
CELL_PADDING = 3


def grid_fit(header: Sequence[str], rows: Sequence[Row], layout: LayoutSpec) -> text_fit.TableFit:
    """Type size, column widths and orientation from the printed text of the header and cells."""
    lines = [row for row in rows if not isinstance(row, str)]
    columns = [[markup.plain(row[index]) for row in lines] for index in range(len(header))]
    return text_fit.fit_table([markup.plain(title) for title in header], columns, layout.table_size, CELL_PADDING,
                              layout.frame_width, layout.landscape_frame_width)


def grid_table(header: Sequence[str], rows: Sequence[Row], layout: LayoutSpec, centred: Sequence[int] = (0,),
               plain: Sequence[int] = (), bold: Sequence[int] = (), lead: Sequence[Flowable] = ()) -> list[Flowable]:
    """``lead`` (the line introducing the table) and the table, on landscape pages of their own when
    too wide; ``centred`` lists the centred column indexes.

    ``plain`` columns hold plain text (not markup) that never wraps; ``bold`` ones among them
    are set in bold.
    """
    fit = grid_fit(header, rows, layout)
    styles = build_styles(_sized(layout, fit.size))
    family = fonts.register_fonts()
    grid: list[list[object]] = [[Paragraph(title, styles.table_header) for title in header]]
    spans = []
    for row in rows:
        if isinstance(row, str):
            spans.append(len(grid))
            grid.append([Paragraph(row, styles.table_cell), *([""] * (len(header) - 1))])
            continue
        grid.append([family.printable(vntext.clean(cell)) if index in plain else
                     Paragraph(cell, styles.table_cell_centred if index in centred else styles.table_cell)
                     for index, cell in enumerate(row)])
    # A row may break across pages (at least two lines each side): a long note or item still prints.
    table = LongTable(grid, colWidths=fit.widths, repeatRows=1, splitByRow=0,
                      splitInRow=2 * fit.size * layout.line_spacing)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTSIZE", (0, 0), (-1, -1), fit.size),
        ("LEADING", (0, 0), (-1, -1), fit.size * layout.line_spacing),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        *(("ALIGN", (index, 1), (index, -1), "CENTER") for index in plain if index in centred),
        *(("FONTNAME", (index, 1), (index, -1), family.bold) for index in bold),
        *(("SPAN", (0, index), (-1, index)) for index in spans),
    ))
    return on_landscape_pages([*lead, table]) if fit.landscape else [*lead, table]


def _sized(layout: LayoutSpec, size: float) -> LayoutSpec:
    """``layout`` with the table type at ``size`` (the cells' paragraph styles follow it)."""
    return layout if size == layout.table_size else replace(layout, table_size=size)
