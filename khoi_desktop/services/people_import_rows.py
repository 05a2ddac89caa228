"""One spreadsheet row into a PersonInput, and how a row is matched with people already stored.

The import's rules, kept apart from :mod:`khoi_desktop.services.people_import` (the flow):
the edit form's validation applied to each row, memberships inferred from 'Tư cách' or
the party dates, and 'Cập nhật' merging a row into a stored person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from khoi_desktop.domain.enums import Gender, MembershipKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Membership, PersonInput
from khoi_desktop.domain.validation import clean_person, probation_end, validate_person
from khoi_desktop.domain.vntext import fold, format_date, search_key
from khoi_desktop.interchange.people_import import (
    FEMALE,
    MALE,
    ColumnMapping,
    ImportRecord,
    ProblemKind,
    RowProblem,
    Severity,
)


@dataclass(frozen=True)
class ExistingMatch:
    """A person already in the database whom a row seems to repeat."""

    person_id: int
    full_name: str
    organization_name: str
    reason: str  # 'cùng số thẻ đảng viên' / 'cùng họ tên và ngày sinh'


_FIELD_OF_ERROR = {"birth_year": "birth_date", "memberships": "membership_kind", "job_title": "position"}
_TEXTS = ("full_name", "hometown", "ethnicity", "phone", "email", "political_theory", "education", "note",
          "party_card_number", "party_record_number")


def to_person(record: ImportRecord, mapping: ColumnMapping, organization_id: int,
              today: date) -> tuple[PersonInput | None, list[RowProblem]]:
    """The row as a cleaned PersonInput plus the problems the edit form's rules find."""
    problems: list[RowProblem] = []
    if not record.full_name:
        return None, problems  # the parser already reported the missing name

    def problem(name: str, detail: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(RowProblem(record.row_number, mapping.label_of(name), detail, severity))

    memberships = _memberships(record, today, problem)
    gender = Gender.MALE if record.gender == MALE else Gender.FEMALE if record.gender == FEMALE else None
    person = clean_person(PersonInput(
        organization_id=organization_id, birth_date=record.birth_date, birth_year=record.birth_year,
        gender=gender, job_title=record.position, admission_date=record.admission_date,
        official_date=record.official_date, memberships=memberships, org_since=record.org_since,
        **{name: getattr(record, name) for name in _TEXTS}))
    if record.has_errors:
        return person, problems
    try:
        warnings = validate_person(person, today)
    except ValidationError as error:
        problem(_FIELD_OF_ERROR.get(error.field, error.field), _lower_first(error.message))
        return person, problems
    if not any(p.kind is ProblemKind.DATE_ORDER for p in record.problems):
        for warning in warnings:
            problem("party_card_number" if "Thẻ" in warning else "admission_date", _lower_first(warning),
                    Severity.WARNING)
    return person, problems


def _memberships(record: ImportRecord, today: date, problem: Callable[..., None]) -> tuple[Membership, ...]:
    """From 'Tư cách' ('Chính thức', 'Dự bị', 'Công chức', …) or, without it, from the party dates."""
    text = fold(record.membership_kind)
    if "du bi" in text or text in ("db", "d/b"):
        kind: MembershipKind | None = MembershipKind.PARTY_PROBATIONARY
    elif "chinh thuc" in text or text in ("ct", "c/t"):
        kind = MembershipKind.PARTY_OFFICIAL
    elif text in ("", "dang vien"):
        kind = _party_kind_from_dates(record, today)
    else:
        kind = MembershipKind.from_label(record.membership_kind)  # type: ignore[assignment]
        if kind is None:
            problem("membership_kind", f"“{record.membership_kind}” — không rõ tư cách; "
                                       "người này được nhập không kèm tư cách.", Severity.WARNING)
    if kind is None:
        return ()
    admission, official = record.admission_date, record.official_date
    if kind is MembershipKind.PARTY_OFFICIAL and admission and official and admission < official:
        return (Membership(MembershipKind.PARTY_PROBATIONARY, admission, official - timedelta(days=1)),
                Membership(kind, official))
    start = official if kind is MembershipKind.PARTY_OFFICIAL else (
        admission if kind is MembershipKind.PARTY_PROBATIONARY else None)
    return (Membership(kind, start),)


def _party_kind_from_dates(record: ImportRecord, today: date) -> MembershipKind | None:
    """No 'Tư cách' column: official with an official date or a card, or once probation is long over."""
    if record.official_date or record.party_card_number:
        return MembershipKind.PARTY_OFFICIAL
    if record.admission_date:
        over = probation_end(record.admission_date) <= today
        return MembershipKind.PARTY_OFFICIAL if over else MembershipKind.PARTY_PROBATIONARY
    return None


def merge_person(current: PersonInput, incoming: PersonInput) -> PersonInput:
    """'Cập nhật': the file's non-empty values over the stored ones; memberships are added, not replaced.

    The person stays in their own organisation (the import's target is taken only by someone
    not placed yet): changing chi bộ is a dated move, and rewriting it here would take them
    off the rolls of every meeting their old chi bộ held.
    """
    kept = ("memberships", "organization_id") if current.organization_id is not None else ("memberships",)
    values = {name: getattr(incoming, name) for name in current.__dataclass_fields__
              if name not in kept and getattr(incoming, name) not in (None, "")}
    have = {m.kind for m in current.memberships}
    extra = tuple(m for m in incoming.memberships if m.kind not in have)
    merged = replace(current, **values, memberships=current.memberships + extra)
    year_only = incoming.birth_date is None and incoming.birth_year is not None
    if year_only and (current.birth_date is None or current.birth_date.year != incoming.birth_year):
        merged = replace(merged, birth_date=None)  # the file's year replaces a date of another year
    return merged


class ExistingIndex:
    """People already stored, by card number and by (folded name, birth date)."""

    def __init__(self, rows: Iterable[tuple[int, str, str, str | None, str, str]]) -> None:
        self.by_card: dict[str, tuple[int, str, str]] = {}
        self.by_person: dict[tuple[str, str], tuple[int, str, str]] = {}
        for person_id, name, folded, birth, card, org in rows:
            if card:
                self.by_card.setdefault(card, (person_id, name, org))
            if birth:
                self.by_person.setdefault((folded, birth), (person_id, name, org))

    def match(self, person: PersonInput) -> ExistingMatch | None:
        found = self.by_card.get(person.party_card_number) if person.party_card_number else None
        if found is not None:
            return ExistingMatch(*found, reason=f"cùng số thẻ đảng viên {person.party_card_number}")
        if person.birth_date is not None:
            found = self.by_person.get((search_key(person.full_name), person.birth_date.isoformat()))
            if found is not None:
                return ExistingMatch(*found, reason=f"cùng họ tên và ngày sinh {format_date(person.birth_date)}")
        return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
