"""The year's study: year plans (chủ đề năm, nội dung trọng tâm) and study participation.

**Participation in a year** (the definitions printed in docs/participation.md):

* *Study meetings* are the meetings of the year whose kind is in the MEETING preset's
  ``study_kinds`` (học tập, quán triệt; chuyên đề; tọa đàm; thảo luận by default), read by
  :func:`khoi_desktop.domain.presets.study_kinds`.
* *Expected* (phải tham gia): the roll of each meeting is written per meeting, so the
  attendance rows are the record of who was expected there. A person who joins or leaves
  mid-year is only expected at the meetings held while they belonged. An exempt member
  (miễn sinh hoạt) who is marked absent was not expected and is not counted; one who came
  counts as expected and present.
* *Took part* (đã tham gia): decided per person from their present (có mặt, đến muộn) and
  expected counts by the preset's ``participation_rule`` (:data:`PARTICIPATION_RULES`).
* *Số người* counts distinct persons: took part / expected. *Số lượt* counts attendances:
  present rows / expected rows.
* *By organisation*: each attendance is credited to the person's organisation on the
  meeting day — the meeting's own organisation for a chi bộ meeting; for a đảng bộ cơ sở
  conference (whose roll covers its branches) the branch the person then belonged to. An
  organisation's figures include every organisation below it; a person who moved within
  it during the year is still one person.
* *By membership kind*: attendances by the kind recorded on each row; persons by the kind
  of their last expected study meeting of the year.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from khoi_desktop.domain.enums import MembershipKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.vntext import clean, clean_multiline, format_number, format_percent, format_ratio

FIRST_YEAR = 2000
MAX_TEXT = 5_000

# ---------------------------------------------------------------------------
# Year plans

PLAN_DOCUMENT_KINDS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QĐ": "Quy định",
    "HD": "Hướng dẫn",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TB": "Thông báo",
}
_KIND_CODE = re.compile(r"^[0-9A-Za-zĐđ/.-]{1,10}$")


@dataclass(frozen=True)
class PlanDocument:
    """A resolution, directive or plan the year's study is built on ('Nghị quyết số 03 ngày 6/6/2016')."""

    kind: str  # a Party type code: NQ, CT, KL, HD, KH … (PLAN_DOCUMENT_KINDS)
    title: str
    number: str = ""  # '03-NQ/TU'
    issued_on: date | None = None
    issuer: str = ""
    id: int | None = None

    @property
    def kind_label(self) -> str:
        return PLAN_DOCUMENT_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class YearPlanInput:
    organization_id: int
    year: int
    theme: str = ""  # chủ đề năm, usually the superior's
    term_theme: str = ""  # chủ đề toàn khóa
    focus_content: str = ""  # nội dung trọng tâm the unit chose itself
    note: str = ""
    documents: tuple[PlanDocument, ...] = ()


@dataclass(frozen=True)
class YearPlan:
    """One organisation's plan for one year; ``id`` None when nothing was entered yet."""

    organization_id: int
    year: int
    theme: str = ""
    term_theme: str = ""
    focus_content: str = ""
    note: str = ""
    documents: tuple[PlanDocument, ...] = ()
    id: int | None = None

    def to_input(self) -> YearPlanInput:
        return YearPlanInput(self.organization_id, self.year, self.theme, self.term_theme, self.focus_content,
                             self.note, self.documents)


