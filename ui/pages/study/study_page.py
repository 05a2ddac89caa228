"""Học tập, quán triệt: the year's study participation of an organisation and those below it.

Overall as số người and số lượt ('193/200 người, đạt 96,5%'), by organisation (indented by
depth), by membership kind, the study meetings counted, and how it is counted ("Cách tính",
the same definitions as docs/participation.md).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.models import Changes
from khoi_desktop.domain.study import KindTally, OrgTally, Participation, Tally
from khoi_desktop.domain.vntext import format_number, format_percent
from khoi_desktop.services.app import Services
from ui.models.rows_table import INDENT, Column, RowLook, RowsTableModel, fit_rows, rows_view
from ui.pages.common.year_scope import YearScopedPage, group_box
from ui.prompts import Prompts
from ui.style import named_label
from ui.tasks import TaskRunner


def _figures() -> tuple[Column, ...]:
    """The six number columns, for rows carrying a ``tally`` (by organisation, by kind)."""
    def tally(row: OrgTally | KindTally) -> Tally:
        return row.tally

    def number(value: int) -> str:
        return format_number(value)

    return (
        Column("Số người\nphải tham gia", lambda r: number(tally(r).persons_expected), align="right"),
        Column("Số người\nđã tham gia", lambda r: number(tally(r).persons_took_part), align="right"),
        Column("Tỷ lệ\n(người)", lambda r: tally(r).persons_percent, align="right", width=80),
        Column("Số lượt\nphải dự", lambda r: number(tally(r).attendances_expected), align="right"),
        Column("Số lượt\ncó mặt", lambda r: number(tally(r).attendances_present), align="right"),
        Column("Tỷ lệ\n(lượt)", lambda r: format_percent(tally(r).attendances_present,
                                                         tally(r).attendances_expected), align="right", width=80),
    )


ORG_COLUMNS: tuple[Column, ...] = (
    Column("Tổ chức", lambda r: INDENT * r.depth + r.name, tooltip=lambda r: r.name, width=330),
    *_figures(),
)
KIND_COLUMNS: tuple[Column, ...] = (Column("Tư cách", lambda r: r.label, width=330), *_figures())


def _org_look(row: OrgTally) -> RowLook:
    return RowLook(bold=row.depth == 0, muted=row.tally.persons_expected == 0)


class FigureCard(QFrame):
    """A white card: a caption, the figure, a line of detail."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countCard")
        self.caption = named_label(caption, "countLabel")
        self.value = named_label("—", "countValue")
        self.detail = named_label("", "countLabel", wrap=True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 8, 14, 8)
        column.setSpacing(2)
        for label in (self.caption, self.value, self.detail):
            column.addWidget(label)

    def show_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class StudyPage(YearScopedPage):
    """The page registered under "Học tập, quán triệt"."""

    TITLE = "Học tập, quán triệt"
    SUBTITLE = ("Tỷ lệ tham gia học tập, quán triệt các buổi học tập trong năm của tổ chức đã chọn, gồm cả các "
                "tổ chức trực thuộc.")
    DOING = "tính số liệu tham gia học tập"

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts) -> None:
        super().__init__(services, tasks, prompts)
        self.persons = FigureCard("Số người tham gia")
        self.attendances = FigureCard("Số lượt tham gia")
        self.meetings = FigureCard("Buổi học tập được tính")
        self.by_org_model = RowsTableModel(ORG_COLUMNS, _org_look, self)
        self.by_kind_model = RowsTableModel(KIND_COLUMNS, parent=self)
        self.by_org = rows_view(self.by_org_model, 0, height=200)
        self.by_kind = rows_view(self.by_kind_model, 0)
        self.help = QLabel("")
        self.help.setWordWrap(True)
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty = QLabel("")
        self.empty.setObjectName("pageSubtitle")
        self.empty.hide()
        self.wanted_kind: str | None = None  # a membership kind to point out once the figures are read
        self._build()
        self.reload()

    def _build(self) -> None:
        cards = QGridLayout()
        cards.setHorizontalSpacing(12)
        for column, card in enumerate((self.persons, self.attendances, self.meetings)):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 2 if column < 2 else 1)
        self.body.addLayout(cards)
        self.body.addWidget(self.empty)
        self.body.addWidget(group_box("Theo tổ chức", self.by_org), 1)
        self.body.addWidget(group_box("Theo tư cách", self.by_kind))
        self.body.addWidget(group_box("Cách tính", self.help))

    # -- loading -------------------------------------------------------------------------------------
    def load(self, org_id: int, year: int) -> Participation:
        return self._services.study.participation(org_id, year)

    def reload_on(self, changes: Changes) -> bool:
        return changes.meetings or changes.attendance or changes.settings

    def show_data(self, data: Participation) -> None:
        overall = data.overall
        self.persons.show_figure(overall.persons_percent if overall.persons_expected else "—", overall.persons_text)
        self.attendances.show_figure(
            format_percent(overall.attendances_present, overall.attendances_expected)
            if overall.attendances_expected else "—", overall.attendances_text)
        kinds = ", ".join(_kind_label(kind) for kind in data.study_kinds)
        self.meetings.show_figure(format_number(data.meetings), f"buổi trong năm {data.year}")
        self.by_org_model.set_rows(data.by_organization)
        self.by_kind_model.set_rows(data.by_kind)
        self.empty.setText(f"Năm {data.year} chưa có buổi học tập nào được điểm danh ở {data.organization_name}.")
        self.empty.setVisible(data.meetings == 0)
        self.help.setText(f"{data.help_text}\nBuổi học tập gồm các loại: {kinds}. Quy tắc đang áp dụng: "
                          f"{data.rule_label} (theo bộ quy định sinh hoạt có hiệu lực ngày 31/12/{data.year}).")
        fit_rows(self.by_kind, len(data.by_kind))
        if self.wanted_kind is not None:
            self.show_kind(self.wanted_kind)
            self.wanted_kind = None

    def narrow(self, criteria: dict[str, str]) -> None:
        """A figure of one membership kind: its row of "Theo tư cách" is pointed out once loaded."""
        self.wanted_kind = criteria.get("membership_kind")

    def show_kind(self, kind: str) -> bool:
        """Select and scroll to the row of membership ``kind`` (a MembershipKind code, '' for unknown)."""
        row = self.by_kind_model.find(lambda tally: tally.kind == kind)
        if row is None:
            self.by_kind.clearSelection()
            return False
        self.by_kind.selectRow(row)
        self.by_kind.scrollTo(self.by_kind_model.index(row, 0))
        self.by_kind.setFocus()
        return True

    def summary_text(self) -> str:
        data: Participation | None = self.data
        if data is None:
            return ""
        return f"Tham gia học tập năm {data.year}: {data.overall.persons_text}; {data.overall.attendances_text}"


def _kind_label(kind: str) -> str:
    try:
        return MeetingKind(kind).label.lower()
    except ValueError:
        return kind

