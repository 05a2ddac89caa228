"""A :class:`ReportDocument` as a Party-layout PDF: the shared header, numbered headings, tables,
bar charts drawn with reportlab.graphics, 'Nơi nhận' beside the signature, the annex on new pages.

Every glyph is drawn from the embedded serif family (no core Helvetica), and the build is
invariant: the same document gives the same bytes.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from khoi_desktop.domain import vntext
from khoi_desktop.reports import fonts, markup, text_fit
from khoi_desktop.reports.layout import LayoutSpec, build_styles
from khoi_desktop.reports.party_blocks import (
    body,
    document_number,
    document_opening,
    heading,
    recipients_block,
    side_by_side,
    signature_block,
    table_style,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, on_landscape_pages, save_pdf
from khoi_desktop.reports.report_model import (
    BarChart,
    Block,
    Heading,
    Paragraph,
    ReportDocument,
    Table,
    Title,
    cell_text,
    labelled,
)
from khoi_desktop.reports.report_model import PageBreak as PageBreakBlock

CHART_HEIGHT = 230.0
CELL_PADDING = 4.0  # points left and right inside a table cell
SERIES_FILLS = ("#bfbfbf", "#404040", "#7f7f7f", "#d9d9d9")  # prints clearly in black and white
_LABEL_WIDTH = 16  # characters per line of a category label


def build_year_end_pdf(report: ReportDocument, layout: LayoutSpec | None = None) -> bytes:
    """The report as PDF bytes."""
    layout = layout or LayoutSpec()
    info = DocumentInfo(title=report.title, subject=report.summary, author=report.issuer.name)
    return build_pdf(report_story(report, layout), info, layout)


def write_year_end_pdf(report: ReportDocument, target: Path, layout: LayoutSpec | None = None) -> Path:
    return save_pdf(build_year_end_pdf(report, layout), target)


def report_story(report: ReportDocument, layout: LayoutSpec) -> list[Flowable]:
    """Header and title, the body, 'Nơi nhận' and the signature, then the annex."""
    number_line = document_number(report.number, report.type_code, report.issuer.code)
    story = document_opening(report.issuer, number_line, report.issued_on, report.document_type, report.summary,
                             layout)
    story.extend(_blocks(report.body, layout))
    story.append(_closing(report, layout))
    story.extend(_blocks(report.annex, layout))
    return story


def _closing(report: ReportDocument, layout: LayoutSpec) -> Flowable:
    recipients = recipients_block(report.recipients, report.issuer.archive, layout)
    sign = report.signature
    lines = [markup.bold(markup.upper(sign.on_behalf)), markup.upper(sign.title)]
    return side_by_side(recipients, signature_block(lines, sign.name or "\u00a0", layout), layout)


def _blocks(blocks: tuple[Block, ...], layout: LayoutSpec) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block, heading_line in labelled(blocks):
        flowables.extend(_flowables(block, heading_line, layout))
    return flowables


def _flowables(block: Block, heading_line: str, layout: LayoutSpec) -> list[Flowable]:
    styles = build_styles(layout)
    if isinstance(block, Heading):
        text = markup.inline(heading_line)
        return [heading(markup.italic(text) if block.level >= 3 else text, layout)]
    if isinstance(block, Paragraph):
        text = markup.inline(block.text)
        return [body(markup.italic(text) if block.italic else text, layout)]
    if isinstance(block, Title):
        lines = [PdfParagraph(markup.upper(block.text), styles.summary)]
        if block.subtitle:
            lines.append(PdfParagraph(markup.italic(markup.inline(block.subtitle)), styles.place_date))
        return [*lines, Spacer(1, 12)]
    if isinstance(block, PageBreakBlock):
        return [PageBreak()]
    if isinstance(block, Table):
        return _table(block, layout)
    assert isinstance(block, BarChart)
    return [KeepTogether([_caption(block.title, layout), chart_drawing(block, layout.frame_width),
                          Spacer(1, 12)])]


def _caption(text: str, layout: LayoutSpec) -> PdfParagraph:
    style = build_styles(layout).table_header
    return PdfParagraph(markup.inline(text), style.clone("caption", spaceBefore=10, spaceAfter=6, keepWithNext=1))


def table_layout(table: Table, layout: LayoutSpec, padding: float = CELL_PADDING) -> text_fit.TableFit:
    """Type size, column widths and orientation from the content: no number, ratio, percentage or
    word ever breaks; a table too wide for the portrait page even at 9 pt is printed turned.
    ``padding`` is the room left and right inside a cell (Word's cells have more than ours)."""
    header = [column.title for column in table.columns]
    cells = [[cell_text(row[index]) for row in table.rows] for index in range(len(table.columns))]  # type: ignore[arg-type]
    return text_fit.fit_table(header, cells, layout.table_size, padding, layout.frame_width,
                              layout.landscape_frame_width)


def _table(table: Table, layout: LayoutSpec) -> list[Flowable]:
    styles = build_styles(layout)
    fit = table_layout(table, layout)
    size, widths = fit.size, fit.widths
    head_style = _fitted(styles.table_header, size, layout)
    header = [PdfParagraph(markup.inline(column.title), head_style) for column in table.columns]
    cell_styles = {centred: _fitted(styles.table_cell_centred if centred else styles.table_cell, size, layout)
                   for centred in (False, True)}  # once per table: a consolidated report has thousands of cells
    caption = [_caption(table.title, layout), *([Spacer(0, 0)] * (len(table.columns) - 1))]
    rows: list[list[Flowable]] = [caption, header]
    for index, values in enumerate(table.rows):
        bold = table.total_row and index == len(table.rows) - 1
        rows.append([_cell(value, cell_styles[column.centred], column.centred, bold, width) for value, column, width
                     in zip(values, table.columns, widths, strict=True)])
    # The caption is the table's first row: it stays with the table and does not repeat on later pages.
    grid = PdfTable(rows, colWidths=widths, repeatRows=(1,), hAlign="CENTER")
    grid.setStyle(table_style(("SPAN", (0, 0), (-1, 0)), ("GRID", (0, 1), (-1, -1), 0.5, colors.black),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                              ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                              ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING)))
    flowables: list[Flowable] = [grid]
    if table.note:
        flowables.append(PdfParagraph(markup.italic(markup.inline(table.note)), styles.recipient))
    flowables.append(Spacer(1, 8))
    return on_landscape_pages(flowables) if fit.landscape else flowables


