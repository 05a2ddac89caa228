"""Inspections and supervisions, outreach, exemplars: plain records, their rules and counts.

* An **inspection** (kiểm tra, giám sát) is run in a year by a conducting organisation
  (the body, e.g. "Ủy ban Kiểm tra Đảng ủy Khối", is free text) over one or more target
  organisations. Its steps follow the order plan → notice → self-report → findings →
  conclusion (KTGS guidance); each is recorded at most once, with a date that is not
  before the previous step's. The current step is the furthest one recorded.
* **Outreach** (tuyên truyền) items are counted by outlet; ``count`` is how many pieces an
  item stands for (e.g. 24 posts on the unit's site in one entry).
* **Exemplars** (gương điển hình, khen thưởng) are individuals or collectives; a
  commendation of year Y may be decided early in Y+1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from khoi_desktop.domain.enums import InspectionKind, InspectionStep, OrgKind, OutreachOutlet
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.vntext import clean, clean_multiline, format_date

MIN_YEAR = 1930
MAX_YEAR = 2100
MAX_LINE = 500
MAX_TEXT = 20_000
STEP_ORDER: tuple[InspectionStep, ...] = tuple(InspectionStep)
# Kinds counted in "21 cuộc kiểm tra, giám sát"; complaints and discipline are reported apart.
INSPECTION_KINDS = (InspectionKind.INSPECTION, InspectionKind.SUPERVISION, InspectionKind.THEMATIC_SUPERVISION)
TARGET_LEVEL_LABELS = {
    OrgKind.BLOC: "đảng bộ cấp trên cơ sở",
    OrgKind.BASE_COMMITTEE: "đảng bộ cơ sở",
    OrgKind.BASE_BRANCH: "chi bộ cơ sở",
    OrgKind.SUB_BRANCH: "chi bộ trực thuộc",
}


def oversight_changes(*ids: int) -> Changes:
    """What an inspection, outreach or exemplar edit changed (screens reload their lists)."""
    return Changes(oversight=True, ids=ids)


# -- inspections ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StepRecord:
    """One step of an inspection: when it was done and the document that records it."""

    step: InspectionStep
    done_on: date | None = None
    document_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class InspectionInput:
    year: int
    conducting_org_id: int
    kind: InspectionKind
    subject: str
    target_ids: tuple[int, ...]
    conductor: str = ""
    start_date: date | None = None
    end_date: date | None = None
    steps: tuple[StepRecord, ...] = ()
    conclusion: str = ""
    on_theme: bool = False  # on the year's theme (chủ đề năm): counted apart in the report


@dataclass(frozen=True)
class InspectionTarget:
    organization_id: int
    name: str
    kind: OrgKind


@dataclass(frozen=True)
class Inspection:
    id: int
    year: int
    conducting_org_id: int
    conducting_org_name: str
    conductor: str
    kind: InspectionKind
    subject: str
    start_date: date | None
    end_date: date | None
    step: InspectionStep
    conclusion: str
    targets: tuple[InspectionTarget, ...] = ()
    steps: tuple[StepRecord, ...] = ()
    on_theme: bool = False

    @property
    def finished(self) -> bool:
        return self.step is InspectionStep.CONCLUSION

    @property
    def body(self) -> str:
        """Who conducts it, as printed: the recorded body, else the organisation."""
        return self.conductor or self.conducting_org_name

    def to_input(self) -> InspectionInput:
        return InspectionInput(
            year=self.year, conducting_org_id=self.conducting_org_id, kind=self.kind, subject=self.subject,
            target_ids=tuple(t.organization_id for t in self.targets), conductor=self.conductor,
            start_date=self.start_date, end_date=self.end_date, steps=self.steps, conclusion=self.conclusion,
            on_theme=self.on_theme,
        )


def check_year(year: int, field: str = "year") -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(field, f"Năm “{year}” không hợp lệ (từ {MIN_YEAR} đến {MAX_YEAR}).")
    return year


def _line(text: str, field: str, label: str, *, required: bool = False) -> str:
    value = clean(text)
    if required and not value:
        raise ValidationError(field, f"Hãy ghi {label}.")
    if len(value) > MAX_LINE:
        raise ValidationError(field, f"{label[0].upper()}{label[1:]} quá dài (tối đa {MAX_LINE} ký tự).")
    return value


def _long(text: str, field: str, label: str) -> str:
    value = clean_multiline(text)
    if len(value) > MAX_TEXT:
        raise ValidationError(field, f"{label} quá dài (tối đa {MAX_TEXT} ký tự).")
    return value


def current_step(steps: Iterable[StepRecord]) -> InspectionStep:
    """The furthest step recorded (a new inspection is at its plan)."""
    recorded = [STEP_ORDER.index(record.step) for record in steps]
    return STEP_ORDER[max(recorded)] if recorded else InspectionStep.PLAN


def clean_steps(steps: Iterable[StepRecord]) -> tuple[StepRecord, ...]:
    """Steps in their order, each at most once, their dates never going backwards."""
    cleaned = sorted((replace(s, step=InspectionStep(s.step), document_number=_line(
        s.document_number, "steps", "số văn bản"), note=_long(s.note, "steps", "Ghi chú")) for s in steps),
        key=lambda record: STEP_ORDER.index(record.step))
    previous: StepRecord | None = None
    for record in cleaned:
        if previous is not None and previous.step is record.step:
            raise ValidationError("steps", f"Bước “{record.step.label}” được ghi hai lần.")
        if previous and previous.done_on and record.done_on and record.done_on < previous.done_on:
            raise ValidationError("steps", f"Bước “{record.step.label}” ({format_date(record.done_on)}) không thể "
                                  f"trước bước “{previous.step.label}” ({format_date(previous.done_on)}).")
        previous = record
    return tuple(cleaned)


def clean_inspection(data: InspectionInput) -> InspectionInput:
    """NFC-clean every text and check the rules above; raise ValidationError."""
    check_year(data.year)
    targets = tuple(dict.fromkeys(data.target_ids))
    if not targets:
        raise ValidationError("target_ids", "Hãy chọn ít nhất một tổ chức được kiểm tra, giám sát.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise ValidationError("end_date", f"Ngày kết thúc ({format_date(data.end_date)}) phải sau ngày bắt đầu "
                              f"({format_date(data.start_date)}).")
    for field, day in (("start_date", data.start_date), ("end_date", data.end_date)):
        if day and not data.year - 1 <= day.year <= data.year + 1:
            raise ValidationError(field, f"Ngày {format_date(day)} không thuộc năm {data.year}: hãy kiểm tra lại.")
    return replace(
        data, kind=InspectionKind(data.kind), target_ids=targets,
        subject=_line(data.subject, "subject", "nội dung kiểm tra, giám sát", required=True),
        conductor=_line(data.conductor, "conductor", "chủ thể kiểm tra, giám sát"),
        steps=clean_steps(data.steps), conclusion=_long(data.conclusion, "conclusion", "Kết luận"),
    )


@dataclass(frozen=True)
class InspectionCounts:
    """Inspections counted by kind; their targets counted by level (an org twice if twice targeted)."""

    total: int = 0
    finished: int = 0
    by_kind: tuple[tuple[InspectionKind, int], ...] = ()
    targets_by_level: tuple[tuple[OrgKind, int], ...] = ()
    on_theme: int = 0  # inspections and supervisions on the year's theme

    def of_kind(self, kind: InspectionKind) -> int:
        return dict(self.by_kind).get(kind, 0)

    @property
    def inspections_and_supervisions(self) -> int:
        """The number written "21 cuộc kiểm tra, giám sát"."""
        return sum(self.of_kind(kind) for kind in INSPECTION_KINDS)


def count_inspections(inspections: Iterable[Inspection]) -> InspectionCounts:
    rows = list(inspections)
    kinds = Counter(row.kind for row in rows)
    levels = Counter(target.kind for row in rows for target in row.targets)
    return InspectionCounts(
        total=len(rows), finished=sum(1 for row in rows if row.finished),
        by_kind=tuple((kind, kinds[kind]) for kind in InspectionKind),
        targets_by_level=tuple((kind, levels[kind]) for kind in OrgKind if levels[kind]),
        on_theme=sum(1 for row in rows if row.on_theme and row.kind in INSPECTION_KINDS),
    )


# -- outreach --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutreachInput:
    organization_id: int
    year: int
    outlet: OutreachOutlet
    title: str
    kind: str = ""
    date: date | None = None
    count: int = 1
    authors: str = ""
    note: str = ""


@dataclass(frozen=True)
class OutreachItem:
    id: int
    organization_id: int
    organization_name: str
    year: int
    outlet: OutreachOutlet
    title: str
    kind: str
    date: date | None
    count: int
    authors: str
    note: str

    def to_input(self) -> OutreachInput:
        return OutreachInput(self.organization_id, self.year, self.outlet, self.title, self.kind, self.date,
                             self.count, self.authors, self.note)


def clean_outreach(data: OutreachInput) -> OutreachInput:
    check_year(data.year)
    if data.date is not None and data.date.year != data.year:
        raise ValidationError("date", f"Ngày {format_date(data.date)} không thuộc năm {data.year}.")
    if not isinstance(data.count, int) or not 1 <= data.count <= 100_000:
        raise ValidationError("count", "Số lượng tin, bài phải là số nguyên từ 1 trở lên.")
    return replace(
        data, outlet=OutreachOutlet(data.outlet), title=_line(data.title, "title", "tiêu đề, nội dung", required=True),
        kind=_line(data.kind, "kind", "thể loại"), authors=_line(data.authors, "authors", "tác giả"),
        note=_long(data.note, "note", "Ghi chú"),
    )


@dataclass(frozen=True)
class OutreachCounts:
    """Per outlet (every outlet, in order): entries and the pieces they stand for."""

    by_outlet: tuple[tuple[OutreachOutlet, int, int], ...] = ()

    @property
    def entries(self) -> int:
        return sum(entries for _, entries, _ in self.by_outlet)

    @property
    def pieces(self) -> int:
        return sum(pieces for _, _, pieces in self.by_outlet)

    def pieces_of(self, outlet: OutreachOutlet) -> int:
        return next((pieces for o, _, pieces in self.by_outlet if o is outlet), 0)


def count_outreach(items: Iterable[OutreachItem]) -> OutreachCounts:
    entries: Counter[OutreachOutlet] = Counter()
    pieces: Counter[OutreachOutlet] = Counter()
    for item in items:
        entries[item.outlet] += 1
        pieces[item.outlet] += item.count
    return OutreachCounts(tuple((outlet, entries[outlet], pieces[outlet]) for outlet in OutreachOutlet))


@dataclass(frozen=True)
class ContributorInput:
    """A reporter or collaborator (phóng viên, cộng tác viên) of the unit's outreach network."""

    organization_id: int
    name: str
    role: str = ""
    outlet: OutreachOutlet | None = None
    person_id: int | None = None
    since: date | None = None


