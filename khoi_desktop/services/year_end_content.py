"""The year-end report's words: computed figures woven into sentences, the clerk's narrative merged in.

Pure functions over :class:`YearEndData` (gathered by ``services.year_end``; issue 7's
consolidated report can gather it from packages instead). Each section prints its
computed sentences, then the clerk's text for that section; a section with neither is
left out (its heading too), and nothing is ever written in the clerk's place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from khoi_desktop.domain.enums import InspectionKind, MeetingKind, OrgKind, OutreachOutlet, RatingLevel
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.oversight import TARGET_LEVEL_LABELS, Exemplar, Inspection
from khoi_desktop.domain.study import PlanDocument, participation_sentences
from khoi_desktop.domain.vntext import (
    clean_multiline,
    fold,
    format_date,
    format_number,
    format_percent,
    format_ratio,
    vietnamese_sorted,
)
from khoi_desktop.reports.report_model import Block, Heading, Paragraph
from khoi_desktop.services.overview import Ratings, YearFigures


@dataclass(frozen=True)
class NarrativeSection:
    """A part of the report the clerk writes: its key in report_narratives, its heading, its level."""

    key: str
    title: str
    level: int
    parent: str = ""


# The skeleton, in print order. Level-1 parts with children print only their children's text.
SKELETON: tuple[NarrativeSection, ...] = (
    NarrativeSection("leadership", "Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện", 1),
    NarrativeSection("results", "Kết quả thực hiện", 1),
    NarrativeSection("study", "Công tác học tập, quán triệt", 2, "results"),
    NarrativeSection("following", "Đăng ký và làm theo, đánh giá kết quả", 2, "results"),
    NarrativeSection("focus", "Thực hiện nội dung trọng tâm", 2, "results"),
    NarrativeSection("outreach", "Công tác tuyên truyền", 2, "results"),
    NarrativeSection("inspection", "Công tác kiểm tra, giám sát", 2, "results"),
    NarrativeSection("exemplars", "Gương điển hình, khen thưởng", 2, "results"),
    NarrativeSection("assessment", "Đánh giá chung", 1),
    NarrativeSection("strengths", "Ưu điểm", 2, "assessment"),
    NarrativeSection("shortcomings", "Hạn chế, khuyết điểm", 2, "assessment"),
    NarrativeSection("causes", "Nguyên nhân", 2, "assessment"),
    NarrativeSection("lessons", "Bài học kinh nghiệm", 2, "assessment"),
    NarrativeSection("directions", "Phương hướng, nhiệm vụ năm {next_year}", 1),
    NarrativeSection("proposals", "Kiến nghị, đề xuất", 1),
)
DOTTED_LINE = "." * 105  # one printed line at 14 pt, written in by hand
DOTTED_LINES = 3
# Parts of the frame the clerk may set: the summary line, 'Nơi nhận' (one a line), the signer.
FRAME_KEYS = ("summary", "recipients", "signer_name")
NARRATIVE_KEYS = tuple(s.key for s in SKELETON if s.key not in ("results", "assessment")) + FRAME_KEYS
_CONTAINERS = ("results", "assessment")
_MEETING_PHRASES = {
    MeetingKind.REGULAR: "buổi sinh hoạt thường kỳ", MeetingKind.THEMATIC: "buổi sinh hoạt chuyên đề",
    MeetingKind.STUDY: "hội nghị học tập, quán triệt", MeetingKind.SEMINAR: "buổi tọa đàm",
    MeetingKind.DISCUSSION: "buổi thảo luận", MeetingKind.COMMITTEE: "cuộc họp cấp ủy",
    MeetingKind.REVIEW: "hội nghị kiểm điểm",
}
_OUTLET_PHRASES = {
    OutreachOutlet.NEWSPAPER: "{n} tin, bài đăng trên Báo tỉnh",
    OutreachOutlet.RADIO_TV: "{n} tin, bài phát trên Đài Phát thanh và Truyền hình",
    OutreachOutlet.WEBSITE: "{n} tin, bài trên trang thông tin của đơn vị",
    OutreachOutlet.CONFERENCE: "{n} hội nghị, tọa đàm",
    OutreachOutlet.OTHER: "{n} hoạt động tuyên truyền khác",
}
_INSPECTION_PHRASES = {
    InspectionKind.INSPECTION: "{n} cuộc kiểm tra", InspectionKind.SUPERVISION: "{n} cuộc giám sát thường xuyên",
    InspectionKind.THEMATIC_SUPERVISION: "{n} cuộc giám sát chuyên đề",
    InspectionKind.COMPLAINT: "giải quyết {n} tố cáo",
    InspectionKind.DISCIPLINE: "xem xét, thi hành kỷ luật {n} trường hợp",
}


@dataclass(frozen=True)
class UnitFocus:
    name: str  # the unit as the report names it ('Viện Kiểm sát nhân dân tỉnh')
    focus: str


def name_units(units: Iterable[tuple[str, str, str]]) -> tuple[UnitFocus, ...]:
    """(usual name, own name, focus) → the listed units, each named distinctly, no repeats.

    A unit is named by its usual name (its agency: 'Sở Nông nghiệp và PTNT') unless another
    listed unit has that name too; then by its own ('Chi bộ Văn phòng Sở').
    """
    listed = [(usual or own, own or usual, focus) for usual, own, focus in units if focus]
    shared = Counter(fold(usual) for usual, _, _ in listed)
    named = (UnitFocus(own if shared[fold(usual)] > 1 else usual, focus) for usual, own, focus in listed)
    return tuple(dict.fromkeys(named))


@dataclass(frozen=True)
class YearEndData:
    """Everything the report says about one organisation and year."""

    organization: Organization
    year: int
    figures: YearFigures
    previous: YearFigures
    has_children: bool
    theme: str = ""
    term_theme: str = ""
    focus: str = ""
    documents: tuple[PlanDocument, ...] = ()
    unit_focus: tuple[UnitFocus, ...] = ()
    inspections: tuple[Inspection, ...] = ()  # run by the organisation itself
    exemplars: tuple[Exemplar, ...] = ()
    narratives: Mapping[str, str] = field(default_factory=dict)
    blank_lines: bool = False  # an empty section prints its heading and dotted lines to write in by hand

    @property
    def scope(self) -> str:
        """'Đảng bộ Khối … và các tổ chức đảng trực thuộc', or the organisation alone."""
        name = self.organization.name
        return f"{name} và các tổ chức đảng trực thuộc" if self.has_children else name

    def narrative(self, key: str) -> str:
        return clean_multiline(self.narratives.get(key, ""))


def section_title(section: NarrativeSection, year: int) -> str:
    return section.title.format(next_year=year + 1)


def opening(data: YearEndData) -> str:
    theme = f"Thực hiện chủ đề năm {data.year} “{data.theme}”, " if data.theme else ""
    subject = data.organization.name if theme else data.organization.name[0].upper() + data.organization.name[1:]
    return f"{theme}{subject} báo cáo kết quả thực hiện năm {data.year} như sau:"


def computed(data: YearEndData) -> dict[str, list[str]]:
    """The computed sentences of every section (empty lists where nothing was recorded)."""
    return {"leadership": _leadership(data), "study": _study(data), "following": _following(data),
            "focus": _focus(data), "outreach": _outreach(data), "inspection": _inspection(data),
            "exemplars": _exemplars(data)}


def body_blocks(data: YearEndData) -> tuple[Block, ...]:
    """Opening, then every section with content: headings, computed sentences, the clerk's lines.

    An empty section is left out, or, when ``data.blank_lines``, printed as its heading over
    dotted lines for the committee to fill in by hand.
    """
    sentences = computed(data)
    blocks: list[Block] = [Paragraph(opening(data))]
    for section in SKELETON:
        if section.parent:
            continue
        children = [s for s in SKELETON if s.parent == section.key]
        parts = [(s, _content(s, sentences, data) or _dots(data)) for s in children]
        own = [] if section.key in _CONTAINERS else _content(section, sentences, data) or _dots(data)
        if not own and not any(lines for _, lines in parts):
            continue
        blocks.append(Heading(1, section_title(section, data.year)))
        blocks.extend(Paragraph(line) for line in own)
        for child, lines in parts:
            if lines:
                blocks.append(Heading(2, section_title(child, data.year)))
                blocks.extend(Paragraph(line) for line in lines)
    return tuple(blocks)


def empty_sections(data: YearEndData) -> tuple[NarrativeSection, ...]:
    """The sections that have neither computed sentences nor the clerk's text (containers aside)."""
    sentences = computed(data)
    return tuple(s for s in SKELETON if s.key not in _CONTAINERS and not _content(s, sentences, data))