def _fitted(style: ParagraphStyle, size: float, layout: LayoutSpec) -> ParagraphStyle:
    """``style`` at the table's fitted type size (itself when the size is unchanged)."""
    if size == style.fontSize:
        return style
    return style.clone(f"{style.name}_fit", fontSize=size, leading=size * layout.line_spacing)


def _cell(value: object, style: ParagraphStyle, centred: bool, bold: bool, width: float) -> Flowable:
    plain = fonts.register_fonts().printable(vntext.clean(cell_text(value)))  # type: ignore[arg-type]
    font = fonts.register_fonts().bold if bold else style.fontName
    if "\n" not in plain and stringWidth(plain, font, style.fontSize) <= width - 2 * CELL_PADDING - 1:
        return OneLineCell(plain, font, style.fontSize, style.leading, centred)
    text = markup.inline(cell_text(value))  # type: ignore[arg-type]
    return PdfParagraph(markup.bold(text) if bold else text, style)


class OneLineCell(Flowable):
    """A table cell whose text fits on one line, drawn as the one-line Paragraph would be but without
    its line breaking: a consolidated report's tables have thousands of such cells (issue 12)."""

    def __init__(self, text: str, font: str, size: float, leading: float, centred: bool) -> None:
        super().__init__()
        self.text, self.font, self.size, self.leading, self.centred = text, font, size, leading, centred

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.leading

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        baseline = self.leading - self.size  # where Paragraph puts a single line's baseline
        if self.centred:
            self.canv.drawCentredString(self.width / 2, baseline, self.text)
        else:
            self.canv.drawString(0, baseline, self.text)


def chart_drawing(chart: BarChart, width: float, height: float = CHART_HEIGHT) -> Drawing:
    """Grouped vertical bars with the values on top and a legend; every label in the embedded font."""
    family = fonts.register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = family.regular, 10  # else the renderer starts in Helvetica
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 40, 50, width - 60, height - 85
    bars.data = [list(series.values) or [0] for series in chart.series]
    bars.categoryAxis.categoryNames = [_wrapped(family.printable(name)) for name in chart.categories]
    top = max((value for series in chart.series for value in series.values), default=0)
    bars.valueAxis.valueMin, bars.valueAxis.valueMax = 0, max(top * 1.15, 1)
    bars.valueAxis.visible = False
    bars.barLabelFormat = _label
    bars.barLabels.nudge = 7
    bars.barSpacing, bars.groupSpacing = 2, 12
    for labels in (bars.categoryAxis.labels, bars.valueAxis.labels, bars.barLabels):
        labels.fontName, labels.fontSize = family.regular, 10
    bars.categoryAxis.labels.boxAnchor = "n"
    for index, _ in enumerate(chart.series):
        bars.bars[index].fillColor = _fill(index)
        bars.bars[index].strokeColor = colors.black
        bars.bars[index].strokeWidth = 0.4
    drawing.add(bars)
    drawing.add(_legend(chart, width, height, family))
    if chart.unit:
        drawing.add(String(0, height - 12, family.printable(f"Đơn vị tính: {chart.unit}"), fontName=family.italic,
                           fontSize=10))
    return drawing


def _legend(chart: BarChart, width: float, height: float, family: fonts.FontFamily) -> Legend:
    legend = Legend()
    legend.x, legend.y = width - 10, height - 4
    legend.boxAnchor = "ne"
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontName, legend.fontSize = family.regular, 10
    legend.dx = legend.dy = 8
    legend.deltax = 70
    legend.colorNamePairs = [(_fill(index), family.printable(series.name)) for index, series in enumerate(chart.series)]
    return legend


def _fill(index: int) -> colors.Color:
    return colors.HexColor(SERIES_FILLS[index % len(SERIES_FILLS)])


def _wrapped(name: str) -> str:
    return "\n".join(textwrap.wrap(name, _LABEL_WIDTH)) or name


def _label(value: float) -> str:
    return cell_text(int(value) if float(value).is_integer() else value)  # type: ignore[arg-type]
