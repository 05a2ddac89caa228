"""Use cases for the year's study participation, and who belongs to an organisation at a date.

The definitions (expected, took part, số người, số lượt, crediting by organisation) are in
:mod:`khoi_desktop.domain.study` and docs/participation.md. The figures come from one
aggregate query (:func:`storage.study_repo.study_rows`); the roll-up over the tree is pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial

from khoi_desktop.domain.assessments import organisation_on, year_end_placement
from khoi_desktop.domain.attendance import PersonFacts, Placement
from khoi_desktop.domain.errors import NotFoundError, ValidationError
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.presets import MEETING, study_kinds
from khoi_desktop.domain.study import (
    DEFAULT_RULE,
    KindTally,
    OrgTally,
    OrgTree,
    Participation,
    Tally,
    check_year,
    participation_figures,
    participation_totals,
    rule_label,
)
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.read_aside import aside
from khoi_desktop.storage import attendance_repo, presets_repo, study_repo
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage.connection import Database


@dataclass(frozen=True)
class Member:
    """A party member who belongs to an organisation on a day, and where and how they stand."""

    facts: PersonFacts
    placement: Placement
    organization_id: int


def organization(db: Database, org_id: int) -> Organization:
    org = org_repo.get_organization(db, org_id)
    if org is None:
        raise NotFoundError(f"Không có tổ chức mã số {org_id}.")
    return org


def org_tree(db: Database, root: Organization) -> OrgTree:
    """The organisations from ``root`` down; retired ones count but are not listed."""
    ids = set(org_repo.descendant_ids(db, root.id))
    orgs = [o for o in org_repo.all_organizations(db) if o.id in ids]
    children: dict[int | None, list[Organization]] = {}
    for org in orgs:
        children.setdefault(org.parent_id, []).append(org)
    order: list[int] = []
    stack = [root]
    while stack:
        org = stack.pop()
        if org.retired_on is None or org.id == root.id:
            order.append(org.id)
        stack.extend(reversed(children.get(org.id, [])))
    parents = {o.id: (o.parent_id if o.id != root.id else None) for o in orgs}
    return OrgTree(root.id, parents, {o.id: o.name for o in orgs}, tuple(order))


def members_on(db: Database, root: Organization, day: date) -> list[Member]:
    """Party members of ``root`` and the organisations below it on ``day``, in name order.

    As the meeting roll decides it (``domain.attendance.place_on``); exempt members are
    included, and so are suspended ones (``domain.assessments.year_end_placement``).
    """
    scope = frozenset(org_repo.descendant_ids(db, root.id))
    return placed(attendance_repo.person_facts(db, tuple(sorted(scope)), day), day, root.id, scope)


def placements_on(db: Database, root: Organization, days: Sequence[date]) -> dict[date, dict[int, Placement]]:
    """For each of ``days``: person id → placement of the members :func:`members_on` lists that day.

    For counting: the people are read once for all the days, without their posts or name
    order, and only their placements are kept.
    """
    scope = frozenset(org_repo.descendant_ids(db, root.id))
    candidates = attendance_repo.party_facts(db, tuple(sorted(scope)))
    found: dict[date, dict[int, Placement]] = {}
    for day in days:
        placements = ((facts.person_id, year_end_placement(facts, day, scope)) for facts in candidates)
        found[day] = {person: placement for person, placement in placements if placement is not None}
    return found


def placed(candidates: Sequence[PersonFacts], day: date, root_id: int, scope: frozenset[int]) -> list[Member]:
    """The candidates who belong to ``scope`` on ``day`` (see :func:`members_on`)."""
    members = []
    for facts in candidates:
        placement = year_end_placement(facts, day, scope)
        if placement is not None:
            home = organisation_on(facts, day)
            members.append(Member(facts, placement, home if home in scope else root_id))
    return members


class StudyService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context
        self._db = context.db

    def rule_for(self, year: int) -> tuple[str, tuple[str, ...]]:
        """(participation rule, study meeting kinds) of the MEETING preset in force on 31/12 of ``year``."""
        preset = presets_repo.preset_on(self._db, MEETING, date(year, 12, 31))
        data = preset.data if preset else {}
        kinds = study_kinds(data)
        return str(data.get("participation_rule") or DEFAULT_RULE), kinds

    def participation(self, org_id: int, year: int) -> Participation:
        """The year's figures for the organisation with everything below it: overall, by org, by kind."""
        root, rule, kinds, tree = self._setup(org_id, year)
        scope, (start, end) = list(tree.parents), _year_span(year)
        rows = study_repo.study_rows(self._db, scope, start, end, kinds)
        overall, by_org, by_kind = participation_figures(rows, tree, rule)
        return self._participation(root, year, rule, kinds, scope, overall, by_org, by_kind)

    def totals(self, org_id: int, year: int) -> Participation:
        """:meth:`participation` without ``by_organization``: overall and by kind, counted in SQL.

        What the overview shows; the same figures, without crediting every attendance to an
        organisation of the tree.
        """
        root, rule, kinds, tree = self._setup(org_id, year)
        return self._totals(root, rule, kinds, tree, year, _count_totals(list(tree.parents), year, kinds,
                                                                            self._ctx))

    @contextmanager
    def totals_aside(self, org_id: int, years: Sequence[int]) -> Iterator[Callable[[int], Participation]]:
        """:meth:`totals` of each of ``years``, their attendance rows counted on a second core.

        Each year's long statement runs on a helper thread over its own read-only connection
        (:func:`read_aside.aside`) while the caller does other work; the function yielded
        returns a year's figures, waiting for its count. A year whose figures cannot be
        computed (a bad year, a rule this version does not know) raises its error when asked for.
        """
        setups: dict[int, tuple[Organization, str, tuple[str, ...], OrgTree] | ValidationError] = {}
        for year in years:
            try:
                setups[year] = self._setup(org_id, year)
            except ValidationError as exc:
                setups[year] = exc
        ready = {year: setup for year, setup in setups.items() if not isinstance(setup, ValidationError)}
        works = [partial(_count_totals, list(tree.parents), year, kinds) for year, (_, _, kinds, tree) in ready.items()]
        with aside(self._ctx, works) as counted:
            results = dict(zip(ready, counted, strict=True))

            def totals(year: int) -> Participation:
                setup = setups[year]
                if isinstance(setup, ValidationError):
                    raise setup
                return self._totals(*setup, year, results[year]())

            yield totals

    def _totals(self, root: Organization, rule: str, kinds: tuple[str, ...], tree: OrgTree, year: int,
                counted: tuple[list[tuple[str, int, int, int]], list[tuple[str, int, int]]]) -> Participation:
        scope = list(tree.parents)
        overall, by_kind = participation_totals(*counted, rule)
        return self._participation(root, year, rule, kinds, scope, overall, (), by_kind)

    def _setup(self, org_id: int, year: int) -> tuple[Organization, str, tuple[str, ...], OrgTree]:
        check_year(year, self._ctx.today())
        root = organization(self._db, org_id)
        rule, kinds = self.rule_for(year)
        rule_label(rule)  # an unknown rule is refused before anything is counted
        return root, rule, kinds, org_tree(self._db, root)

    def _participation(self, root: Organization, year: int, rule: str, kinds: tuple[str, ...], scope: list[int],
                       overall: Tally, by_org: tuple[OrgTally, ...], by_kind: tuple[KindTally, ...]) -> Participation:
        start, end = _year_span(year)
        return Participation(
            organization_id=root.id, organization_name=root.name, year=year, rule=rule, rule_label=rule_label(rule),
            study_kinds=kinds, meetings=study_repo.study_meeting_count(self._db, scope, start, end, kinds),
            overall=overall, by_organization=by_org, by_kind=by_kind,
        )


def _count_totals(scope: list[int], year: int, kinds: tuple[str, ...],
                  context: ServiceContext) -> tuple[list[tuple[str, int, int, int]], list[tuple[str, int, int]]]:
    """The one long statement of :meth:`StudyService.totals`, run wherever ``context``'s connection is."""
    start, end = _year_span(year)
    return study_repo.study_totals(context.db, scope, start, end, kinds)


def _year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
