"""Bản tự kiểm điểm (bản kiểm điểm cá nhân) of a member for a year, from :class:`SelfReviewDoc`."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.party_blocks import (
    body,
    body_text,
    document_opening,
    heading,
    lead_in,
    person_lines,
    side_by_side,
    signature_block,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf
from khoi_desktop.reports.study_docs import SelfReviewDoc

# Left for the member to write by hand when a part is still empty.
DOTS = "…" * 40
UNIT_LABEL = "Sinh hoạt tại"


def summary(data: SelfReviewDoc) -> str:
    return f"Năm {data.year}"


def build_self_review_bytes(data: SelfReviewDoc, layout: LayoutSpec | None = None) -> bytes:
    layout = layout or LayoutSpec()
    info = DocumentInfo(title=f"{vntext.clean(data.form_title)} {summary(data)}: {vntext.clean(data.name)}",
                        subject=f"{data.form_title} {summary(data)}", author=data.issuer.name)
    return build_pdf(self_review_story(data, layout), info, layout)


def write_self_review(data: SelfReviewDoc, target: Path, layout: LayoutSpec | None = None) -> Path:
    return save_pdf(build_self_review_bytes(data, layout), target)


def self_review_story(data: SelfReviewDoc, layout: LayoutSpec) -> list[Flowable]:
    """Header, title, who, the numbered parts, points and the proposed level, the signature."""
    story = document_opening(data.issuer, None, data.signed_on, data.form_title, summary(data), layout)
    story.extend(body(line, layout) for line in person_lines(data.name, data.position, data.unit, UNIT_LABEL))
    for number, part in enumerate(data.parts, 1):
        story.append(heading(f"{number}. {markup.inline(part.title)}", layout))
        story.extend(body_text(part.content, layout) or [body(DOTS, layout)])
    story.append(heading(f"{len(data.parts) + 1}. Tự nhận mức xếp loại chất lượng", layout))
    *lines, last = _verdict(data)
    story.extend(body(line, layout) for line in lines)
    story.append(lead_in(last, layout))  # kept with the signature
    story.append(side_by_side([], signature_block([markup.bold("NGƯỜI TỰ KIỂM ĐIỂM")], data.name, layout), layout))
    return story


def _verdict(data: SelfReviewDoc) -> list[str]:
    lines = []
    if data.points:
        band = f" (thuộc mức “{markup.inline(data.suggested_level)}”)" if data.suggested_level else ""
        lines.append(f"Tự chấm điểm: {markup.bold(markup.inline(data.points))} điểm{band}.")
    level = markup.bold(markup.inline(data.proposed_level)) if vntext.clean(data.proposed_level) else DOTS
    lines.append(f"Tự nhận mức xếp loại: {level}.")
    return lines