@dataclass(frozen=True)
class Contributor:
    id: int
    organization_id: int
    organization_name: str
    name: str
    role: str
    outlet: OutreachOutlet | None
    person_id: int | None
    since: date | None

    def to_input(self) -> ContributorInput:
        return ContributorInput(self.organization_id, self.name, self.role, self.outlet, self.person_id, self.since)


def clean_contributor(data: ContributorInput) -> ContributorInput:
    return replace(
        data, name=_line(data.name, "name", "họ tên cộng tác viên", required=True),
        role=_line(data.role, "role", "vai trò"), outlet=OutreachOutlet(data.outlet) if data.outlet else None,
    )


# -- exemplars -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExemplarInput:
    organization_id: int
    year: int
    name: str
    is_collective: bool = False
    person_id: int | None = None
    achievement: str = ""
    commendation: str = ""
    issued_by: str = ""
    decision_number: str = ""
    date: date | None = None


@dataclass(frozen=True)
class Exemplar:
    id: int
    organization_id: int
    organization_name: str
    year: int
    name: str
    is_collective: bool
    person_id: int | None
    achievement: str
    commendation: str
    issued_by: str
    decision_number: str
    date: date | None

    def to_input(self) -> ExemplarInput:
        return ExemplarInput(self.organization_id, self.year, self.name, self.is_collective, self.person_id,
                             self.achievement, self.commendation, self.issued_by, self.decision_number, self.date)


