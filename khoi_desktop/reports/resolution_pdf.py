"""Nghị quyết and thông báo kết luận of a meeting, from :class:`ResolutionData`."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.meeting_docs import ResolutionData
from khoi_desktop.reports.party_blocks import (
    body,
    body_text,
    document_number,
    document_opening,
    on_behalf_roles,
    recipients_block,
    side_by_side,
    signature_block,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf


def build_resolution_bytes(data: ResolutionData, layout: LayoutSpec | None = None) -> bytes:
    """The resolution or conclusion notice as PDF bytes."""
    layout = layout or LayoutSpec()
    info = DocumentInfo(
        title=f"{data.kind.title} {vntext.clean(data.summary)}".strip(),
        subject=data.summary,
        author=data.issuer.name,
    )
    return build_pdf(resolution_story(data, layout), info, layout)


def write_resolution(data: ResolutionData, target: Path, layout: LayoutSpec | None = None) -> Path:
    """Write the resolution or conclusion notice to ``target`` and return it."""
    return save_pdf(build_resolution_bytes(data, layout), target)


def resolution_story(data: ResolutionData, layout: LayoutSpec) -> list[Flowable]:
    """Header, title, preamble, numbered decisions, then 'Nơi nhận' beside the signature.

    A decision ('1. Đánh giá …') is a justified body paragraph in normal weight, not a heading:
    long ones split across pages like any paragraph.
    """
    number_line = document_number(data.number, data.kind.value, data.issuer.code)
    story = document_opening(data.issuer, number_line, data.issued_on, data.kind.title, data.summary, layout)
    story.extend(body_text(data.preamble, layout))
    for number, section in enumerate(data.sections, 1):
        story.append(body(f"{number}. {markup.inline(section.heading)}", layout))
        story.extend(body_text(section.body, layout))
    story.append(_closing_block(data, layout))
    return story


def _closing_block(data: ResolutionData, layout: LayoutSpec) -> Flowable:
    """'Nơi nhận' on the left; 'T/M CHI BỘ' (bold), 'BÍ THƯ' (regular) and the name on the right."""
    recipients = recipients_block(data.recipients, data.issuer.archive, layout)
    roles = on_behalf_roles(data.issuer.signing_body, data.signer_title)
    signature = signature_block(roles, data.signer_name, layout)
    return side_by_side(recipients, signature, layout)
