"""The year's key figures of an organisation (with everything below it), and last year's beside them.

:meth:`OverviewService.year_figures` computes the plain figures once (the year-end report
uses them too); :meth:`OverviewService.overview` arranges this year and last year as
groups of :class:`Figure` for the overview page. Each figure carries a :class:`ListFilter`
that says which list opens behind it. Study participation comes from the study service
and registrations from the registrations service (issue 5's definitions); ratings are the
decided levels of the assessment rows in scope, counted in one query (the same totals as
the ratings list when every member has a row; the list also shows members with no row yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from khoi_desktop.domain.enums import MeetingKind, OutreachOutlet, RatingLevel
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.oversight import ExemplarCounts, InspectionCounts, OutreachCounts
from khoi_desktop.domain.study import FIRST_YEAR, Participation, Tally
from khoi_desktop.domain.vntext import format_number, format_percent, format_ratio
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.commitments import CommitmentService, Headcount
from khoi_desktop.services.exemplars import ExemplarService
from khoi_desktop.services.inspections import InspectionService, InspectionSummary
from khoi_desktop.services.outreach import OutreachService
from khoi_desktop.services.study import StudyService
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import overview_repo


@dataclass(frozen=True)
class Registrations:
    """Personal registrations over the members expected to register; collective ones over the branches.

    As the registrations service counts them (``CommitmentService.counts``).
    """

    registered: int = 0
    expected: int = 0
    collectives_registered: int = 0
    collectives_expected: int = 0
    by_kind: tuple[tuple[str, int, int], ...] = ()  # (label, registered, expected)


@dataclass(frozen=True)
class Ratings:
    """Decided levels (every level, in order), rows not decided yet, and rows flagged not rated."""

    by_level: tuple[tuple[RatingLevel, int], ...] = ()
    undecided: int = 0
    not_rated: int = 0

    @property
    def rated(self) -> int:
        return sum(count for _, count in self.by_level)

    def of_level(self, level: RatingLevel) -> int:
        return dict(self.by_level).get(level, 0)


@dataclass(frozen=True)
class YearFigures:
    """Everything counted for one organisation (with those below it) and one year."""

    organization_id: int
    year: int
    meetings: tuple[tuple[MeetingKind, int], ...]
    participation: Participation
    registrations: Registrations
    ratings: Ratings
    collective_ratings: Ratings
    inspections: InspectionSummary
    outreach: OutreachCounts
    contributors: int
    exemplars: ExemplarCounts

    @property
    def meetings_total(self) -> int:
        return sum(count for _, count in self.meetings)

    def meetings_of(self, kind: MeetingKind) -> int:
        return dict(self.meetings).get(kind, 0)


@dataclass(frozen=True)
class ListFilter:
    """The list behind a figure: a page, its records' scope and criteria, and a Vietnamese description.

    ``page`` is one of 'meetings', 'participation', 'registrations', 'assessments',
    'inspections', 'outreach', 'exemplars'; ``criteria`` are (field, code value) pairs such
    as ('kind', 'study'), ('level', 'excellent'), ('outlet', 'newspaper'), ('conducted_by', 'below').
    """

    page: str
    organization_id: int
    year: int
    description: str
    criteria: tuple[tuple[str, str], ...] = ()
    include_children: bool = True


@dataclass(frozen=True)
class Figure:
    """One figure of this year and last year; a ratio when ``of`` is given."""

    key: str
    label: str
    value: int
    previous: int
    unit: str
    list_filter: ListFilter
    of: int | None = None
    previous_of: int | None = None
    share: bool = False  # a part of a whole ('512/4.174 người (12,27%)'), not a rate reached

    @property
    def text(self) -> str:
        """'193/200 người, đạt 96,5%', '512/4.174 người (12,27%)' or '12 buổi'."""
        return _figure_text(self.value, self.of, self.unit, self.share)

    @property
    def previous_text(self) -> str:
        return _figure_text(self.previous, self.previous_of, self.unit, self.share)

    @property
    def percent(self) -> float | None:
        return 100.0 * self.value / self.of if self.of else None

    @property
    def previous_percent(self) -> float | None:
        return 100.0 * self.previous / self.previous_of if self.previous_of else None


@dataclass(frozen=True)
class FigureGroup:
    key: str  # meetings, participation, registrations, ratings, inspections, outreach, exemplars
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Overview:
    organization_id: int
    organization_name: str
    year: int
    current: YearFigures
    previous: YearFigures
    groups: tuple[FigureGroup, ...]

    def group(self, key: str) -> FigureGroup:
        return next(group for group in self.groups if group.key == key)

    def figure(self, key: str) -> Figure:
        return next(figure for group in self.groups for figure in group.figures if figure.key == key)


def _figure_text(value: int, of: int | None, unit: str, share: bool) -> str:
    if of == 0:
        return "chưa có số liệu"
    if of is not None and share:
        return f"{format_number(value)}/{format_number(of)} {unit} ({format_percent(value, of)})"
    if of is not None:
        return format_ratio(value, of, unit)
    return f"{format_number(value)} {unit}".strip()


class OverviewService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db
        self._study = StudyService(context)
        self._commitments = CommitmentService(context)
        self._inspections = InspectionService(context)
        self._outreach = OutreachService(context)
        self._exemplars = ExemplarService(context)

    def year_figures(self, org_id: int, year: int) -> YearFigures:
        """The plain figures of the organisation (with everything below it) for ``year``."""
        org = self._organization(org_id)
        head = self._commitments.headcounts(org.id, (year,))[year]
        return self._figures(org, year, head, partial(self._study.participation, org.id, year))

    def overview(self, org_id: int, year: int) -> Overview:
        """This year's and last year's figures, grouped for the overview page.

        Study participation is counted overall and by kind only (``StudyService.totals``):
        the page shows no organisation's share, so ``participation.by_organization`` is empty.
        Its attendance rows, the longest count, are counted on a second core
        (``StudyService.totals_aside``) while everything else is counted here.
        """
        org = self._organization(org_id)
        last = year - 1
        years = (year, last) if last >= FIRST_YEAR else (year,)
        with self._study.totals_aside(org.id, years) as participation:
            heads = self._commitments.headcounts(org.id, years)
            current = self._figures(org, year, heads[year], partial(participation, year))
            try:
                previous = (self._figures(org, last, heads[last], partial(participation, last)) if last in heads
                            else empty_figures(org.id, last))
            except ValidationError:  # last year's figures cannot be computed (e.g. its preset's rule is unknown)
                previous = empty_figures(org.id, last)
        builder = _Groups(org, year, current, previous, self._has_children(org.id))
        return Overview(org.id, org.name, year, current, previous, builder.groups())

    # -- helpers ----------------------------------------------------------------------------
    def _organization(self, org_id: int) -> Organization:
        org = org_repo.get_organization(self._db, org_id)
        if org is None:
            raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
        return org

    def _has_children(self, org_id: int) -> bool:
        return len(org_repo.descendant_ids(self._db, org_id)) > 1

    def _figures(self, org: Organization, year: int, head: Headcount,
                 participation: Callable[[], Participation]) -> YearFigures:
        """The figures of ``year`` with its registrations (``head``); study participation is asked for last."""
        scope = org_repo.descendant_ids(self._db, org.id)
        figures = dict(
            meetings=_meeting_counts(overview_repo.meetings_by_kind(self._db, scope, year)),
            registrations=_registrations(head),
            ratings=_ratings(overview_repo.rating_counts(self._db, scope, year, collective=False)),
            collective_ratings=_ratings(overview_repo.rating_counts(self._db, scope, year, collective=True)),
            inspections=self._inspections.counts(org.id, year),
            outreach=self._outreach.counts(org.id, year),
            contributors=overview_repo.contributors_count(self._db, scope),
            exemplars=self._exemplars.counts(org.id, year),
        )
        return YearFigures(organization_id=org.id, year=year, participation=participation(), **figures)


def _registrations(head: Headcount) -> Registrations:
    return Registrations(
        registered=head.total.registered, expected=head.total.expected,
        collectives_registered=head.collectives.registered, collectives_expected=head.collectives.expected,
        by_kind=tuple((k.label, k.registered, k.expected) for k in head.by_kind),
    )


def empty_figures(org_id: int, year: int) -> YearFigures:
    """Figures of a year with nothing recorded (before the first year the app accepts)."""
    nothing = Participation(org_id, "", year, "", "", (), 0, Tally())
    return YearFigures(org_id, year, _meeting_counts({}), nothing, Registrations(), _ratings({}), _ratings({}),
                       InspectionSummary(InspectionCounts(), InspectionCounts()), OutreachCounts(), 0,
                       ExemplarCounts())


def _meeting_counts(counts: dict[str, int]) -> tuple[tuple[MeetingKind, int], ...]:
    return tuple((kind, counts.get(kind.value, 0)) for kind in MeetingKind)


def _ratings(counts: dict[str, int]) -> Ratings:
    return Ratings(tuple((level, counts.get(level.value, 0)) for level in RatingLevel),
                   undecided=counts.get("", 0), not_rated=counts.get("-", 0))


class _Groups:
    """Arranges two years of figures into the overview's groups, each figure with its list filter."""

    def __init__(self, org: Organization, year: int, current: YearFigures, previous: YearFigures,
                 has_children: bool) -> None:
        self.org, self.year, self.now, self.before = org, year, current, previous
        self.scope = f"{org.name} và các tổ chức trực thuộc" if has_children else org.name

    def groups(self) -> tuple[FigureGroup, ...]:
        return (self.meetings(), self.participation(), self.registrations(), self.ratings(), self.inspections(),
                self.outreach(), self.exemplars())

    def _filter(self, page: str, what: str, **criteria: str) -> ListFilter:
        """The list behind a figure; inspections are described by who ran them."""
        whose = {"own": f"do {self.org.name} tiến hành",
                 "below": f"do các tổ chức trực thuộc {self.org.name} tiến hành"}.get(
            criteria.get("conducted_by", ""), f"của {self.scope}")
        return ListFilter(page, self.org.id, self.year, f"{what} năm {self.year} {whose}", tuple(criteria.items()))

    def meetings(self) -> FigureGroup:
        figures = [Figure(f"meetings.{kind.value}", kind.label, count, self.before.meetings_of(kind), "buổi",
                          self._filter("meetings", f"Các buổi {kind.label.lower()}", kind=kind.value))
                   for kind, count in self.now.meetings]
        total = Figure("meetings.total", "Tổng số buổi sinh hoạt, hội nghị", self.now.meetings_total,
                       self.before.meetings_total, "buổi", self._filter("meetings", "Các buổi sinh hoạt, hội nghị"))
        return FigureGroup("meetings", "Sinh hoạt, hội nghị", (total, *figures))

    def participation(self) -> FigureGroup:
        now, before = self.now.participation, self.before.participation
        people = self._filter("participation", "Người tham gia học tập")
        figures = [
            Figure("participation.persons", "Tham gia học tập (số người)", now.overall.persons_took_part,
                   before.overall.persons_took_part, "người", people, now.overall.persons_expected,
                   before.overall.persons_expected),
            Figure("participation.attendances", "Tham gia học tập (số lượt)", now.overall.attendances_present,
                   before.overall.attendances_present, "lượt", people, now.overall.attendances_expected,
                   before.overall.attendances_expected),
        ]
        earlier = {kind.kind: kind.tally for kind in before.by_kind}
        for kind in now.by_kind:
            old = earlier.get(kind.kind, Tally())
            figures.append(Figure(f"participation.{kind.kind or 'unknown'}", kind.label, kind.tally.persons_took_part,
                                  old.persons_took_part, "người",
                                  self._filter("participation", f"{kind.label} tham gia học tập",
                                               membership_kind=kind.kind),
                                  kind.tally.persons_expected, old.persons_expected))
        return FigureGroup("participation", "Học tập, quán triệt", tuple(figures))

    def registrations(self) -> FigureGroup:
        now, before = self.now.registrations, self.before.registrations
        return FigureGroup("registrations", "Đăng ký học tập và làm theo", (
            Figure("registrations.persons", "Cá nhân đăng ký", now.registered, before.registered, "người",
                   self._filter("registrations", "Bản đăng ký cá nhân", collective="0"), now.expected,
                   before.expected),
            Figure("registrations.collectives", "Tập thể chi bộ đăng ký", now.collectives_registered,
                   before.collectives_registered, "chi bộ",
                   self._filter("registrations", "Bản đăng ký tập thể", collective="1"),
                   now.collectives_expected, before.collectives_expected),
        ))

    def ratings(self) -> FigureGroup:
        now, before = self.now.ratings, self.before.ratings
        figures = [Figure(f"ratings.{level.value}", level.label, count, before.of_level(level), "người",
                          self._filter("assessments", f"Đảng viên xếp loại “{level.label}”", level=level.value),
                          now.rated, before.rated, share=True)
                   for level, count in now.by_level]
        figures.append(Figure("ratings.not_rated", "Không xếp loại", now.not_rated, before.not_rated, "người",
                              self._filter("assessments", "Đảng viên không xếp loại", level="not_rated")))
        return FigureGroup("ratings", "Xếp loại đảng viên", tuple(figures))

    def inspections(self) -> FigureGroup:
        now, before = self.now.inspections, self.before.inspections
        figures = [Figure("inspections.total", "Cuộc kiểm tra, giám sát", now.own.inspections_and_supervisions,
                          before.own.inspections_and_supervisions, "cuộc",
                          self._filter("inspections", "Các cuộc kiểm tra, giám sát", conducted_by="own"))]
        figures += [Figure(f"inspections.{kind.value}", kind.label, count, before.own.of_kind(kind), "cuộc",
                           self._filter("inspections", f"Các cuộc {kind.label.lower()}", conducted_by="own",
                                        kind=kind.value))
                    for kind, count in now.own.by_kind if count or before.own.of_kind(kind)]
        figures.append(Figure("inspections.below", "Do tổ chức trực thuộc tiến hành",
                              now.below.inspections_and_supervisions, before.below.inspections_and_supervisions,
                              "cuộc", self._filter("inspections", "Các cuộc kiểm tra, giám sát",
                                                   conducted_by="below")))
        return FigureGroup("inspections", "Kiểm tra, giám sát", tuple(figures))

    def outreach(self) -> FigureGroup:
        now, before = self.now.outreach, self.before.outreach
        figures = [Figure(f"outreach.{outlet.value}", outlet.label, pieces, before.pieces_of(outlet),
                          _outlet_unit(outlet),
                          self._filter("outreach", f"Tin, bài, hoạt động tuyên truyền qua {outlet.label}",
                                       outlet=outlet.value))
                   for outlet, _, pieces in now.by_outlet]
        figures.append(Figure("outreach.contributors", "Phóng viên, cộng tác viên", self.now.contributors,
                              self.before.contributors, "người",
                              self._filter("outreach", "Mạng lưới phóng viên, cộng tác viên", view="contributors")))
        return FigureGroup("outreach", "Tuyên truyền", tuple(figures))

    def exemplars(self) -> FigureGroup:
        now, before = self.now.exemplars, self.before.exemplars
        return FigureGroup("exemplars", "Gương điển hình, khen thưởng", (
            Figure("exemplars.collectives", "Tập thể", now.collectives, before.collectives, "tập thể",
                   self._filter("exemplars", "Tập thể điển hình, được khen thưởng", collective="1")),
            Figure("exemplars.individuals", "Cá nhân", now.individuals, before.individuals, "cá nhân",
                   self._filter("exemplars", "Cá nhân điển hình, được khen thưởng", collective="0")),
        ))


def _outlet_unit(outlet: OutreachOutlet) -> str:
    return {OutreachOutlet.CONFERENCE: "buổi", OutreachOutlet.OTHER: "hoạt động"}.get(outlet, "tin, bài")

