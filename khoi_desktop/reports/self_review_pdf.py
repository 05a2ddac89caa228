"""Bản tự kiểm điểm (bản kiểm điểm cá nhân) of a member for a year, from :class:`SelfReviewDoc`."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, Spacer

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.party_blocks import (
    body,
    body_text,
    document_opening,
    heading,
    lead_in,
    side_by_side,
    signature_block,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf
from khoi_desktop.reports.study_docs import SelfReviewDoc

# Left for the member to write by hand when a part is still empty.
DOTS = "…" * 40


def summary(data: SelfReviewDoc) -> str:
    return f"Năm {data.year}"


def build_self_review_bytes(data: SelfReviewDoc, layout: LayoutSpec | None = None) -> bytes:
    layout = layout or LayoutSpec()
    info = DocumentInfo(title=f"{vntext.clean(data.form_title)} {summary(data)}: {vntext.clean(data.name)}",
                        subject=f"{data.form_title} {summary(data)} {data.form.code}".strip(), author=data.issuer.name)
    return build_pdf(self_review_story(data, layout), info, layout)


def write_self_review(data: SelfReviewDoc, target: Path, layout: LayoutSpec | None = None) -> Path:
    return save_pdf(build_self_review_bytes(data, layout), target)


def self_review_story(data: SelfReviewDoc, layout: LayoutSpec) -> list[Flowable]:
    """Header, title, who, the numbered parts, points and the proposed level, the signature."""
    story = document_opening(data.issuer, None, data.signed_on, data.form_title, _summary_line(data), layout)
    story.extend(body(line, layout) for line in _person_lines(data))
    for number, part in enumerate(data.parts, 1):
        story.append(heading(f"{number}. {markup.inline(part.title)}", layout))
        story.extend(body_text(part.content, layout) or [body(DOTS, layout)])
    story.append(heading(f"{len(data.parts) + 1}. Tự nhận mức xếp loại chất lượng", layout))
    *lines, last = _verdict(data)
    story.extend(body(line, layout) for line in lines)
    story.append(lead_in(last, layout))  # kept with the signature
    story.append(side_by_side([], signature_block([markup.bold("NGƯỜI TỰ KIỂM ĐIỂM")], data.name, layout), layout))
    story.extend(_appraisal(data, layout))
    return story


def _summary_line(data: SelfReviewDoc) -> str:
    """'Năm 2026 (Dùng cho đảng viên)': the year, then whom the form in force is for."""
    subtitle = vntext.clean(data.form.subtitle)
    return f"{summary(data)} {subtitle}" if subtitle else summary(data)


def _person_lines(data: SelfReviewDoc) -> list[str]:
    """Name and birth date, the post and the branch, with the labels of the form in force."""
    form = data.form
    birth = markup.inline(data.birth) if vntext.clean(data.birth) else DOTS[:12]
    post = markup.inline(data.position) if vntext.clean(data.position) else DOTS[:20]
    lines = [f"Họ và tên: {markup.bold(markup.inline(data.name))}. {markup.inline(form.birth_label)}: {birth}.",
             f"{markup.inline(form.post_label)}: {post}."]
    if vntext.clean(data.unit):
        lines.append(f"{markup.inline(form.unit_label)}: {markup.inline(data.unit)}.")
    return lines


def _appraisal(data: SelfReviewDoc, layout: LayoutSpec) -> list[Flowable]:
    """The chi ủy's block: its title, a dotted line under each prompt (the proposed level when
    recorded), then its signature on behalf of the committee."""
    form = data.form
    if not vntext.clean(form.appraisal_title):
        return []
    # A line's space apart from the member's signature: another hand writes this part.
    story: list[Flowable] = [Spacer(1, 14), heading(markup.upper(markup.inline(form.appraisal_title)), layout)]
    for prompt in form.appraisal_prompts:
        is_level = "xếp loại" in prompt and vntext.clean(data.branch_level)
        answer = markup.bold(markup.inline(data.branch_level)) + "." if is_level else DOTS
        story.append(body(f"- {markup.inline(prompt)}: {answer}", layout))
    roles = [markup.bold(markup.inline(form.appraisal_signer)), markup.inline(form.appraisal_signer_title)]
    story.append(side_by_side([], signature_block([r for r in roles if r], "", layout), layout))
    return story


def _verdict(data: SelfReviewDoc) -> list[str]:
    lines = []
    if data.points:
        band = f" (thuộc mức “{markup.inline(data.suggested_level)}”)" if data.suggested_level else ""
        lines.append(f"Tự chấm điểm: {markup.bold(markup.inline(data.points))} điểm{band}.")
    level = markup.bold(markup.inline(data.proposed_level)) if vntext.clean(data.proposed_level) else DOTS
    lines.append(f"Tự nhận mức xếp loại: {level}.")
    return lines
