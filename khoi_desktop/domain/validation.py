"""Validation of organisation and person input: errors name the field, warnings advise."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from khoi_desktop.domain.enums import MembershipKind
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Membership, OrganizationInput, PersonInput
from khoi_desktop.domain.vntext import clean, format_date, visible_text

PROBATION_MONTHS = 12
MAX_ID = 2**63 - 1  # the largest integer SQLite stores: a longer number typed as an id names nothing
CARD_NUMBER = re.compile(r"^[0-9]{1,12}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_id(text: str) -> int | None:
    """A record id typed by the user ('12'), or None when the text cannot be one (letters, '²', 25 digits)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return None
    return int(text)


def clean_organization(data: OrganizationInput) -> OrganizationInput:
    """NFC-clean every text and check the required fields."""
    cleaned = replace(
        data,
        name=clean(data.name),
        short_name=clean(data.short_name),
        agency_name=clean(data.agency_name),
        doc_code=clean(data.doc_code).upper(),
        place_name=clean(data.place_name),
        superior_name=clean(data.superior_name),
    )
    if not cleaned.name:
        raise ValidationError("name", "Tên tổ chức không được để trống.")
    if len(cleaned.name) > 200:
        raise ValidationError("name", "Tên tổ chức quá dài (tối đa 200 ký tự).")
    if cleaned.doc_code and not re.fullmatch(r"[0-9A-ZĐ/.-]{1,20}", cleaned.doc_code):
        raise ValidationError("doc_code", "Ký hiệu dùng trong số văn bản chỉ gồm chữ in hoa và số, ví dụ CB hoặc ĐU.")
    return cleaned


def clean_person(data: PersonInput) -> PersonInput:
    """Return the input with every text NFC-cleaned; the card number keeps its leading zeros."""
    texts = {
        name: clean(getattr(data, name))
        for name in ("full_name", "ethnicity", "religion", "hometown", "phone", "email", "education",
                     "political_theory", "job_title", "party_record_number", "note")
    }
    texts["full_name"] = visible_text(data.full_name)
    texts["party_card_number"] = clean(data.party_card_number).replace(" ", "")
    if all(getattr(data, name) == text for name, text in texts.items()):
        return data  # already clean (as every imported row is): no copy
    return replace(data, **texts)


def validate_person(data: PersonInput, today: date) -> list[str]:
    """Raise :class:`ValidationError` for the first error; return Vietnamese warnings."""
    _check_name(data)
    _check_birth(data, today)
    _check_party_dates(data, today)
    _check_contacts(data)
    for membership in data.memberships:
        _check_membership(membership)
    return _warnings(data, today)


def _check_name(data: PersonInput) -> None:
    if not data.full_name:
        raise ValidationError("full_name", "Họ và tên không được để trống (hoặc chỉ có ký tự không nhìn thấy).")
    if len(data.full_name) > 100:
        raise ValidationError("full_name", "Họ và tên quá dài (tối đa 100 ký tự).")
    if any(map(str.isdigit, data.full_name)):
        raise ValidationError("full_name", "Họ và tên không được chứa chữ số.")


def _check_birth(data: PersonInput, today: date) -> None:
    if data.birth_date and data.birth_date > today:
        raise ValidationError("birth_date", f"Ngày sinh {format_date(data.birth_date)} ở tương lai.")
    if data.birth_date and data.birth_date.year < 1900:
        raise ValidationError("birth_date", "Ngày sinh trước năm 1900: hãy kiểm tra lại.")
    if data.birth_year is not None and not 1900 <= data.birth_year <= today.year:
        raise ValidationError("birth_date", f"Năm sinh {data.birth_year} không hợp lệ.")
    if data.birth_date and data.birth_year and data.birth_date.year != data.birth_year:
        raise ValidationError("birth_date", "Năm sinh không khớp với ngày sinh.")


def _check_party_dates(data: PersonInput, today: date) -> None:
    admission, official = data.admission_date, data.official_date
    if admission and admission > today:
        raise ValidationError("admission_date", f"Ngày vào Đảng {format_date(admission)} ở tương lai.")
    if official and not admission:
        raise ValidationError("admission_date", "Có ngày chính thức thì phải có ngày vào Đảng.")
    if admission and official and official <= admission:
        raise ValidationError(
            "official_date",
            f"Ngày chính thức ({format_date(official)}) phải sau ngày vào Đảng ({format_date(admission)}).",
        )
    if admission and data.birth_date and admission <= data.birth_date:
        raise ValidationError("admission_date", "Ngày vào Đảng phải sau ngày sinh.")
    if data.party_card_number and not CARD_NUMBER.match(data.party_card_number):
        raise ValidationError("party_card_number", "Số thẻ đảng viên chỉ gồm chữ số (tối đa 12 số).")


def _check_contacts(data: PersonInput) -> None:
    if data.email and not EMAIL.match(data.email):
        raise ValidationError("email", f"Địa chỉ thư điện tử “{data.email}” không hợp lệ.")


def _check_membership(membership: Membership) -> None:
    if membership.start_date and membership.end_date and membership.end_date < membership.start_date:
        raise ValidationError(
            "memberships", f"Tư cách “{membership.kind.label}”: ngày kết thúc trước ngày bắt đầu."
        )


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31/01 + 1 → 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def probation_end(admission: date) -> date:
    return add_months(admission, PROBATION_MONTHS)


def _warnings(data: PersonInput, today: date) -> list[str]:
    warnings: list[str] = []
    admission, official = data.admission_date, data.official_date
    if admission and official and official < probation_end(admission):
        warnings.append(
            f"Thời gian dự bị chưa đủ {PROBATION_MONTHS} tháng (vào Đảng {format_date(admission)}, "
            f"chính thức {format_date(official)})."
        )
    kinds = {m.kind for m in data.memberships if m.active_on(today)}
    overdue = admission and not official and probation_end(admission) < today
    if overdue and MembershipKind.PARTY_PROBATIONARY in kinds:
        warnings.append(
            f"Đã quá thời hạn dự bị (hết ngày {format_date(probation_end(admission))}) "
            "mà chưa có ngày chính thức."
        )
    if data.party_card_number and MembershipKind.PARTY_OFFICIAL not in kinds:
        warnings.append("Thẻ đảng viên chỉ cấp cho đảng viên chính thức.")
    if data.birth_date and admission and add_months(data.birth_date, 18 * 12) > admission:
        warnings.append("Ngày vào Đảng khi chưa đủ 18 tuổi: hãy kiểm tra lại.")
    return warnings
