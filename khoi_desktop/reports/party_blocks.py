"""The building blocks every Party document shares: header, title, signatures, 'Nơi nhận'."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from khoi_desktop.domain import vntext
from khoi_desktop.domain.issuers import recipient_lines
from khoi_desktop.reports import fonts, markup, text_fit
from khoi_desktop.reports.layout import LayoutSpec, build_styles
from khoi_desktop.reports.meeting_docs import PartyIssuer, number_text

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
RULE_THICKNESS = 0.6
GUTTER = 6  # points kept free between the two columns of the header and signature rows
# A number left blank is written in by hand after signing.
_FLAT_CELLS = (
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (0, -1), GUTTER),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
)


def table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A table style in our font: cells otherwise select the default Helvetica while drawing."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.register_fonts().regular), *commands])


def document_number(number: int | None, type_code: str, issuer_code: str) -> str:
    """'Số 05-BB/CB' (HD 36 writes no colon); a missing number leaves room to write it in."""
    shown = number_text(number)
    return f"Số {shown}-{type_code}/{issuer_code}"


def place_and_date(place: str, issued_on: date) -> str:
    """'Ninh Bình, ngày 05 tháng 02 năm 2026'."""
    long_date = vntext.format_date_long(issued_on)
    place = vntext.clean(place)
    return f"{place}, {long_date}" if place else long_date[0].upper() + long_date[1:]


def _stack_height(flowables: Sequence[Flowable], width: float) -> float:
    """Height of flowables stacked in a table cell (reportlab drops the outer spacing)."""
    total = 0.0
    for flowable in flowables:
        _, height = flowable.wrap(width, 10_000)
        total += height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    if flowables:
        total -= flowables[0].getSpaceBefore() + flowables[-1].getSpaceAfter()
    return total


def _caps_lines(text: str, size: float, available: float, *, bold: bool) -> list[str]:
    """A header name in capitals, each of its lines wrapped evenly (never one word alone)."""
    lines = vntext.clean_multiline(text).upper().split("\n")
    return [part for line in lines if line for part in text_fit.balanced_lines(line, size, available, bold=bold)]


def header_columns(issuer: PartyIssuer, issued_on: date, layout: LayoutSpec) -> tuple[float, float]:
    """Widths of the header's two columns: the left grows to the issuer's longest line as far as
    the right still holds the Party name and the date on one line each."""
    right_needs = max(text_fit.width(PARTY_NAME, layout.party_name_size, bold=True),
                      text_fit.width(place_and_date(issuer.place, issued_on), layout.place_date_size, italic=True))
    names = [*vntext.clean_multiline(issuer.superior).upper().split("\n")]
    longest = max(text_fit.longest_line(names, layout.superior_size),
                  text_fit.longest_line([vntext.clean_multiline(issuer.name).upper()], layout.issuer_size, bold=True))
    left = max(layout.frame_width * layout.header_left_share, longest + GUTTER + 1)
    left = min(left, layout.frame_width - right_needs - 2)
    return left, layout.frame_width - left


def header_names(issuer: PartyIssuer, left_width: float, layout: LayoutSpec) -> tuple[list[str], list[str]]:
    """The superior's and the issuer's header lines, in capitals, wrapped evenly to ``left_width``."""
    available = left_width - GUTTER
    return (_caps_lines(issuer.superior, layout.superior_size, available, bold=False),
            _caps_lines(issuer.name, layout.issuer_size, available, bold=True))


def party_header(
    issuer: PartyIssuer, number_line: str | None, issued_on: date, layout: LayoutSpec
) -> Table:
    """The two-column head: issuer, '*' and number on the left; Party name and date on the right.

    The number and the date are set on the same baseline, whatever the length of the names.
    """
    styles = build_styles(layout)
    left_width, right_width = header_columns(issuer, issued_on, layout)
    superior, name = header_names(issuer, left_width, layout)
    names = (("<br/>".join(markup.inline(line) for line in superior), styles.superior),
             ("<br/>".join(markup.inline(line) for line in name), styles.issuer))
    left: list[Flowable] = [Paragraph(caps, style) for caps, style in names if caps]
    left.append(Paragraph("*", styles.number))
    rule_width = stringWidth(PARTY_NAME, styles.party.fontName, styles.party.fontSize)
    right: list[Flowable] = [
        Paragraph(PARTY_NAME, styles.party),
        HRFlowable(width=rule_width, thickness=RULE_THICKNESS, color="black", spaceBefore=3, hAlign="CENTER"),
    ]
    gap = _stack_height(left, left_width - GUTTER) - _stack_height(right, right_width)
    (right if gap > 0 else left).append(Spacer(1, abs(gap)))
    if number_line:
        left.append(Paragraph(markup.inline(number_line), styles.number))
    right.append(Paragraph(markup.inline(place_and_date(issuer.place, issued_on)), styles.place_date))
    table = Table([[left, right]], colWidths=[left_width, right_width])
    table.setStyle(table_style(*_FLAT_CELLS))
    return table


def title_block(document_type: str, summary: str, layout: LayoutSpec) -> list[Flowable]:
    """'BIÊN BẢN', the summary line under it, and the short rule that closes the heading."""
    styles = build_styles(layout)
    blocks: list[Flowable] = [Paragraph(markup.upper(document_type), styles.document_type)]
    if vntext.clean(summary):
        blocks.append(Paragraph(markup.inline(summary), styles.summary))
    if layout.summary_rule_mm:
        blocks.append(
            HRFlowable(
                width=layout.summary_rule_mm * mm, thickness=RULE_THICKNESS, color="black",
                spaceBefore=4, spaceAfter=14, hAlign="CENTER",
            )
        )
    else:
        blocks.append(Spacer(1, 12))
    return blocks


def signature_block(role_lines: Sequence[str], name: str, layout: LayoutSpec) -> list[Flowable]:
    """Role lines (already markup), room to sign, then the signer's name in bold."""
    styles = build_styles(layout)
    blocks: list[Flowable] = [Paragraph(line, styles.signature) for line in role_lines]
    blocks.append(Spacer(1, layout.signature_space_mm * mm))
    blocks.append(Paragraph(markup.bold(markup.inline(name)), styles.signature))
    return blocks


