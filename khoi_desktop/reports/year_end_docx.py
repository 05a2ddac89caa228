"""A :class:`ReportDocument` as DOCX (python-docx): the same content and styles as the PDF, for Word.

Times New Roman, A4 and the margins of the layout; the header block as a borderless
two-column table; numbered headings; bordered tables with a repeating header row; each
chart as a PNG drawn with Pillow (:mod:`khoi_desktop.reports.chart_image`); 'Nơi nhận' beside the signature; page numbers from page 2, top centre.
Entry times and document properties are fixed, so the same report gives the same bytes.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from reportlab.pdfbase.pdfmetrics import stringWidth

from khoi_desktop.domain import vntext
from khoi_desktop.domain.issuers import recipient_lines
from khoi_desktop.reports import fonts
from khoi_desktop.reports.chart_image import chart_png
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.party_blocks import (
    GUTTER,
    PARTY_NAME,
    document_number,
    header_columns,
    header_names,
    place_and_date,
)
from khoi_desktop.reports.report_model import (
    BarChart,
    Block,
    Heading,
    PageBreak,
    Paragraph,
    ReportDocument,
    Table,
    Title,
    cell_text,
    labelled,
    stable_zip,
)
from khoi_desktop.reports.year_end_pdf import table_layout

FONT = "Times New Roman"
_CELL_MARGIN = 5.4  # points: Word's default left and right cell margin
_CENTRE, _LEFT, _JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY


def build_year_end_docx(report: ReportDocument, layout: LayoutSpec | None = None) -> bytes:
    """The report as DOCX bytes."""
    layout = layout or LayoutSpec()
    document = Document()
    _set_up(document, report, layout)
    _header(document, report, layout)
    _title(document, report, layout)
    _blocks(document, report.body, layout)
    _closing(document, report, layout)
    _blocks(document, report.annex, layout)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def write_year_end_docx(report: ReportDocument, target: Path, layout: LayoutSpec | None = None) -> Path:
    target = Path(target)
    target.write_bytes(build_year_end_docx(report, layout))
    return target


# -- page, styles, properties ----------------------------------------------------------------


def _set_up(document: DocxDocument, report: ReportDocument, layout: LayoutSpec) -> None:
    section = document.sections[0]
    width, height = layout.page_size_points
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.top_margin, section.bottom_margin = Mm(layout.margin_top_mm), Mm(layout.margin_bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.margin_left_mm), Mm(layout.margin_right_mm)
    section.header_distance = Mm(layout.page_number_top_mm)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(layout.body_size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _language(document)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = layout.line_spacing
    _page_numbers(section, layout)
    if layout.draft_mark:
        _draft_mark(section, layout)
    stamp = datetime(report.issued_on.year, report.issued_on.month, report.issued_on.day)
    props = document.core_properties
    props.title, props.subject, props.author = report.title, vntext.clean(report.summary), report.issuer.name
    props.created = props.modified = stamp
    props.last_modified_by, props.revision, props.comments = "", 1, ""


def _language(document: DocxDocument) -> None:
    """vi-VN for the Normal style and the document defaults: Word checks spelling in Vietnamese."""
    for properties in (document.styles["Normal"].element.get_or_add_rPr(),
                       document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))):
        language = properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            properties.append(language)
        for key in ("w:val", "w:eastAsia", "w:bidi"):
            language.set(qn(key), "vi-VN")


def _page_numbers(section: object, layout: LayoutSpec) -> None:
    """Page numbers from page 2, centred at the top (the first page's header stays empty)."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = _CENTRE
    run = paragraph.add_run()
    _font(run, layout.page_number_size)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _draft_mark(section: object, layout: LayoutSpec) -> None:
    """'DỰ THẢO' at the top right of every page (both the first page's header and the others')."""
    for header in (section.first_page_header, section.header):  # type: ignore[attr-defined]
        paragraph = header.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _font(paragraph.add_run(vntext.clean(layout.draft_mark)), layout.page_number_size, bold=True)


def _font(run: object, size: float, *, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    """The run's font; the run properties are made once per kind and copied (python-docx's setters
    take milliseconds per run, seconds over the consolidated report's tables)."""
    element = run._r  # type: ignore[attr-defined]
    if element.rPr is not None:
        element.remove(element.rPr)
    element.insert(0, copy.deepcopy(_run_properties(size, bold, italic, underline)))


@functools.cache
def _run_properties(size: float, bold: bool, italic: bool, underline: bool) -> Any:
    run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
    font = run.font
    font.name, font.size, font.bold, font.italic, font.underline = FONT, Pt(size), bold, italic, underline
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run._r.rPr


def _paragraph(container: DocxDocument | _Cell, text: str, size: float, *, align: object = _CENTRE,
               bold: bool = False, italic: bool = False, underline: bool = False, reuse: bool = False) -> DocxParagraph:
    """A paragraph of one run; ``reuse`` fills a new cell's empty first paragraph."""
    paragraph = container.paragraphs[0] if reuse else container.add_paragraph()
    element = paragraph._p
    if element.pPr is None:  # a new paragraph: its properties copied, as the run's below
        element.insert(0, copy.deepcopy(_paragraph_properties(align)))
    else:
        paragraph.alignment = align
    text = fonts.register_fonts().printable(text)
    if _PLAIN.fullmatch(text):
        run = OxmlElement("w:r")
        run.append(copy.deepcopy(_run_properties(size, bold, italic, underline)))
        if text:  # python-docx writes no w:t for empty text, nor xml:space unless the ends are spaces
            words = OxmlElement("w:t")
            if text != text.strip():
                words.set(qn("xml:space"), "preserve")
            words.text = text
            run.append(words)
        element.append(run)
    else:  # tabs and line breaks become their own elements the way python-docx writes them
        _font(paragraph.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return paragraph


_PLAIN = re.compile(r"[^\t\n\r]*")


@functools.cache
def _paragraph_properties(align: object) -> Any:
    paragraph = DocxParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
    paragraph.alignment = align
    return paragraph._p.pPr


def _rule_under(paragraph: DocxParagraph, rule_width: float, available: float) -> None:
    """A bottom border of ``rule_width`` points, centred (the paragraph is indented to that width)."""
    indent = max((available - rule_width) / 2, 0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(indent)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


# -- the frame ----------------------------------------------------------------------------------


def _header(document: DocxDocument, report: ReportDocument, layout: LayoutSpec) -> None:
    """Issuer, '*' and number on the left; Party name, its rule and the date on the right."""
    issuer = report.issuer
    left_width, right_width = header_columns(issuer, report.issued_on, layout)
    # Word's cell margins eat into the right column: give it back so the date stays on one line.
    left_width, right_width = left_width - 2 * _CELL_MARGIN, right_width + 2 * _CELL_MARGIN
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, [left_width, right_width])
    left, right = table.rows[0].cells
    # The same even line breaks as the PDF, measured inside Word's cell margins.
    superior, name = header_names(issuer, left_width - 2 * _CELL_MARGIN + GUTTER, layout)
    first = True
    for lines, size, bold in ((superior, layout.superior_size, False), (name, layout.issuer_size, True)):
        for line in lines:
            _paragraph(left, line, size, bold=bold, reuse=first)
            first = False
    _paragraph(left, "*", layout.number_size, reuse=first)
    left_lines = len(superior) + len(name) + 1
    party = _paragraph(right, PARTY_NAME, layout.party_name_size, bold=True, reuse=True)
    party_width = stringWidth(PARTY_NAME, fonts.register_fonts().bold, layout.party_name_size)
    _rule_under(party, party_width + 4, right_width - 2 * _CELL_MARGIN)
    for _ in range(max(left_lines - 1, 0)):
        _paragraph(right, "", layout.place_date_size)
    number = document_number(report.number, report.type_code, issuer.code)
    _paragraph(left, number, layout.number_size)
    _paragraph(right, place_and_date(issuer.place, report.issued_on), layout.place_date_size, italic=True)


def _title(document: DocxDocument, report: ReportDocument, layout: LayoutSpec) -> None:
    kind = _paragraph(document, vntext.clean(report.document_type).upper(), layout.document_type_size, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    summary = vntext.clean(report.summary)
    if summary:
        _paragraph(document, summary, layout.summary_size, bold=True)
    if layout.summary_rule_mm:
        rule = _paragraph(document, "", 6)
        _rule_under(rule, Mm(layout.summary_rule_mm).pt, layout.frame_width)
        rule.paragraph_format.space_after = Pt(14)


def _closing(document: DocxDocument, report: ReportDocument, layout: LayoutSpec) -> None:
    """'Nơi nhận' on the left, the signature on the right, in a borderless table."""
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    _widths(table, [layout.frame_width / 2] * 2)
    left, right = table.rows[0].cells
    _paragraph(left, "Nơi nhận:", layout.recipients_heading_size, align=_LEFT, underline=True, reuse=True)
    for line in recipient_lines(report.recipients, report.issuer.archive):
        _paragraph(left, line, layout.recipients_size, align=_LEFT)
    sign = report.signature
    _paragraph(right, vntext.clean(sign.on_behalf).upper(), layout.signature_size, bold=True, reuse=True)
    _paragraph(right, vntext.clean(sign.title).upper(), layout.signature_size)
    gap = _paragraph(right, "", layout.signature_size)
    gap.paragraph_format.space_after = Mm(layout.signature_space_mm)
    _paragraph(right, vntext.clean(sign.name), layout.signature_size, bold=True)


# -- blocks ---------------------------------------------------------------------------------------


def _blocks(document: DocxDocument, blocks: tuple[Block, ...], layout: LayoutSpec) -> None:
    for block, heading_line in labelled(blocks):
        if isinstance(block, Heading):
            _body(document, heading_line, layout, bold=True, italic=block.level >= 3, heading=True)
        elif isinstance(block, Paragraph):
            _body(document, block.text, layout, italic=block.italic)
        elif isinstance(block, Title):
            _annex_title(document, block, layout)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Table):
            _table(document, block, layout)
        else:
            _chart(document, block, layout)


def _body(document: DocxDocument, text: str, layout: LayoutSpec, *, bold: bool = False, italic: bool = False,
          heading: bool = False) -> None:
    paragraph = _paragraph(document, vntext.clean(text), layout.body_size, align=_LEFT if heading else _JUSTIFY,
                           bold=bold, italic=italic)
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Mm(layout.body_indent_mm)
    fmt.space_after = Pt(layout.paragraph_spacing_pt)
    if heading:
        fmt.space_before, fmt.keep_with_next = Pt(layout.paragraph_spacing_pt), True


def _annex_title(document: DocxDocument, title: Title, layout: LayoutSpec) -> None:
    _paragraph(document, vntext.clean(title.text).upper(), layout.summary_size, bold=True)
    if title.subtitle:
        _paragraph(document, vntext.clean(title.subtitle), layout.place_date_size, italic=True)
    document.add_paragraph()


def _caption(document: DocxDocument, text: str, layout: LayoutSpec) -> None:
    caption = _paragraph(document, vntext.clean(text), layout.table_size, bold=True)
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(10), Pt(6)
    caption.paragraph_format.keep_with_next = True


def _table(document: DocxDocument, table: Table, layout: LayoutSpec) -> None:
    _caption(document, table.title, layout)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    size, widths = table_layout(table, layout)  # the same widths as the PDF: no number or word breaks
    _widths(grid, widths)
    rows = [_row_cells(grid, row) for row in grid.rows]
    _repeat_header(grid.rows[0])
    for cell, column in zip(rows[0], table.columns, strict=True):
        _paragraph(cell, column.title, size, bold=True, reuse=True)
    for index, values in enumerate(table.rows, start=1):
        bold = table.total_row and index == len(table.rows)
        for cell, column, value in zip(rows[index], table.columns, values, strict=True):
            _paragraph(cell, cell_text(value), size, align=_CENTRE if column.centred else _LEFT,
                       bold=bold, reuse=True)
    if table.note:
        _paragraph(document, table.note, layout.recipients_size, align=_LEFT, italic=True)


def _row_cells(grid: object, row: object) -> list[_Cell]:
    """A row's cells straight from its XML: python-docx's ``row.cells`` walks the whole table each
    time, which made a table of a few hundred rows take seconds (issue 12's consolidated report)."""
    return [_Cell(tc, grid) for tc in row._tr.tc_lst]  # type: ignore[attr-defined]


def _widths(table: object, widths: list[float]) -> None:
    """Column widths in points, on the grid (LibreOffice reads it) and on every cell (Word does)."""
    for column, width in zip(table.columns, widths, strict=True):  # type: ignore[attr-defined]
        column.width = Pt(width)
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(_row_cells(table, row), widths, strict=True):
            cell.width = Pt(width)


def _repeat_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _chart(document: DocxDocument, chart: BarChart, layout: LayoutSpec) -> None:
    png = chart_png(chart, layout.frame_width)
    _caption(document, chart.title, layout)
    document.add_picture(io.BytesIO(png), width=Pt(layout.frame_width))
    document.paragraphs[-1].alignment = _CENTRE