def clean_exemplar(data: ExemplarInput) -> ExemplarInput:
    check_year(data.year)
    if data.is_collective and data.person_id is not None:
        raise ValidationError("person_id", "Một tập thể điển hình không gắn với một cá nhân.")
    if data.date is not None and not data.year <= data.date.year <= data.year + 1:
        raise ValidationError("date", f"Ngày khen thưởng {format_date(data.date)} không thuộc năm {data.year} "
                              "(hoặc đầu năm sau).")
    return replace(
        data, is_collective=bool(data.is_collective),
        name=_line(data.name, "name", "tên tập thể hoặc họ tên cá nhân", required=True),
        achievement=_long(data.achievement, "achievement", "Thành tích"),
        commendation=_line(data.commendation, "commendation", "hình thức khen thưởng"),
        issued_by=_line(data.issued_by, "issued_by", "cấp khen thưởng"),
        decision_number=_line(data.decision_number, "decision_number", "số quyết định"),
    )


@dataclass(frozen=True)
class ExemplarCounts:
    individuals: int = 0
    collectives: int = 0
    by_commendation: tuple[tuple[str, int], ...] = ()  # most frequent first; '' = not commended yet

    @property
    def total(self) -> int:
        return self.individuals + self.collectives


def count_exemplars(exemplars: Iterable[Exemplar]) -> ExemplarCounts:
    rows = list(exemplars)
    forms = Counter(row.commendation for row in rows)
    return ExemplarCounts(
        individuals=sum(1 for row in rows if not row.is_collective),
        collectives=sum(1 for row in rows if row.is_collective),
        by_commendation=tuple(sorted(forms.items(), key=lambda item: (-item[1], item[0]))),
    )
