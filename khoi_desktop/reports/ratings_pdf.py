"""Danh sách đánh giá, xếp loại: the ratings list of an organisation for a year, from :class:`RatingsDoc`."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.party_blocks import (
    body,
    document_opening,
    lead_in,
    on_behalf_roles,
    recipients_block,
    side_by_side,
    signature_block,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf
from khoi_desktop.reports.study_docs import RatingsDoc
from khoi_desktop.reports.tables import grid_table

DOCUMENT_TYPE = "Danh sách"
NOT_RATED_COLUMNS = ("STT", "Họ và tên", "Chức vụ", "Lý do")


def build_ratings_bytes(data: RatingsDoc, layout: LayoutSpec | None = None) -> bytes:
    layout = layout or LayoutSpec()
    info = DocumentInfo(title=f"{DOCUMENT_TYPE} {vntext.clean(data.summary)}", subject=data.summary,
                        author=data.issuer.name)
    return build_pdf(ratings_story(data, layout), info, layout)


def write_ratings(data: RatingsDoc, target: Path, layout: LayoutSpec | None = None) -> Path:
    return save_pdf(build_ratings_bytes(data, layout), target)


def ratings_story(data: RatingsDoc, layout: LayoutSpec) -> list[Flowable]:
    """Header, title, the numbered table, its legend, the totals, the not-rated apart, signatures."""
    story = document_opening(data.issuer, None, data.issued_on, DOCUMENT_TYPE, data.summary, layout)
    if any(section.lines for section in data.sections):
        story.extend([*_rated_table(data, layout), Spacer(1, 6)])
    if data.legend:
        legend = "; ".join(f"{markup.inline(short)}: {markup.inline(label)}" for short, label in data.legend)
        story.append(body(markup.italic(f"Ghi chú: {legend}."), layout))
    story.extend(_totals(data, layout))
    story.extend(_not_rated(data, layout))
    story.append(_signatures(data, layout))
    return story


def _rated_table(data: RatingsDoc, layout: LayoutSpec) -> list[Flowable]:
    header = ("STT", data.name_column, data.position_column, "Tự xếp loại", data.proposal_column, "Quyết định",
              "Ghi chú")
    rows: list[list[str] | str] = []
    number = 0
    for section in data.sections:
        if vntext.clean(section.heading):
            rows.append(markup.bold(markup.inline(section.heading)))
        for line in section.lines:
            number += 1
            rows.append([str(number), markup.inline(line.name), markup.inline(line.position), line.self_level,
                         line.branch_level, line.decided_level, markup.inline(line.note)])
    return grid_table(header, rows, layout, centred=(0, 3, 4, 5), plain=(0, 3, 4, 5), bold=(5,))


def _count(data: RatingsDoc, count: int) -> str:
    return f"{vntext.format_number(count)} {data.counted_as}"


def _totals(data: RatingsDoc, layout: LayoutSpec) -> list[Flowable]:
    """'Tổng số thuộc diện đánh giá, xếp loại: 45 đồng chí, trong đó:' and one line per level."""
    blocks: list[Flowable] = [lead_in(f"Tổng số thuộc diện đánh giá, xếp loại: {_count(data, data.rated_count)}"
                                      f"{', trong đó:' if data.totals else '.'}", layout)]
    for position, total in enumerate(data.totals):
        ending = "." if position == len(data.totals) - 1 else ";"
        line = f"- {markup.inline(total.label)}: {_count(data, total.count)} ({total.percent}){ending}"
        blocks.append(body(line, layout))
    return blocks


def _not_rated(data: RatingsDoc, layout: LayoutSpec) -> list[Flowable]:
    if not data.not_rated:
        return []
    rows = [[str(number), markup.inline(line.name), markup.inline(line.position), markup.inline(line.reason)]
            for number, line in enumerate(data.not_rated, 1)]
    lead = lead_in(f"Không đánh giá, xếp loại: {_count(data, len(data.not_rated))}, gồm:", layout)
    return grid_table(NOT_RATED_COLUMNS, rows, layout, plain=(0,), lead=[lead])


def _signatures(data: RatingsDoc, layout: LayoutSpec) -> Flowable:
    """'Nơi nhận' on the left; T/M CHI BỘ, BÍ THƯ and the name on the right."""
    roles = on_behalf_roles(data.issuer.signing_body, data.signer_title)
    recipients = recipients_block(data.recipients, data.issuer.archive, layout) if data.recipients else []
    return side_by_side(recipients, signature_block(roles, data.signer_name, layout), layout)
