"""The content model of a Party report: plain blocks built once, rendered to PDF, DOCX and XLSX.

A service composes a :class:`ReportDocument` (its frame — issuer, number, date, title,
recipients, signature — and its blocks); ``year_end_pdf``, ``year_end_docx`` and
``year_end_xlsx`` only render it, so the three files always say the same thing.
Headings are numbered here ("I-", "1.", "a)"), once for every renderer. Text is plain
(renderers escape it); numbers in tables stay numbers until rendered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from khoi_desktop.domain.vntext import format_number, format_percent
from khoi_desktop.office.zips import stable_zip  # noqa: F401 - re-exported for the renderers
from khoi_desktop.reports.meeting_docs import PartyIssuer

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True)
class Heading:
    """A numbered heading: level 1 'I- …' (capitals), 2 '1. …', 3 'a) …'."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One body paragraph (justified, first-line indent); ``italic`` for notes."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class Title:
    """A centred bold title line (an annex's head), with an optional italic line under it."""

    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (the annex)."""


@dataclass(frozen=True)
class Percent:
    """A table cell holding a share: printed '96,5%', stored as a number in the workbook."""

    part: int
    whole: int

    @property
    def text(self) -> str:
        return format_percent(self.part, self.whole) if self.whole else "-"

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None


Cell = str | int | float | Percent | None


@dataclass(frozen=True)
class Column:
    """A table column: its title, its share of the width, and whether its cells are centred."""

    title: str
    width: float = 1.0
    centred: bool = False


@dataclass(frozen=True)
class Table:
    """A bordered table with a title above it; ``total_row`` prints the last row in bold."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total_row: bool = False
    note: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class BarChart:
    """Grouped bars: one group per category, one bar per series (e.g. last year and this year)."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = ""

    def as_table(self) -> Table:
        """The chart's numbers as a table (where a picture cannot be drawn, and in the workbook)."""
        columns = (Column("Nội dung", 3.0), *(Column(s.name, 1.0, centred=True) for s in self.series))
        rows = tuple((category, *(_number(s.values[i]) for s in self.series))
                     for i, category in enumerate(self.categories))
        return Table(self.title, columns, rows, note=f"Đơn vị tính: {self.unit}" if self.unit else "")


Block = Heading | Paragraph | Title | PageBreak | Table | BarChart


@dataclass(frozen=True)
class Signature:
    on_behalf: str  # 'T/M ĐẢNG ỦY' — printed bold
    title: str  # 'BÍ THƯ'
    name: str  # '' leaves the name to be written by hand


@dataclass(frozen=True)
class ReportDocument:
    """A whole report: the Party frame around the body, then the annex on its own pages."""

    issuer: PartyIssuer
    issued_on: date
    summary: str  # 'kết quả học tập … năm 2018', printed bold under the document type
    body: tuple[Block, ...]
    recipients: tuple[str, ...]
    signature: Signature
    number: int | None = None
    type_code: str = "BC"
    document_type: str = "Báo cáo"
    annex: tuple[Block, ...] = ()

    @property
    def title(self) -> str:
        """'Báo cáo kết quả … năm 2018': the file's title in viewers."""
        return f"{self.document_type} {self.summary}".strip()

    def tables(self) -> Iterator[Table]:
        """Every table of the body and the annex, charts as their tables, in order."""
        for block in (*self.body, *self.annex):
            if isinstance(block, Table):
                yield block
            elif isinstance(block, BarChart):
                yield block.as_table()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def roman(number: int) -> str:
    text = ""
    for value, letters in _ROMAN:
        while number >= value:
            text, number = text + letters, number - value
    return text


def heading_labels(blocks: Sequence[Block]) -> list[str]:
    """The label of each heading in order ('I-', '1.', 'a)'); lower levels restart under a higher one."""
    counters = [0, 0, 0]
    labels: list[str] = []
    for block in blocks:
        if not isinstance(block, Heading):
            continue
        level = min(max(block.level, 1), 3)
        counters[level - 1] += 1
        counters[level:] = [0] * (3 - level)
        count = counters[level - 1]
        labels.append({1: f"{roman(count)}-", 2: f"{count}.", 3: f"{chr(ord('a') + (count - 1) % 26)})"}[level])
    return labels


def heading_text(label: str, heading: Heading) -> str:
    """'I- KẾT QUẢ THỰC HIỆN', '1. Công tác …', 'a) …'."""
    text = heading.text.upper() if heading.level <= 1 else heading.text
    return f"{label} {text}"


def labelled(blocks: Sequence[Block]) -> Iterator[tuple[Block, str]]:
    """Each block with its heading's full text ('' for other blocks)."""
    labels = iter(heading_labels(blocks))
    for block in blocks:
        yield block, heading_text(next(labels), block) if isinstance(block, Heading) else ""


def cell_text(value: Cell) -> str:
    """How a table cell prints: '1.234', '96,5%', '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return value.text
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    return value