def on_behalf_roles(signing_body: str, signer_title: str) -> list[str]:
    """'T/M CHI BỘ' (bold) over 'BÍ THƯ': the role lines of a signature on behalf of the body."""
    return [markup.bold(f"T/M {markup.upper(signing_body)}"), markup.upper(signer_title)]


def person_lines(name: str, position: str, unit: str, unit_label: str = "Đơn vị") -> list[str]:
    """'Họ và tên: <b>…</b>', then 'Chức vụ: …' and '<unit_label>: …' when given."""
    lines = [f"Họ và tên: {markup.bold(markup.inline(name))}"]
    if vntext.clean(position):
        lines.append(f"Chức vụ: {markup.inline(position)}")
    if vntext.clean(unit):
        lines.append(f"{unit_label}: {markup.inline(unit)}")
    return lines


def recipients_block(recipients: Sequence[str], archive: str, layout: LayoutSpec) -> list[Flowable]:
    """'Nơi nhận:' underlined, one '- …,' line per recipient, ending '- Lưu Chi bộ.'.

    A clerk's own 'Lưu …' line replaces the automatic ``archive`` line.
    """
    styles = build_styles(layout)
    blocks: list[Flowable] = [Paragraph("<u>Nơi nhận:</u>", styles.recipients_heading)]
    blocks.extend(Paragraph(markup.inline(line), styles.recipient) for line in recipient_lines(recipients, archive))
    return blocks


def side_by_side(
    left: list[Flowable], right: list[Flowable], layout: LayoutSpec, left_share: float = 0.5
) -> Table:
    """Two top-aligned columns (signatures, 'Nơi nhận' beside a signature).

    A one-row table never splits, so the block moves whole to the next page when it does not fit.
    """
    left_width = layout.frame_width * left_share
    # An empty cell gets a spacer: a string cell would pull in the table's default Helvetica.
    cells = [left or [Spacer(1, 0)], right or [Spacer(1, 0)]]
    table = Table([cells], colWidths=[left_width, layout.frame_width - left_width], spaceBefore=12)
    table.setStyle(table_style(*_FLAT_CELLS))
    return table


def document_opening(
    issuer: PartyIssuer,
    number_line: str | None,
    issued_on: date,
    document_type: str,
    summary: str,
    layout: LayoutSpec,
) -> list[Flowable]:
    """Header, document type and summary: how every Party document begins."""
    return [party_header(issuer, number_line, issued_on, layout), *title_block(document_type, summary, layout)]


def heading(markup_text: str, layout: LayoutSpec) -> Paragraph:
    """A bold heading ('I- THÀNH PHẦN', '1. …') kept with the paragraph that follows it."""
    return Paragraph(markup_text, build_styles(layout).heading)


def body(markup_text: str, layout: LayoutSpec) -> Paragraph:
    """One justified body paragraph with the first-line indent."""
    return Paragraph(markup_text, build_styles(layout).body)


def lead_in(markup_text: str, layout: LayoutSpec) -> Paragraph:
    """A body paragraph that introduces what follows ('Ý kiến thảo luận:'), kept with it."""
    return Paragraph(markup_text, build_styles(layout).lead_in)


def body_text(text: str | None, layout: LayoutSpec, lead: str = "") -> list[Paragraph]:
    """Multi-line user text as body paragraphs; ``lead`` (markup) opens the first one.

    Each line becomes its own paragraph, so a very long opinion can break across pages.
    """
    texts = markup.lines(text)
    if lead:
        texts = [f"{lead} {texts[0]}" if texts else lead, *texts[1:]]
    return [body(line, layout) for line in texts]
