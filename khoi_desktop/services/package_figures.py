"""A year's figures in a package: to JSON and back (refusing malformed ones), summed over units.

The figures are :class:`~khoi_desktop.services.overview.YearFigures`, the same the unit's
own year-end report prints, so the bloc's consolidated report counts exactly what each
unit counted. :func:`key_figures` lists the headline figures as text, for the preview of
a replacement (old → new) and the per-unit table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, TypeVar

from khoi_desktop.domain.enums import (
    InspectionKind,
    MeetingKind,
    MembershipKind,
    OrgKind,
    OutreachOutlet,
    RatingLevel,
)
from khoi_desktop.domain.oversight import ExemplarCounts, InspectionCounts, OutreachCounts
from khoi_desktop.domain.package import DATA_NAME, Reader
from khoi_desktop.domain.study import KindTally, OrgTally, Participation, Tally
from khoi_desktop.domain.vntext import format_number, format_ratio
from khoi_desktop.services.inspections import InspectionSummary
from khoi_desktop.services.overview import Ratings, Registrations, YearFigures

E = TypeVar("E", bound=Enum)
_TALLY = ("persons_expected", "persons_took_part", "attendances_expected", "attendances_present")
_REGISTRATIONS = ("registered", "expected", "collectives_registered", "collectives_expected")


# -- to JSON ------------------------------------------------------------------------------------


def figures_to_json(figures: YearFigures) -> dict[str, Any]:
    study = figures.participation
    return {
        "year": figures.year,
        "meetings": {kind.value: count for kind, count in figures.meetings},
        "participation": {"rule": study.rule, "rule_label": study.rule_label, "study_kinds": list(study.study_kinds),
                          "meetings": study.meetings, "overall": _tally_json(study.overall),
                          "by_kind": [{"kind": k.kind, "label": k.label, "tally": _tally_json(k.tally)}
                                      for k in study.by_kind]},
        "registrations": {**{key: getattr(figures.registrations, key) for key in _REGISTRATIONS},
                          "by_kind": [list(row) for row in figures.registrations.by_kind]},
        "ratings": _ratings_json(figures.ratings), "collective_ratings": _ratings_json(figures.collective_ratings),
        "inspections": {"own": _inspections_json(figures.inspections.own),
                        "below": _inspections_json(figures.inspections.below)},
        "outreach": {outlet.value: [entries, pieces] for outlet, entries, pieces in figures.outreach.by_outlet},
        "contributors": figures.contributors,
        "exemplars": {"individuals": figures.exemplars.individuals, "collectives": figures.exemplars.collectives,
                      "by_commendation": [[form, count] for form, count in figures.exemplars.by_commendation]},
    }


def _tally_json(tally: Tally) -> dict[str, int]:
    return {key: getattr(tally, key) for key in _TALLY}


def _ratings_json(ratings: Ratings) -> dict[str, Any]:
    return {"by_level": {level.value: count for level, count in ratings.by_level},
            "undecided": ratings.undecided, "not_rated": ratings.not_rated}


def _inspections_json(counts: InspectionCounts) -> dict[str, Any]:
    return {"total": counts.total, "finished": counts.finished,
            "by_kind": {kind.value: count for kind, count in counts.by_kind},
            "targets_by_level": {kind.value: count for kind, count in counts.targets_by_level},
            "on_theme": counts.on_theme}


# -- from JSON ----------------------------------------------------------------------------------


class _Figures:
    """Reads one figures object; every count a non-negative integer, every code a known one."""

    def __init__(self, file: str, what: str) -> None:
        self.r = Reader(file, DATA_NAME)
        self.what = what

    def part(self, data: Mapping[str, Any], key: str) -> dict[str, Any]:
        return self.r.mapping(data.get(key), f"{self.what}.{key}")

    def counts(self, data: Mapping[str, Any], enum: type[E]) -> tuple[tuple[E, int], ...]:
        unknown = [key for key in data if key not in {member.value for member in enum}]
        if unknown:
            raise self.r.reject(f"mã “{unknown[0]}” trong số liệu “{self.what}” không xác định.")
        return tuple((member, self.r.number(data, member.value)) for member in enum if member.value in data)

    def tally(self, data: Mapping[str, Any]) -> Tally:
        return Tally(*(self.r.number(data, key) for key in _TALLY))

    def ratings(self, data: Mapping[str, Any]) -> Ratings:
        levels = dict(self.counts(self.part(data, "by_level"), RatingLevel))
        return Ratings(tuple((level, levels.get(level, 0)) for level in RatingLevel),
                       self.r.number(data, "undecided"), self.r.number(data, "not_rated"))

    def inspections(self, data: Mapping[str, Any]) -> InspectionCounts:
        kinds = dict(self.counts(self.part(data, "by_kind"), InspectionKind))
        return InspectionCounts(self.r.number(data, "total"), self.r.number(data, "finished"),
                                tuple((kind, kinds.get(kind, 0)) for kind in InspectionKind),
                                self.counts(self.part(data, "targets_by_level"), OrgKind),
                                self.r.number(data, "on_theme") if "on_theme" in data else 0)


def figures_from_json(data: Mapping[str, Any], org_id: int, name: str, file: str, what: str = "figures") -> YearFigures:
    """The figures of a package; a malformed object is a :class:`PackageRejected`."""
    f = _Figures(file, what)
    year = f.r.number(data, "year", low=1900, high=2200)
    meetings = dict(f.counts(f.part(data, "meetings"), MeetingKind))
    outreach = _outreach(f, f.part(data, "outreach"))
    reg = f.part(data, "registrations")
    return YearFigures(
        organization_id=org_id, year=year, meetings=tuple((k, meetings.get(k, 0)) for k in MeetingKind),
        participation=_participation(f, f.part(data, "participation"), org_id, name, year),
        registrations=Registrations(*(f.r.number(reg, key) for key in _REGISTRATIONS), by_kind=_triples(f, reg)),
        ratings=f.ratings(f.part(data, "ratings")), collective_ratings=f.ratings(f.part(data, "collective_ratings")),
        inspections=InspectionSummary(f.inspections(f.part(f.part(data, "inspections"), "own")),
                                      f.inspections(f.part(f.part(data, "inspections"), "below"))),
        outreach=outreach,
        contributors=f.r.number(data, "contributors"), exemplars=_exemplar_counts(f, f.part(data, "exemplars")),
    )


def _outreach(f: _Figures, data: Mapping[str, Any]) -> OutreachCounts:
    """Outlet code → [entries, pieces]."""
    f.counts({key: 0 for key in data}, OutreachOutlet)  # every outlet code known
    found = {}
    for outlet in OutreachOutlet:
        pair = f.r.items(data.get(outlet.value, [0, 0]), f"{f.what}.outreach")
        if len(pair) != 2:
            raise f.r.reject(f"số liệu tuyên truyền “{outlet.value}” không hợp lệ.")
        found[outlet] = (f.r.number({"n": pair[0]}, "n"), f.r.number({"n": pair[1]}, "n"))
    return OutreachCounts(tuple((outlet, *found[outlet]) for outlet in OutreachOutlet))


def _participation(f: _Figures, data: Mapping[str, Any], org_id: int, name: str, year: int) -> Participation:
    kinds = []
    for item in f.r.items(data.get("by_kind", []), f"{f.what}.participation.by_kind"):
        entry = f.r.mapping(item, "by_kind")
        kind = f.r.text(entry, "kind")
        if kind and kind not in {k.value for k in MembershipKind}:
            raise f.r.reject(f"tư cách “{kind}” trong số liệu học tập không xác định.")
        kinds.append(KindTally(kind, f.r.text(entry, "label"), f.tally(f.r.mapping(entry.get("tally"), "tally"))))
    study_kinds = tuple(str(k) for k in f.r.items(data.get("study_kinds", []), "study_kinds"))
    return Participation(org_id, name, year, f.r.text(data, "rule"), f.r.text(data, "rule_label"), study_kinds,
                         f.r.number(data, "meetings"), f.tally(f.part(data, "overall")), (), tuple(kinds))


def _triples(f: _Figures, data: Mapping[str, Any]) -> tuple[tuple[str, int, int], ...]:
    """Registrations by membership kind: (label, registered, expected) rows."""
    rows = []
    for item in f.r.items(data.get("by_kind", []), "registrations.by_kind"):
        row = f.r.items(item, "registrations.by_kind")
        if len(row) != 3 or not isinstance(row[0], str):
            raise f.r.reject("số liệu đăng ký theo tư cách không hợp lệ.")
        rows.append((row[0], f.r.number({"n": row[1]}, "n"), f.r.number({"n": row[2]}, "n")))
    return tuple(rows)


def _sum_registrations(items: Sequence[Registrations]) -> Registrations:
    kinds: dict[str, list[int]] = {}
    for item in items:
        for label, registered, expected in item.by_kind:
            kinds.setdefault(label, [0, 0])
            kinds[label][0] += registered
            kinds[label][1] += expected
    totals = (sum(getattr(item, key) for item in items) for key in _REGISTRATIONS)
    return Registrations(*totals, by_kind=tuple((label, r, e) for label, (r, e) in kinds.items()))


def _exemplar_counts(f: _Figures, data: Mapping[str, Any]) -> ExemplarCounts:
    forms = []
    for item in f.r.items(data.get("by_commendation", []), "by_commendation"):
        pair = f.r.items(item, "by_commendation")
        if len(pair) != 2 or not isinstance(pair[0], str):
            raise f.r.reject("số liệu khen thưởng không hợp lệ.")
        forms.append((pair[0], f.r.number({"n": pair[1]}, "n")))
    return ExemplarCounts(f.r.number(data, "individuals"), f.r.number(data, "collectives"), tuple(forms))


# -- summing over units -------------------------------------------------------------------------


def _sum_by(pairs: Sequence[tuple[tuple[E, int], ...]], order: Sequence[E]) -> tuple[tuple[E, int], ...]:
    totals = {member: 0 for member in order}
    for counts in pairs:
        for member, count in counts:
            totals[member] += count
    return tuple(totals.items())


def _sum_tallies(tallies: Sequence[Tally]) -> Tally:
    return Tally(*(sum(getattr(t, key) for t in tallies) for key in _TALLY))


def sum_participation(parts: Sequence[Participation], org_id: int, name: str, year: int,
                      units: Sequence[str]) -> Participation:
    """Units' participation added up; ``by_organization`` lists each unit (depth 1) under the bloc."""
    kinds: dict[str, list[KindTally]] = {}
    for part in parts:
        for kind in part.by_kind:
            kinds.setdefault(kind.kind, []).append(kind)
    order = [k.value for k in MembershipKind]
    by_kind = tuple(KindTally(k, v[0].label, _sum_tallies([x.tally for x in v]))
                    for k, v in sorted(kinds.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0])))
    overall = _sum_tallies([p.overall for p in parts])
    units_rows = tuple(OrgTally(-(i + 1), unit, org_id, 1, p.overall) for i, (unit, p) in enumerate(zip(units, parts, strict=True)))
    first = parts[0] if parts else Participation(org_id, name, year, "", "", (), 0, Tally())
    return Participation(org_id, name, year, first.rule, first.rule_label, first.study_kinds,
                         sum(p.meetings for p in parts), overall,
                         (OrgTally(org_id, name, None, 0, overall), *units_rows), by_kind)


