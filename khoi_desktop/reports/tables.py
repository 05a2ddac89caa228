"""A ruled table in the Party documents' font: header repeated on every page, spanning group rows.

Used by the study documents (registration items, ratings lists). Cells are markup (escape
user text with :mod:`khoi_desktop.reports.markup` first), except in the ``plain`` columns:
short one-line text (numbers, level codes) drawn directly, several times faster to lay out
than a paragraph. A row given as one string is a group heading spanning the whole width.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import LongTable, Paragraph

from khoi_desktop.domain import vntext
from khoi_desktop.reports import fonts
from khoi_desktop.reports.layout import LayoutSpec, build_styles
from khoi_desktop.reports.party_blocks import table_style

Row = Sequence[str] | str
CELL_PADDING = 3


def grid_table(header: Sequence[str], rows: Sequence[Row], shares: Sequence[float], layout: LayoutSpec,
               centred: Sequence[int] = (0,), plain: Sequence[int] = (), bold: Sequence[int] = ()) -> LongTable:
    """Columns sized by ``shares`` of the text width; ``centred`` lists the centred column indexes.

    ``plain`` columns hold plain text (not markup) that never wraps; ``bold`` ones among them
    are set in bold.
    """
    styles = build_styles(layout)
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
    table = LongTable(grid, colWidths=[layout.frame_width * share for share in shares], repeatRows=1,
                      splitByRow=0, splitInRow=2 * layout.table_size * layout.line_spacing)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTSIZE", (0, 0), (-1, -1), layout.table_size),
        ("LEADING", (0, 0), (-1, -1), layout.table_size * layout.line_spacing),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        *(("ALIGN", (index, 1), (index, -1), "CENTER") for index in plain if index in centred),
        *(("FONTNAME", (index, 1), (index, -1), family.bold) for index in bold),
        *(("SPAN", (0, index), (-1, index)) for index in spans),
    ))
    return table
