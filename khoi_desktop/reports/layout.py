"""Page geometry and type sizes of Party documents (HD 36), as an editable preset.

The rules change (HD 36 of 2018 is being replaced by HD 05 of 2026), so every number lives
in :class:`LayoutSpec`, which services build from the rule preset in force for the
document's date with :meth:`LayoutSpec.from_mapping`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from khoi_desktop.reports import fonts

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "A5": A5}
_ZERO_ALLOWED = frozenset(
    {
        "margin_top_mm",
        "margin_bottom_mm",
        "margin_left_mm",
        "margin_right_mm",
        "body_indent_mm",
        "paragraph_spacing_pt",
        "summary_rule_mm",
    }
)


@dataclass(frozen=True)
class LayoutSpec:
    """Paper, margins (mm) and type sizes (pt); the defaults are those of HD 36-HD/VPTW."""

    page_size: str = "A4"
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 30.0
    margin_right_mm: float = 15.0
    party_name_size: float = 15.0
    superior_size: float = 14.0
    issuer_size: float = 14.0
    number_size: float = 14.0
    place_date_size: float = 14.0
    document_type_size: float = 16.0
    summary_size: float = 14.0
    body_size: float = 14.0
    body_indent_mm: float = 12.7
    line_spacing: float = 1.2
    paragraph_spacing_pt: float = 6.0
    signature_size: float = 14.0
    signature_space_mm: float = 25.0
    recipients_heading_size: float = 14.0
    recipients_size: float = 12.0
    table_size: float = 13.0
    page_number_size: float = 14.0
    page_number_top_mm: float = 12.0
    header_left_share: float = 0.45
    summary_rule_mm: float = 20.0
    draft_mark: str = ""  # printed at the top of every page of a draft ("DỰ THẢO"); never from a preset

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> LayoutSpec:
        """Build from a stored preset: unknown keys are ignored, missing or unusable ones default."""
        defaults = cls()
        chosen: dict[str, object] = {}
        for field in fields(cls):
            if field.name in values and field.name != "draft_mark":
                chosen[field.name] = _coerce(field.name, values[field.name], getattr(defaults, field.name))
        return cls(**chosen)  # type: ignore[arg-type]

    @property
    def page_size_points(self) -> tuple[float, float]:
        """Width and height of the paper in points."""
        return PAGE_SIZES[self.page_size]

    @property
    def frame_width(self) -> float:
        """Width available to text between the left and right margins, in points."""
        return self.page_size_points[0] - (self.margin_left_mm + self.margin_right_mm) * mm

    @property
    def landscape_size_points(self) -> tuple[float, float]:
        """The paper turned: width and height swapped (the margins stay left, right, top, bottom)."""
        width, height = self.page_size_points
        return height, width

    @property
    def landscape_frame_width(self) -> float:
        """Width available to a wide table on a landscape page."""
        return self.landscape_size_points[0] - (self.margin_left_mm + self.margin_right_mm) * mm


def _coerce(name: str, value: object, default: object) -> object:
    """A preset value in the field's type, or the default when it cannot be used."""
    if isinstance(default, str):
        text = str(value).strip().upper()
        return text if text in PAGE_SIZES else default
    if isinstance(value, bool):
        return default
    try:
        number = float(value.replace(",", ".")) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    # A zero margin, indent or rule is a choice; a zero type size or line spacing is a typo.
    if not math.isfinite(number) or number < 0 or (number == 0 and name not in _ZERO_ALLOWED):
        return default
    if name == "header_left_share" and not 0.2 <= number <= 0.8:
        return default
    return number


@dataclass(frozen=True)
class Styles:
    """Every paragraph style a Party document needs, all in our embedded family."""

    superior: ParagraphStyle
    issuer: ParagraphStyle
    number: ParagraphStyle
    party: ParagraphStyle
    place_date: ParagraphStyle
    document_type: ParagraphStyle
    summary: ParagraphStyle
    body: ParagraphStyle
    lead_in: ParagraphStyle
    heading: ParagraphStyle
    signature: ParagraphStyle
    recipients_heading: ParagraphStyle
    recipient: ParagraphStyle
    table_header: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_centred: ParagraphStyle


def _style(name: str, font: str, size: float, layout: LayoutSpec, **extra: object) -> ParagraphStyle:
    # Naming the font for bullets too keeps any Helvetica reference out of the file.
    return ParagraphStyle(
        name,
        fontName=font,
        bulletFontName=font,
        fontSize=size,
        leading=size * layout.line_spacing,
        textColor="black",
        **extra,
    )


@cache
def build_styles(layout: LayoutSpec) -> Styles:
    """The styles for ``layout`` (cached: a LayoutSpec is immutable)."""
    family = fonts.register_fonts()
    regular, bold, italic = family.regular, family.bold, family.italic
    centred = {"alignment": TA_CENTER}
    indent = layout.body_indent_mm * mm
    spacing = layout.paragraph_spacing_pt
    return Styles(
        superior=_style("superior", regular, layout.superior_size, layout, **centred),
        issuer=_style("issuer", bold, layout.issuer_size, layout, **centred),
        number=_style("number", regular, layout.number_size, layout, **centred),
        party=_style("party", bold, layout.party_name_size, layout, **centred),
        place_date=_style("place_date", italic, layout.place_date_size, layout, **centred),
        document_type=_style(
            "document_type", bold, layout.document_type_size, layout, spaceBefore=18, **centred
        ),
        summary=_style("summary", bold, layout.summary_size, layout, **centred),
        body=_style(
            "body", regular, layout.body_size, layout,
            alignment=TA_JUSTIFY, firstLineIndent=indent, spaceAfter=spacing,
        ),
        lead_in=_style(
            "lead_in", regular, layout.body_size, layout,
            alignment=TA_JUSTIFY, firstLineIndent=indent, spaceAfter=spacing, keepWithNext=1,
        ),
        heading=_style(
            "heading", bold, layout.body_size, layout,
            alignment=TA_LEFT, firstLineIndent=indent, spaceBefore=spacing, spaceAfter=spacing,
            keepWithNext=1,
        ),
        signature=_style("signature", regular, layout.signature_size, layout, **centred),
        recipients_heading=_style("recipients_heading", regular, layout.recipients_heading_size, layout),
        recipient=_style("recipient", regular, layout.recipients_size, layout, alignment=TA_LEFT),
        table_header=_style("table_header", bold, layout.table_size, layout, **centred),
        table_cell=_style("table_cell", regular, layout.table_size, layout, alignment=TA_LEFT),
        table_cell_centred=_style("table_cell_centred", regular, layout.table_size, layout, **centred),
    )