def _dots(data: YearEndData) -> list[str]:
    return [DOTTED_LINE] * DOTTED_LINES if data.blank_lines else []


def _content(section: NarrativeSection, sentences: dict[str, list[str]], data: YearEndData) -> list[str]:
    own = [line for line in data.narrative(section.key).split("\n") if line]
    return [*sentences.get(section.key, []), *own]


def _join(parts: list[str]) -> str:
    return "; ".join(parts)


def _leadership(data: YearEndData) -> list[str]:
    lines = []
    if data.documents:
        lines.append("Văn bản lãnh đạo, chỉ đạo, triển khai thực hiện: " + _join(
            [_document(d) for d in data.documents]) + ".")
    held = [(kind, count) for kind, count in data.figures.meetings if count]
    if held:
        detail = ", ".join(f"{format_number(count)} {_MEETING_PHRASES[kind]}" for kind, count in held)
        lines.append(f"Trong năm {data.year}, {data.scope} đã tổ chức {format_number(data.figures.meetings_total)} "
                     f"buổi sinh hoạt, hội nghị, trong đó: {detail}.")
    return lines


def _document(document: PlanDocument) -> str:
    """'Kế hoạch số 60-KH/ĐUK ngày 17/02/2018 của … thực hiện Chỉ thị 05-CT/TW' (the type is not repeated)."""
    number = f" số {document.number}" if document.number else ""
    day = f" ngày {format_date(document.issued_on)}" if document.issued_on else ""
    issuer = f" của {document.issuer}" if document.issuer else ""
    label, title = document.kind_label, document.title
    topic = title[len(label):].strip() if fold(title).startswith(fold(label) + " ") else f"về {title}"
    return f"{label}{number}{day}{issuer} {topic}"


