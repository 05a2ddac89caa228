"""The lines of the registrations page: everyone expected to register (registered or not), the
collectives of the chi bộ in scope, and the counts shown above the list.

The service lists the registrations that exist (:meth:`CommitmentService.list`) and who is
expected (:meth:`CommitmentService.expected`); this module merges the two so a member who has
not registered yet is shown, not left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from khoi_desktop.domain.commitments import CommitmentRow, RegistrationCounts
from khoi_desktop.domain.meeting_texts import is_branch
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import collation_key, format_date, format_number, format_ratio
from khoi_desktop.services.study import Member
from ui.models.rows_table import Column, RowLook
from ui.pages.common.org_combo import tree_order

ALL, UNREGISTERED, UNCONFIRMED, UNMARKED, PERSONS, COLLECTIVES = range(6)
FILTERS = ("Tất cả", "Chưa đăng ký", "Đã đăng ký, chưa xác nhận", "Chưa tự đánh giá xong", "Cá nhân",
           "Tập thể chi bộ")
COLLECTIVE_FILTER = {"0": PERSONS, "1": COLLECTIVES}  # an overview figure's ('collective', …) criterion


@dataclass(frozen=True)
class Entry:
    """One line: a person or a collective (``person_id`` None), with its registration if any."""

    name: str
    organization_id: int
    organization_name: str
    person_id: int | None
    row: CommitmentRow | None = None
    kind_label: str = ""  # the member's membership kind
    sort_key: str = ""

    @property
    def collective(self) -> bool:
        return self.person_id is None

    @property
    def registered(self) -> bool:
        return self.row is not None


def build_entries(rows: Sequence[CommitmentRow], members: Sequence[Member],
                  organizations: Sequence[Organization], scope: Sequence[int]) -> list[Entry]:
    """Collectives (every chi bộ in scope, tree order), then every person, in name order."""
    names = {org.id: org.name for org in organizations}
    collective_rows = {row.organization_id: row for row in rows if row.is_collective}
    wanted = set(scope)
    branches = [org for org, _depth in tree_order([o for o in organizations if o.id in wanted])
                if is_branch(org.kind) or org.id in collective_rows]
    entries = [Entry(org.name, org.id, names.get(org.parent_id or 0, ""), None, collective_rows.get(org.id))
               for org in branches]  # a collective's 'Tổ chức' is the one above it
    people = {row.person_id: row for row in rows if row.person_id is not None}
    listed: list[Entry] = []
    for member in members:
        facts = member.facts
        row = people.pop(facts.person_id, None)
        org_id = row.organization_id if row else member.organization_id
        listed.append(Entry(facts.full_name, org_id, names.get(org_id, ""), facts.person_id, row,
                            member.placement.membership_kind.label, facts.sort_key))
    listed += [Entry(row.name, row.organization_id, row.organization_name, row.person_id, row,
                     sort_key=row.sort_key) for row in people.values()]  # registered, no longer expected
    listed.sort(key=lambda e: (e.sort_key or collation_key(e.name), e.person_id or 0))
    return entries + listed


def keep(entry: Entry, choice: int) -> bool:
    """Whether ``entry`` passes the list filter ``choice`` (one of FILTERS)."""
    row = entry.row
    if choice in (PERSONS, COLLECTIVES):
        return entry.collective == (choice == COLLECTIVES)
    if choice == UNREGISTERED:
        return row is None
    if choice == UNCONFIRMED:
        return row is not None and row.confirmed_on is None
    if choice == UNMARKED:
        return row is not None and row.marked < row.items
    return True


def _state(entry: Entry) -> str:
    if entry.row is None:
        return "Chưa đăng ký"
    return "Đã ký" if entry.row.signed_on else "Chưa ký"


def _marked(entry: Entry) -> str:
    row = entry.row
    if row is None:
        return ""
    return f"{format_number(row.marked)}/{format_number(row.items)}"


COLUMNS: tuple[Column, ...] = (
    Column("Họ và tên", lambda e: e.name, width=210),
    Column("Tư cách", lambda e: "Tập thể" if e.collective else e.kind_label, width=150),
    Column("Tổ chức", lambda e: e.organization_name, width=200),
    Column("Bản\nđăng ký", _state, width=95),
    Column("Ngày ký", lambda e: format_date(e.row.signed_on) if e.row else "", align="center", width=90),
    Column("Số\nnội dung", lambda e: format_number(e.row.items) if e.row else "", align="right"),
    Column("Chi bộ\nxác nhận", lambda e: (format_date(e.row.confirmed_on) or "Chưa") if e.row else "",
           align="center", width=90),
    Column("Đã tự\nđánh giá", _marked, align="center",
           tooltip=lambda e: "Số nội dung đã tự đánh giá kết quả / số nội dung đăng ký" if e.row else None),
)


def look(entry: Entry) -> RowLook:
    return RowLook(bold=entry.collective, alert=entry.row is None)


def counts_lines(counts: RegistrationCounts) -> list[str]:
    """'Đảng viên đã đăng ký: 40/42 người, đạt 95,24%', by kind, collectives, confirmations, results."""
    lines = [f"Đảng viên đã đăng ký: {counts.total.text}"]
    if len(counts.by_kind) > 1:
        lines.append("; ".join(f"{kind.label}: {kind.text}" for kind in counts.by_kind))
    lines.append(f"Tập thể chi bộ đã đăng ký: "
                 f"{format_ratio(counts.collectives.registered, counts.collectives.expected, 'chi bộ')}")
    lines.append(f"Chi bộ đã xác nhận: {format_number(counts.confirmed)}/{format_number(counts.total.registered)} "
                 "bản đăng ký cá nhân")
    results = [f"{result.label}: {format_number(result.count)}" for result in counts.results]
    lines.append("Kết quả tự đánh giá các nội dung: " + "; ".join(results))
    return lines