def _sum_inspections(counts: Sequence[InspectionCounts]) -> InspectionCounts:
    levels = _sum_by([c.targets_by_level for c in counts], list(OrgKind))
    return InspectionCounts(sum(c.total for c in counts), sum(c.finished for c in counts),
                            _sum_by([c.by_kind for c in counts], list(InspectionKind)),
                            tuple((kind, n) for kind, n in levels if n), sum(c.on_theme for c in counts))


def _sum_ratings(ratings: Sequence[Ratings]) -> Ratings:
    return Ratings(_sum_by([r.by_level for r in ratings], list(RatingLevel)),
                   sum(r.undecided for r in ratings), sum(r.not_rated for r in ratings))


def sum_figures(parts: Sequence[YearFigures], org_id: int, name: str, year: int, units: Sequence[str],
                *, own_inspections: InspectionCounts | None = None, exemplars: ExemplarCounts | None = None,
                own_outreach: OutreachCounts | None = None, own_contributors: int = 0) -> YearFigures:
    """The bloc's figures over its units; the units' own inspections count as 'below' the bloc.

    ``own_*`` are the bloc committee's own records; ``exemplars`` counts every exemplar listed.
    """
    below = [p.inspections.own for p in parts] + [p.inspections.below for p in parts]
    counted = [*(p.outreach for p in parts), own_outreach or OutreachCounts()]
    entries = {o: sum(e for c in counted for x, e, _ in c.by_outlet if x is o) for o in OutreachOutlet}
    outreach = tuple((o, entries[o], sum(c.pieces_of(o) for c in counted)) for o in OutreachOutlet)
    return YearFigures(
        organization_id=org_id, year=year, meetings=_sum_by([p.meetings for p in parts], list(MeetingKind)),
        participation=sum_participation([p.participation for p in parts], org_id, name, year, units),
        registrations=_sum_registrations([p.registrations for p in parts]),
        ratings=_sum_ratings([p.ratings for p in parts]),
        collective_ratings=_sum_ratings([p.collective_ratings for p in parts]),
        inspections=InspectionSummary(own_inspections or InspectionCounts(), _sum_inspections(below)),
        outreach=OutreachCounts(outreach), contributors=own_contributors + sum(p.contributors for p in parts),
        exemplars=exemplars or ExemplarCounts(),
    )