def _study(data: YearEndData) -> list[str]:
    return participation_sentences(data.figures.participation)


def _following(data: YearEndData) -> list[str]:
    reg, lines = data.figures.registrations, []
    parts = []
    if reg.expected and reg.registered:
        parts.append(f"số cán bộ, đảng viên viết bản đăng ký học tập và làm theo: "
                     f"{format_ratio(reg.registered, reg.expected, 'người')}")
    if reg.collectives_expected and reg.collectives_registered:
        parts.append(f"số chi bộ đăng ký tập thể: {format_ratio(reg.collectives_registered, reg.collectives_expected, 'chi bộ')}")
    if parts:
        lines.append(_capital(_join(parts)) + ".")
    lines += _ratings_sentence("Kết quả đánh giá, xếp loại đảng viên năm", data.figures.ratings, "đồng chí", data.year)
    lines += _ratings_sentence("Kết quả đánh giá, xếp loại tổ chức đảng năm", data.figures.collective_ratings,
                               "tổ chức", data.year)
    return lines


def _ratings_sentence(lead: str, ratings: Ratings, unit: str, year: int) -> list[str]:
    rated = ratings.rated
    if not rated:
        return []
    parts = [f"{level.label.lower()} {format_number(count)} {unit} ({format_percent(count, rated)})"
             for level, count in ratings.by_level if count]
    not_rated = ratings.not_rated
    tail = f"; {format_number(not_rated)} {unit} không xếp loại" if not_rated else ""
    return [f"{lead} {year}: {_join(parts)}{tail}."]


