"""One meeting, in tabs: Thông tin chung, Điểm danh, Nội dung, Biểu quyết, Phân công phát biểu,
Đánh giá, In văn bản.

Attendance marks and talk assignments are stored at once; the other tabs are stored by
"Lưu" (Ctrl+S), each part only when it changed, through the task runner. An error from
the service appears beside its field on its tab; warnings (a meeting shorter than the
preset's minimum, people not yet marked) appear in amber above the tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from khoi_desktop.domain import meeting_texts as wording
from khoi_desktop.domain import meetings as rules
from khoi_desktop.domain.attendance import AttendanceCounts, Roll
from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.meetings import AgendaItem, Meeting
from khoi_desktop.domain.models import Changes, Organization
from khoi_desktop.domain.vntext import format_date, format_number
from khoi_desktop.services.app import Services
from ui.pages.common.meeting_widgets import roll_choices
from ui.pages.common.person_fields import NoticeLabel
from ui.pages.meetings import meeting_agenda, meeting_general, meeting_rating, meeting_votes
from ui.pages.meetings.attendance_view import AttendanceView
from ui.pages.meetings.meeting_agenda import AgendaTab
from ui.pages.meetings.meeting_general import GeneralTab
from ui.pages.meetings.meeting_print import Opener, Printer, PrintPanel, print_pdf
from ui.pages.meetings.meeting_rating import RatingTab
from ui.pages.meetings.meeting_talks import TalksTab
from ui.pages.meetings.meeting_votes import VotesTab
from ui.prompts import Prompts
from ui.tasks import TaskRunner

GENERAL, ATTENDANCE, AGENDA, VOTES, TALKS, RATING, PRINT = range(7)
PARTS = ("head", "guests", "agenda", "votes", "rating", "outcome")
_SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut


@dataclass(frozen=True)
class Loaded:
    meeting: Meeting
    organization: Organization
    rules: dict[str, Any]


@dataclass
class SaveResult:
    saved: list[str] = field(default_factory=list)
    error: BaseException | None = None
    meeting: Meeting | None = None


class MeetingEditor(QWidget):
    """Shown by the meetings page in place of the list; ``closed`` asks to go back to it."""

    closed = Signal()
    changed = Signal(object)  # Changes stored from the editor
    status_changed = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner, prompts: Prompts, *,
                 opener: Opener | None = None, printer: Printer = print_pdf,
                 preview_dir: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._tasks, self._prompts = services, tasks, prompts
        self._loaded: Loaded | None = None
        self._baseline: dict[str, Any] = {}
        self._roll: Roll | None = None
        self.general = GeneralTab()
        self.attendance = AttendanceView(services, tasks, prompts)
        self.agenda = AgendaTab()
        self.votes = VotesTab()
        self.talks = TalksTab(services, tasks, prompts)
        self.rating = RatingTab()
        self.printing = PrintPanel(services, tasks, prompts, opener=opener, printer=printer,
                                   preview_dir=preview_dir)
        self._build()
        self._connect()

    def _build(self) -> None:
        self.back_button = QPushButton("← Danh sách")
        self.back_button.setToolTip("Trở về danh sách buổi sinh hoạt")
        self.heading = QLabel("")
        self.heading.setObjectName("pageTitle")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.save_button = QPushButton("Lưu")
        self.save_button.setToolTip("Lưu thông tin chung, nội dung, biểu quyết, đánh giá (Ctrl+S)")
        self.save_button.setDefault(True)
        self.warnings = NoticeLabel()
        self.tabs = QTabWidget()
        for widget, title in ((_scrolled(self.general), "Thông tin chung"), (self.attendance, "Điểm danh"),
                              (self.agenda, "Nội dung"), (_scrolled(self.votes), "Biểu quyết"),
                              (self.talks, "Phân công phát biểu"), (self.rating, "Đánh giá"),
                              (self.printing, "In văn bản")):
            self.tabs.addTab(widget, title)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(8)
        top.addWidget(self.heading, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.request_close)
        self.save_button.clicked.connect(lambda: self.save())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, context=_SHORTCUT, activated=self.save)
        self.general.times_changed.connect(self._update_warnings)
        self.attendance.roll_loaded.connect(self._roll_loaded)
        self.attendance.counts_changed.connect(self._counts_changed)
        for source in (self.attendance, self.talks, self.printing):
            source.changed.connect(self.changed)
        self.printing.changed.connect(lambda _changes: self._refresh_documents())
        self.printing.status.connect(self.status_changed)
        self.printing.before = self.save_then

    # -- loading ----------------------------------------------------------------------------
    def load(self, meeting_id: int) -> None:
        """Read the meeting, its organisation and the rules of its date; then the roll."""
        services = self._services

        def job() -> Loaded:
            meeting = services.meetings.get(meeting_id)
            return Loaded(meeting, services.organizations.get(meeting.organization_id),
                          services.meetings.meeting_rules(meeting.date))

        self._tasks.call(job, self._show, lambda exc: self._prompts.show_error(exc, "mở buổi sinh hoạt"))
        self.attendance.load(meeting_id)

    def _show(self, loaded: Loaded) -> None:
        self._loaded = loaded
        meeting = loaded.meeting
        self.general.set_meeting(meeting)
        self.agenda.set_items(meeting.agenda)
        self.votes.set_votes(meeting.votes)
        self.rating.set_bands(loaded.rules.get("quality_bands", []))
        self.rating.set_meeting(meeting)
        self.talks.set_meeting_id(meeting.id)
        self.talks.set_talks(meeting.talks)
        self._show_head(meeting)
        self._baseline = self._parts()
        self._update_warnings()

    def _show_head(self, meeting: Meeting) -> None:
        assert self._loaded is not None
        self.heading.setText(f"{meeting.kind.label} ngày {format_date(meeting.date)}")
        self.subtitle.setText(" — ".join(part for part in (meeting.organization_name, meeting.title) if part))
        self.printing.set_meeting(meeting, self._loaded.organization.doc_code
                                  or wording.default_code(self._loaded.organization.kind))

    def _roll_loaded(self, roll: Roll) -> None:
        """The roll gives the names to choose from; names typed before now match people on it."""
        self._roll = roll
        before = self._parts() if self._loaded is not None else {}
        entries = self.attendance.entries()
        self.general.set_people(roll_choices(entries))
        self.agenda.set_people(roll_choices(entries, self.general.guest_names()))
        self.talks.set_people(roll_choices(entries))
        if before:
            now = self._parts()
            for name in PARTS:
                if before[name] == self._baseline.get(name):
                    self._baseline[name] = now[name]
        self._update_warnings()

    def _counts_changed(self, counts: AttendanceCounts) -> None:
        self.votes.set_base(counts.vote_base)
        self._update_warnings()

    def meeting_id(self) -> int | None:
        return self._loaded.meeting.id if self._loaded else None

    # -- warnings ------------------------------------------------------------------------------
    def warning_lines(self) -> list[str]:
        if self._loaded is None:
            return []
        general = self.general
        kind = MeetingKind(general.kind.currentData())
        lines = []
        duration = rules.duration_warning(kind, general.start_time.valid_text(), general.end_time.valid_text(),
                                          self._loaded.rules.get("min_minutes"))
        if duration:
            lines.append(duration)
        unmarked = self.attendance.counts().unmarked if self._roll is not None else 0
        if unmarked:
            lines.append(f"Còn {format_number(unmarked)} đảng viên chưa điểm danh (cần điểm danh xong để in biên bản).")
        return lines

    def _update_warnings(self) -> None:
        self.warnings.show_lines(self.warning_lines())

    # -- saving ----------------------------------------------------------------------------------
    def _parts(self) -> dict[str, Any]:
        """What each part of the form holds now (compared with the loaded state to find changes)."""
        try:
            head: Any = self.general.read_input()
        except ValidationError as error:
            head = error  # a half-typed date: changed, and saving will show the error
        try:
            rating: Any = self.rating.rating_value()
        except ValidationError as error:
            rating = error
        return {"head": head, "guests": self.general.guest_list(), "agenda": _plain_agenda(self.agenda.items()),
                "votes": self.votes.votes(), "rating": rating, "outcome": self.rating.outcome_value()}

    def changed_parts(self) -> list[str]:
        if self._loaded is None:
            return []
        parts = self._parts()
        return [name for name in PARTS if parts[name] != self._baseline.get(name)]

    def is_dirty(self) -> bool:
        return bool(self.changed_parts())

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Store the changed parts; ``then`` runs only when everything was stored."""
        if self._loaded is None:
            return
        values, names = self._parts(), self.changed_parts()
        try:
            calls = self._part_calls(values, names)
        except ValidationError as error:
            self._show_error(error)
            return
        if not calls:
            self.status_changed.emit("Không có thay đổi cần lưu.")
            if then is not None:
                then()
            return
        meeting_id, meetings = self._loaded.meeting.id, self._services.meetings
        self._tasks.call(lambda: _run_parts(calls, lambda: meetings.get(meeting_id)),
                         lambda result: self._saved(result, values, then),
                         lambda exc: self._prompts.show_error(exc, "lưu buổi sinh hoạt"))

    def save_then(self, then: Callable[[], None]) -> None:
        self.save(then)

    def _part_calls(self, values: dict[str, Any], names: list[str]) -> dict[str, Callable[[], object]]:
        """The service call of each changed part, over the values read now (raises for a bad value)."""
        assert self._loaded is not None
        for name in ("head", "rating"):
            if name in names and isinstance(values[name], ValidationError):
                raise values[name]
        if "votes" in names and (refusals := self.votes.check()):
            raise ValidationError("votes", refusals[0])
        meeting_id, meetings = self._loaded.meeting.id, self._services.meetings
        actions: dict[str, Callable[[], object]] = {
            "head": lambda: meetings.update(meeting_id, values["head"]),
            "guests": lambda: meetings.set_guests(meeting_id, values["guests"]),
            "agenda": lambda: meetings.set_agenda(meeting_id, values["agenda"]),
            "votes": lambda: meetings.set_votes(meeting_id, values["votes"]),
            "rating": lambda: meetings.rate(meeting_id, points=values["rating"][0], rating=values["rating"][1]),
            "outcome": lambda: meetings.set_outcome(meeting_id, *values["outcome"]),
        }
        return {name: actions[name] for name in names}

    def _saved(self, result: SaveResult, values: dict[str, Any], then: Callable[[], None] | None) -> None:
        for name in result.saved:
            self._baseline[name] = values[name]
        if result.meeting is not None and self._loaded is not None:
            self._loaded = Loaded(result.meeting, self._loaded.organization, self._loaded.rules)
            self._show_head(result.meeting)
            self.talks.set_talks(result.meeting.talks)
        if result.saved:
            self.changed.emit(Changes(meetings=True, ids=(self._loaded.meeting.id,) if self._loaded else ()))
        self._update_warnings()
        if result.error is not None:
            self._show_error(result.error)
            return
        self.status_changed.emit("Đã lưu buổi sinh hoạt.")
        if then is not None:
            then()

    def _show_error(self, error: BaseException) -> None:
        field_name = getattr(error, "field", "")
        message = getattr(error, "message", str(error))
        for index, tab, fields in ((GENERAL, self.general, meeting_general.FIELDS),
                                   (AGENDA, self.agenda, meeting_agenda.FIELDS),
                                   (VOTES, self.votes, meeting_votes.FIELDS),
                                   (RATING, self.rating, meeting_rating.FIELDS)):
            if field_name in fields and tab.show_error(field_name, message):
                self.tabs.setCurrentIndex(index)
                self.status_changed.emit("Chưa lưu được: " + message)
                return
        self._prompts.show_error(error, "lưu buổi sinh hoạt")

    def _refresh_documents(self) -> None:
        """A number was taken: show it beside the document (the form is left as it is)."""
        meeting_id, meetings = self.meeting_id(), self._services.meetings
        if meeting_id is not None:
            self._tasks.call(lambda: meetings.get(meeting_id), self._documents_loaded,
                             lambda exc: self._prompts.show_error(exc, "đọc lại số văn bản"))

    def _documents_loaded(self, meeting: Meeting) -> None:
        if self._loaded is not None and meeting.id == self._loaded.meeting.id:
            self._loaded = Loaded(meeting, self._loaded.organization, self._loaded.rules)
            self._show_head(meeting)

    # -- closing ----------------------------------------------------------------------------------
    def request_close(self) -> None:
        """Back to the list; unsaved edits are kept unless the clerk chooses to drop them."""
        if self.is_dirty() and not self._prompts.confirm(
                "Đóng buổi sinh hoạt", "Có thay đổi chưa lưu. Đóng mà không lưu các thay đổi này?",
                "Đóng, không lưu", "Quay lại"):
            return
        self.closed.emit()


def _scrolled(widget: QWidget) -> QScrollArea:
    """A tab whose form may be taller than a 768-pixel office screen scrolls inside the tab."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _plain_agenda(items: tuple[AgendaItem, ...]) -> tuple[AgendaItem, ...]:
    """Items without their stored ids (only the content counts as a change)."""
    return tuple(AgendaItem(item.title, item.content, item.conclusion, item.speeches) for item in items)


def _run_parts(calls: dict[str, Callable[[], object]], reread: Callable[[], Meeting]) -> SaveResult:
    """Run on the worker: each part in order; stop at the first refusal and say what was stored."""
    result = SaveResult()
    for name, call in calls.items():
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - reported beside the field on the GUI thread
            result.error = exc
            break
        result.saved.append(name)
    result.meeting = reread()
    return result
