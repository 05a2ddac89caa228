"""A :class:`BarChart` as a PNG picture drawn with Pillow, for Word (the PDF draws it as vectors).

reportlab's own bitmap renderer needs a Cairo backend that is not installed; Pillow already
comes with reportlab. Same look as the PDF chart: grouped grey bars with black edges, the
value on each bar, wrapped category labels, a legend, 'Đơn vị tính', in the document's font.
The drawing is deterministic: the same chart gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

from khoi_desktop.reports import fonts
from khoi_desktop.reports.report_model import BarChart, cell_text

SERIES_FILLS = ("#bfbfbf", "#404040", "#7f7f7f", "#d9d9d9")
_LABEL_WIDTH = 16
_DPI = 150


def chart_png(chart: BarChart, width_points: float, height_points: float = 230.0) -> bytes:
    """The chart as PNG bytes, ``width_points`` × ``height_points`` at 150 dpi."""
    scale = _DPI / 72
    width, height = round(width_points * scale), round(height_points * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    family = fonts.register_fonts()
    font = ImageFont.truetype(str(family.files[0]), round(10 * scale))
    italic = ImageFont.truetype(str(family.files[2]), round(10 * scale))
    left, right, top, bottom = 40 * scale, width - 20 * scale, 35 * scale, height - 50 * scale
    values = [value for series in chart.series for value in series.values]
    peak = max(max(values, default=0) * 1.15, 1)
    groups = max(len(chart.categories), 1)
    group_width = (right - left) / groups
    bar_width = (group_width - 12 * scale) / max(len(chart.series), 1)
    for index, category in enumerate(chart.categories):
        x0 = left + index * group_width + 6 * scale
        for position, series in enumerate(chart.series):
            value = series.values[index] if index < len(series.values) else 0
            x = x0 + position * bar_width
            y = bottom - (bottom - top) * value / peak
            draw.rectangle((x, y, x + bar_width - 2 * scale, bottom), fill=_fill(position), outline="black")
            label = cell_text(int(value) if float(value).is_integer() else value)  # type: ignore[arg-type]
            draw.text((x + (bar_width - 2 * scale) / 2, y - 2 * scale), label, fill="black", font=font, anchor="md")
        name = "\n".join(textwrap.wrap(family.printable(category), _LABEL_WIDTH)) or category
        draw.multiline_text((x0 + (group_width - 12 * scale) / 2, bottom + 4 * scale), name, fill="black",
                            font=font, anchor="ma", align="center")
    draw.line((left, bottom, right, bottom), fill="black", width=max(1, round(scale)))
    _legend(draw, chart, right, font, scale)
    if chart.unit:
        draw.text((0, 2 * scale), family.printable(f"Đơn vị tính: {chart.unit}"), fill="black", font=italic)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(_DPI, _DPI), optimize=False)
    return buffer.getvalue()


def _legend(draw: ImageDraw.ImageDraw, chart: BarChart, right: float, font: ImageFont.FreeTypeFont,
            scale: float) -> None:
    x = right
    for position, series in reversed(list(enumerate(chart.series))):
        name = fonts.register_fonts().printable(series.name)
        x -= draw.textlength(name, font=font) + 4 * scale
        draw.text((x, 4 * scale), name, fill="black", font=font)
        x -= 12 * scale
        draw.rectangle((x, 5 * scale, x + 8 * scale, 13 * scale), fill=_fill(position), outline="black")
        x -= 12 * scale


def _fill(index: int) -> str:
    return SERIES_FILLS[index % len(SERIES_FILLS)]
