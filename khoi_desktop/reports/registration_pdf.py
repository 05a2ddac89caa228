"""Bản đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, from :class:`RegistrationDoc`."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable

from khoi_desktop.domain import vntext
from khoi_desktop.reports import markup
from khoi_desktop.reports.layout import LayoutSpec
from khoi_desktop.reports.party_blocks import (
    body,
    document_opening,
    lead_in,
    on_behalf_roles,
    person_lines,
    side_by_side,
    signature_block,
)
from khoi_desktop.reports.pdf_document import DocumentInfo, build_pdf, save_pdf
from khoi_desktop.reports.study_docs import RegistrationDoc
from khoi_desktop.reports.tables import grid_table

DOCUMENT_TYPE = "Bản đăng ký"
COLUMNS = ("STT", "Nội dung đăng ký", "Sản phẩm cụ thể", "Thời hạn")
NO_BREAK_SPACE = "\u00a0"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def summary(data: RegistrationDoc) -> str:
    """'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2026'."""
    whose = " của tập thể" if data.collective else ""
    return f"học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {data.year}{whose}"


def build_registration_bytes(data: RegistrationDoc, layout: LayoutSpec | None = None) -> bytes:
    layout = layout or LayoutSpec()
    info = DocumentInfo(title=f"{DOCUMENT_TYPE} {summary(data)}: {vntext.clean(data.registrant)}",
                        subject=summary(data), author=data.issuer.name)
    return build_pdf(registration_story(data, layout), info, layout)


def write_registration(data: RegistrationDoc, target: Path, layout: LayoutSpec | None = None) -> Path:
    return save_pdf(build_registration_bytes(data, layout), target)


def registration_story(data: RegistrationDoc, layout: LayoutSpec) -> list[Flowable]:
    """Header, title, who registers, the opening sentence, the items table, the signatures."""
    story = document_opening(data.issuer, None, data.signed_on, DOCUMENT_TYPE, summary(data), layout)
    story.extend(body(line, layout) for line in _who(data))
    story.append(body(_opening(data), layout))
    if data.groups:
        story.extend(_items(data, layout))
    # A one-line promise kept with the signatures: they never stand alone on a page.
    story.append(lead_in(_promise(data), layout))
    story.append(_signatures(data, layout))
    return story


def _who(data: RegistrationDoc) -> list[str]:
    if data.collective:
        return [f"Tên tập thể: {markup.bold(markup.inline(data.registrant))}"]
    return person_lines(data.registrant, data.position, data.unit)


def _opening(data: RegistrationDoc) -> str:
    subject = data.issuer.signing_body.lower() if data.collective else "tôi"
    theme = vntext.clean(data.theme)
    basis = f"Thực hiện chủ đề năm {data.year} “{markup.inline(theme)}”, " if theme else ""
    text = (f"{basis}{subject} đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh "
            f"năm {data.year} với những nội dung sau:")
    return text[:1].upper() + text[1:]


def _promise(data: RegistrationDoc) -> str:
    if data.collective:
        return f"{markup.inline(data.issuer.signing_body)} quyết tâm thực hiện tốt các nội dung đã đăng ký."
    return "Tôi xin hứa thực hiện nghiêm túc các nội dung đã đăng ký."


def _items(data: RegistrationDoc, layout: LayoutSpec) -> list[Flowable]:
    rows: list[list[str] | str] = []
    for roman, group in zip(_ROMAN, data.groups, strict=False):
        rows.append(markup.bold(f"{roman}. {markup.inline(group.category)}"))
        rows.extend([str(number), "<br/>".join(markup.lines(line.content)), markup.inline(line.product),
                     markup.inline(line.deadline)] for number, line in enumerate(group.lines, 1))
    return grid_table(COLUMNS, rows, layout, centred=(0, 3), plain=(0,))


def _confirmation(data: RegistrationDoc, layout: LayoutSpec) -> list[Flowable]:
    """'XÁC NHẬN CỦA CHI BỘ', the day, the confirmer's title; room to sign; the name."""
    lines = [markup.bold("XÁC NHẬN CỦA CHI BỘ")]
    if data.confirmed_on:
        lines.append(markup.italic(vntext.format_date_long(data.confirmed_on).capitalize()))
    if vntext.clean(data.confirmer_title):
        lines.append(markup.upper(data.confirmer_title))
    return signature_block(lines, data.confirmer_name, layout)


def _signatures(data: RegistrationDoc, layout: LayoutSpec) -> Flowable:
    """A member signs on the right, the branch confirms on the left; a collective signs T/M."""
    if data.collective:
        roles = on_behalf_roles(data.issuer.signing_body, data.signer_title)
        return side_by_side([], signature_block(roles, data.signer_name, layout), layout)
    confirmation = _confirmation(data, layout)
    # Blank lines under 'NGƯỜI ĐĂNG KÝ' put both names on one line.
    padding = [NO_BREAK_SPACE] * (len(confirmation) - 3)
    member = signature_block([markup.bold("NGƯỜI ĐĂNG KÝ"), *padding], data.registrant, layout)
    return side_by_side(confirmation, member, layout)