# -- the headline figures as text ---------------------------------------------------------------


def key_figures(figures: YearFigures) -> dict[str, str]:
    """Label → text of the figures a clerk compares ('Tham gia học tập (số người)' → '193/200 người, đạt 96,5%')."""
    study, reg = figures.participation.overall, figures.registrations
    lines = {"Tổng số buổi sinh hoạt, hội nghị": f"{format_number(figures.meetings_total)} buổi"}
    lines.update({f"{kind.label}": f"{format_number(n)} buổi" for kind, n in figures.meetings if n})
    lines["Tham gia học tập (số người)"] = study.persons_text if study.persons_expected else "chưa có"
    lines["Tham gia học tập (số lượt)"] = study.attendances_text if study.attendances_expected else "chưa có"
    lines["Cá nhân đăng ký làm theo"] = format_ratio(reg.registered, reg.expected, "người") if reg.expected else "0"
    lines["Tập thể đăng ký làm theo"] = (format_ratio(reg.collectives_registered, reg.collectives_expected, "chi bộ")
                                         if reg.collectives_expected else "0")
    lines.update({f"Xếp loại đảng viên “{level.label}”": f"{format_number(n)} người"
                  for level, n in figures.ratings.by_level})
    lines["Kiểm tra, giám sát đã tiến hành"] = (
        f"{format_number(figures.inspections.own.inspections_and_supervisions + figures.inspections.below.inspections_and_supervisions)} cuộc")
    lines["Tin, bài, hoạt động tuyên truyền"] = format_number(figures.outreach.pieces)
    lines["Gương điển hình (tập thể, cá nhân)"] = (f"{format_number(figures.exemplars.collectives)} tập thể, "
                                                  f"{format_number(figures.exemplars.individuals)} cá nhân")
    return lines