def _focus(data: YearEndData) -> list[str]:
    lines = []
    if data.focus:
        lines.append(f"Nội dung trọng tâm năm {data.year} của {data.organization.name}: “{data.focus}”.")
    units = [u for u in data.unit_focus if u.focus]
    if units:
        named = _join(list(dict.fromkeys(f"{u.name} với nội dung “{u.focus}”" for u in units)))
        lines.append(f"Các tổ chức đảng trực thuộc đã xác định nội dung trọng tâm của đơn vị. Cụ thể như: {named}.")
    return lines


def _outreach(data: YearEndData) -> list[str]:
    counts, lines = data.figures.outreach, []
    if counts.pieces:
        detail = _join([_OUTLET_PHRASES[outlet].format(n=format_number(pieces))
                        for outlet, _, pieces in counts.by_outlet if pieces])
        lines.append(f"Trong năm có {format_number(counts.pieces)} tin, bài, hoạt động tuyên truyền, "
                     f"trong đó: {detail}.")
    if data.figures.contributors:
        lines.append(f"Mạng lưới phóng viên, cộng tác viên gồm {format_number(data.figures.contributors)} đồng chí.")
    return lines


def _inspection(data: YearEndData) -> list[str]:
    own, below, lines = data.figures.inspections.own, data.figures.inspections.below, []
    if own.inspections_and_supervisions:
        detail = ", ".join(_INSPECTION_PHRASES[kind].format(n=format_number(count))
                           for kind, count in own.by_kind if count and kind not in _EXTRA_KINDS)
        if own.on_theme:  # the source's sentence counts only those on the year's theme
            lines.append(f"{_bodies(data)} đã tiến hành {format_number(own.on_theme)} cuộc kiểm tra, giám sát "
                         f"việc thực hiện chủ đề năm {data.year}.")
        lines.append(f"Trong năm, {_bodies(data)} đã tiến hành tổng số "
                     f"{format_number(own.inspections_and_supervisions)} cuộc kiểm tra, giám sát"
                     f"{_targets(own.targets_by_level)}, trong đó: {detail}; đã kết luận "
                     f"{format_number(own.finished)} cuộc.")
    extras = [_INSPECTION_PHRASES[kind].format(n=format_number(own.of_kind(kind)))
              for kind in _EXTRA_KINDS if own.of_kind(kind)]
    if extras:
        lines.append("Ngoài ra, đã " + _join(extras) + ".")
    if below.total:
        lines.append(f"Các tổ chức đảng trực thuộc đã tiến hành {format_number(below.inspections_and_supervisions)} "
                     "cuộc kiểm tra, giám sát.")
    return lines


_EXTRA_KINDS = (InspectionKind.COMPLAINT, InspectionKind.DISCIPLINE)


def _bodies(data: YearEndData) -> str:
    names = vietnamese_sorted({i.body for i in data.inspections if i.body}) or [data.organization.name]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    return _capital(text)


def _targets(levels: tuple[tuple[OrgKind, int], ...]) -> str:
    total = sum(count for _, count in levels)
    if not total:
        return ""
    detail = ", ".join(f"{format_number(count)} {TARGET_LEVEL_LABELS[kind]}" for kind, count in levels)
    return f" đối với {format_number(total)} lượt tổ chức đảng ({detail})"


def _exemplars(data: YearEndData) -> list[str]:
    counts = data.figures.exemplars
    if not counts.total:
        return []
    who = _join([part for part in (f"{format_number(counts.collectives)} tập thể" if counts.collectives else "",
                                   f"{format_number(counts.individuals)} cá nhân" if counts.individuals else "")
                 if part]).replace("; ", " và ")
    forms = [f"{format_number(n)} {form}" for form, n in counts.by_commendation if form]
    detail = f", trong đó: {', '.join(forms)}" if forms else ""
    return [f"Trong năm có {who} điển hình được biểu dương, khen thưởng{detail}."]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def level_short(level: RatingLevel) -> str:
    """Short level names for chart labels."""
    return {RatingLevel.EXCELLENT: "Xuất sắc", RatingLevel.GOOD: "Tốt", RatingLevel.COMPLETED: "Hoàn thành",
            RatingLevel.NOT_COMPLETED: "Không hoàn thành"}[level]