def check_year(year: int, today: date) -> int:
    """A year the clerk may record: from 2000 to next year."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= today.year + 1:
        raise ValidationError("year", f"Năm {year} không hợp lệ (từ {FIRST_YEAR} đến {today.year + 1}).")
    return year


def _long_text(field_name: str, label: str, text: str, multiline: bool = True) -> str:
    cleaned = clean_multiline(text) if multiline else clean(text)
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(field_name, f"{label} quá dài (tối đa {format_number(MAX_TEXT)} ký tự).")
    return cleaned


def clean_document(document: PlanDocument) -> PlanDocument:
    kind = clean(document.kind)
    title = _long_text("documents", "Trích yếu văn bản", document.title, multiline=False)
    if not title:
        raise ValidationError("documents", "Mỗi văn bản căn cứ cần có trích yếu (tên văn bản).")
    if not _KIND_CODE.match(kind):
        raise ValidationError("documents", f"Loại văn bản “{kind}” không hợp lệ: "
                              "ghi ký hiệu như NQ, CT, KL, HD, KH.")
    return PlanDocument(kind, title, clean(document.number), document.issued_on, clean(document.issuer),
                        document.id)


def clean_plan(data: YearPlanInput, today: date) -> YearPlanInput:
    """NFC-clean every text and check the year and the documents."""
    check_year(data.year, today)
    return YearPlanInput(
        organization_id=data.organization_id, year=data.year,
        theme=_long_text("theme", "Chủ đề năm", data.theme),
        term_theme=_long_text("term_theme", "Chủ đề toàn khóa", data.term_theme),
        focus_content=_long_text("focus_content", "Nội dung trọng tâm", data.focus_content),
        note=_long_text("note", "Ghi chú", data.note),
        documents=tuple(clean_document(document) for document in data.documents),
    )


def offered(child: YearPlan | None, superior: YearPlan, organization_id: int) -> YearPlan | None:
    """The child's plan with the superior's theme filled in where the child has none.

    Never overwrites the child's own text; documents are copied only to a plan that has
    none. None when there is nothing to change.
    """
    plan = child or YearPlan(organization_id, superior.year)
    theme = plan.theme or superior.theme
    term_theme = plan.term_theme or superior.term_theme
    documents = plan.documents or tuple(
        PlanDocument(d.kind, d.title, d.number, d.issued_on, d.issuer) for d in superior.documents)
    changed = (theme, term_theme, documents) != (plan.theme, plan.term_theme, plan.documents)
    if not changed:
        return None
    return YearPlan(plan.organization_id, plan.year, theme, term_theme, plan.focus_content, plan.note, documents,
                    plan.id)


# ---------------------------------------------------------------------------
# Participation

PARTICIPATION_RULES: dict[str, str] = {
    "present_at_least_once": "có mặt ít nhất một buổi học tập trong năm",
    "present_at_least_half": "có mặt ít nhất một nửa số buổi học tập phải dự",
    "present_at_every_meeting": "có mặt đủ các buổi học tập phải dự",
}
PRESENT_STATUSES = ("present", "late")
DEFAULT_RULE = "present_at_least_once"
PARTICIPATION_HELP = (
    "Số người: số người đã tham gia trên số người phải tham gia; số lượt: số lượt có mặt trên số "
    "lượt phải dự. Người phải dự một buổi là người có tên trong danh sách điểm danh của buổi đó "
    "(người chuyển đến, chuyển đi giữa năm chỉ tính các buổi khi còn sinh hoạt; người miễn sinh hoạt "
    "vắng mặt không tính). Đã tham gia: {rule}. Số liệu của một tổ chức gồm cả các tổ chức trực thuộc."
)


def rule_label(rule: str) -> str:
    """The Vietnamese wording of a participation rule; unknown rules are refused."""
    if rule not in PARTICIPATION_RULES:
        raise ValidationError("participation_rule", f"Quy tắc tính tham gia học tập “{rule}” trong bộ quy định "
                              "không được hỗ trợ; hãy chọn: " + ", ".join(PARTICIPATION_RULES) + ".")
    return PARTICIPATION_RULES[rule]


def took_part(rule: str, present: int, expected: int) -> bool:
    """Whether a person with ``present`` of ``expected`` study attendances took part under ``rule``."""
    rule_label(rule)
    return _took_part(rule, present, expected)


def _took_part(rule: str, present: int, expected: int) -> bool:
    """:func:`took_part` for a rule already checked (it runs once per person of a bloc)."""
    if rule == "present_at_least_half":
        return present > 0 and 2 * present >= expected
    if rule == "present_at_every_meeting":
        return expected > 0 and present >= expected
    return present >= 1


class StudyRow(NamedTuple):
    """Attendances of one person at the study meetings of one organisation, in one kind.

    ``home_id`` is where the attendances are credited (see the module's definitions);
    ``meeting_org_id`` is the organisation that held the meetings. A named tuple: a bloc's
    year has some 20,000 of them, made straight from the query's rows.
    """

    meeting_org_id: int
    home_id: int
    person_id: int
    membership_kind: str
    expected: int
    present: int
    last_day: str  # ISO date of the last of these meetings


@dataclass(frozen=True)
class Tally:
    """Persons who took part / expected, and present / expected attendances."""

    persons_expected: int = 0
    persons_took_part: int = 0
    attendances_expected: int = 0
    attendances_present: int = 0

    @property
    def persons_text(self) -> str:
        """'193/200 người, đạt 96,5%'."""
        return format_ratio(self.persons_took_part, self.persons_expected, "người")

    @property
    def attendances_text(self) -> str:
        """'1.150/1.200 lượt, đạt 95,83%'."""
        return format_ratio(self.attendances_present, self.attendances_expected, "lượt")

    @property
    def persons_percent(self) -> str:
        return format_percent(self.persons_took_part, self.persons_expected)


@dataclass(frozen=True)
class OrgTally:
    """An organisation's figures, including the organisations below it."""

    organization_id: int
    name: str
    parent_id: int | None
    depth: int  # 0 for the organisation asked about
    tally: Tally


@dataclass(frozen=True)
class KindTally:
    kind: str  # a MembershipKind value, or '' when the roll did not record one
    label: str
    tally: Tally


@dataclass(frozen=True)
class Participation:
    """The year's study participation of one organisation (with the organisations below it)."""

    organization_id: int
    organization_name: str
    year: int
    rule: str
    rule_label: str
    study_kinds: tuple[str, ...]
    meetings: int  # study meetings held in scope
    overall: Tally
    by_organization: tuple[OrgTally, ...] = ()
    by_kind: tuple[KindTally, ...] = ()

    @property
    def help_text(self) -> str:
        return PARTICIPATION_HELP.format(rule=self.rule_label)


# How the source report names each category of those who study ("cán bộ, đảng viên, công
# chức, viên chức, hội viên, đoàn viên …"); both party kinds are 'đảng viên'.
_CATEGORY_WORDS: dict[str, str] = {
    "party_official": "đảng viên", "party_probationary": "đảng viên", "civil_servant": "công chức",
    "public_employee": "viên chức", "worker": "người lao động", "youth_union": "đoàn viên",
    "association": "hội viên", "student": "học sinh",
}


def study_categories(participation: Participation) -> tuple[tuple[str, Tally], ...]:
    """(category word, tally) in the source's words and order, party kinds together; empty ones left out."""
    merged: dict[str, list[Tally]] = {}
    for kind in participation.by_kind:
        if kind.tally.persons_expected:
            merged.setdefault(_CATEGORY_WORDS.get(kind.kind, kind.label.lower()), []).append(kind.tally)
    return tuple((word, _add_tallies(tallies)) for word, tallies in merged.items())


def _add_tallies(tallies: Sequence[Tally]) -> Tally:
    return Tally(*(sum(getattr(t, name) for t in tallies) for name in
                   ("persons_expected", "persons_took_part", "attendances_expected", "attendances_present")))


def participation_sentences(participation: Participation) -> list[str]:
    """'Tỷ lệ cán bộ, đảng viên, công chức, viên chức tham gia học tập là 96,5% (193/200 người); …'.

    The categories named are those with somebody in them; nothing when nobody was expected.
    """
    overall = participation.overall
    if not overall.persons_expected:
        return []
    categories = study_categories(participation)
    who = ", ".join(["cán bộ", *(word for word, _ in categories)])
    lines = [f"Tỷ lệ {who} tham gia học tập là {overall.persons_percent} "
             f"({format_number(overall.persons_took_part)}/{format_number(overall.persons_expected)} người); "
             f"tính theo lượt: {overall.attendances_text}."]
    if len(categories) > 1:
        parts = [f"{word} {tally.persons_text}" for word, tally in categories]
        lines.append("Trong đó: " + "; ".join(parts) + ".")
    return lines


@dataclass(slots=True)
class _PersonSum:
    expected: int = 0
    present: int = 0
    kind: str = ""
    last_day: str = ""

    def add(self, row: StudyRow) -> None:
        self.expected += row.expected
        self.present += row.present
        if row.last_day > self.last_day or (
                row.last_day == self.last_day and last_day_key(row.membership_kind) > last_day_key(self.kind)):
            self.kind, self.last_day = row.membership_kind, row.last_day


# A person counts under the kind of their last study meeting; two kinds on that same day (two
# meetings, two rolls) go to the one first in MembershipKind's order, the Party's before others.
_KIND_RANKS = {kind.value: rank for rank, kind in enumerate(MembershipKind)}


def kind_rank(kind: str) -> int:
    """``kind``'s place in MembershipKind (an unrecorded or unknown kind last)."""
    return _KIND_RANKS.get(kind, len(_KIND_RANKS))


def last_day_key(kind: str) -> tuple[int, str]:
    """Of two kinds on the same last day, the one with the greater key counts: MembershipKind's
    order first, then (two kinds this version does not know) the text, as the SQL compares them."""
    return -kind_rank(kind), kind


@dataclass(frozen=True)
class OrgTree:
    """The organisations in scope: parent links, names and the order to list them in."""

    root_id: int
    parents: Mapping[int, int | None]
    names: Mapping[int, str]
    order: Sequence[int] = field(default_factory=tuple)  # preorder, root first

    def chain(self, org_id: int) -> list[int]:
        """``org_id`` and its ancestors up to the root (empty when outside the tree)."""
        chain: list[int] = []
        current: int | None = org_id
        while current is not None and current in self.parents and len(chain) <= len(self.parents):
            chain.append(current)
            if current == self.root_id:
                return chain
            current = self.parents[current]
        return []

    def depth(self, org_id: int) -> int:
        return max(len(self.chain(org_id)) - 1, 0)

    def contains(self, ancestor: int, org_id: int) -> bool:
        return ancestor in self.chain(org_id)


def credited_home(row: StudyRow, tree: OrgTree) -> int:
    """Where ``row`` counts: its home when that lies under the meeting's organisation, else the meeting's."""
    return row.home_id if tree.contains(row.meeting_org_id, row.home_id) else row.meeting_org_id


def _tally(people: Iterable[_PersonSum], rule: str) -> Tally:
    expected = took = rows_expected = rows_present = 0
    for person in people:
        if not expected:
            rule_label(rule)  # refused as took_part refuses it, but checked once, not for every person
        expected += 1
        took += _took_part(rule, person.present, person.expected)
        rows_expected += person.expected
        rows_present += person.present
    return Tally(expected, took, rows_expected, rows_present)


def _kind_label(kind: str) -> str:
    try:
        return MembershipKind(kind).label
    except ValueError:
        return "Chưa ghi tư cách"


def _by_kind(rows: Sequence[StudyRow], overall: Mapping[int, _PersonSum], rule: str) -> tuple[KindTally, ...]:
    people: dict[str, list[_PersonSum]] = defaultdict(list)
    for person in overall.values():
        people[person.kind].append(person)
    attendances: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        attendances[row.membership_kind][0] += row.expected
        attendances[row.membership_kind][1] += row.present
    kinds = _kind_order(attendances)
    result = []
    for kind in kinds:
        persons = _tally(people.get(kind, ()), rule)
        tally = Tally(persons.persons_expected, persons.persons_took_part, *attendances[kind])
        result.append(KindTally(kind, _kind_label(kind), tally))
    return tuple(result)


def _kind_order(kinds: Iterable[str]) -> list[str]:
    order = [kind.value for kind in MembershipKind]
    return sorted(kinds, key=lambda k: (order.index(k) if k in order else len(order), k))


def participation_totals(person_groups: Iterable[tuple[str, int, int, int]],
                         attendances: Iterable[tuple[str, int, int]], rule: str) -> tuple[Tally, tuple[KindTally, ...]]:
    """Overall and by kind as :func:`participation_figures` counts them, from counts made in SQL.

    ``person_groups``: (kind of the last study meeting, expected, present, how many persons);
    ``attendances``: (kind on the row, expected rows, present rows).
    """
    persons: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kind, expected, present, count in person_groups:
        if not persons:
            rule_label(rule)  # refused as took_part refuses it
        persons[kind][0] += count
        persons[kind][1] += count * _took_part(rule, present, expected)
    rows = {kind: (expected, present) for kind, expected, present in attendances}
    by_kind = tuple(KindTally(kind, _kind_label(kind), Tally(*persons.get(kind, (0, 0)), *rows[kind]))
                    for kind in _kind_order(rows))
    return _add_tallies([k.tally for k in by_kind]), by_kind


def participation_figures(rows: Sequence[StudyRow], tree: OrgTree, rule: str) -> tuple[
        Tally, tuple[OrgTally, ...], tuple[KindTally, ...]]:
    """Overall, by organisation (with children) and by kind, from the aggregated attendance rows."""
    sums: dict[int, dict[int, _PersonSum]] = defaultdict(lambda: defaultdict(_PersonSum))
    chains: dict[tuple[int, int], list[int]] = {}  # a bloc has ~10,000 rows but few (meeting org, home) pairs
    for row in rows:
        pair = (row.meeting_org_id, row.home_id)
        chain = chains.get(pair)
        if chain is None:
            chain = chains[pair] = tree.chain(credited_home(row, tree))
        for org_id in chain:
            sums[org_id][row.person_id].add(row)
    by_org = tuple(
        OrgTally(org_id, tree.names.get(org_id, ""), tree.parents.get(org_id), tree.depth(org_id),
                 _tally(sums[org_id].values(), rule) if org_id in sums else Tally())
        for org_id in tree.order
    )
    overall = sums.get(tree.root_id, {})
    return _tally(overall.values(), rule), by_org, _by_kind(rows, overall, rule)
