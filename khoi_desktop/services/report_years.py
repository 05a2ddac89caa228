"""Years a report may be made for: one with records of the organisation, and ended unless a draft.

``report year-end``, ``ratings`` and ``export-package`` (and the screens making those files)
ask :func:`require_report_year` first, so a clerk never signs a report of figures that do not
exist yet: a year without any record of the organisation (or ended before its founding date) is
refused, and a year that has not ended yet is made only as a draft, whose every page says "DỰ THẢO".
"""

from __future__ import annotations

from datetime import date

from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.models import Organization
from khoi_desktop.domain.vntext import format_date
from khoi_desktop.storage import organizations_repo as org_repo
from khoi_desktop.storage import records_repo
from khoi_desktop.storage.connection import Database

DRAFT_MARK = "DỰ THẢO"


def year_problem(db: Database, org: Organization, year: int, today: date, *, draft: bool) -> str:
    """Why no report of ``org`` for ``year`` can be made now ('' when it can)."""
    if org.founded_on is not None and year < org.founded_on.year:
        return (f"Năm {year} không có số liệu nào của {org.name}: tổ chức thành lập ngày {format_date(org.founded_on)}, "
                "sau khi năm đó kết thúc; hãy chọn năm khác.")
    scope = org_repo.descendant_ids(db, org.id)
    if not records_repo.has_records(db, scope, year) and not (
            org.parent_id is None and records_repo.has_received_packages(db, year)):
        return (f"Năm {year} không có số liệu nào của {org.name} (không có buổi sinh hoạt, kiểm tra, đăng ký, "
                "đánh giá hay kế hoạch nào ghi năm đó); hãy chọn năm khác.")
    if date(year, 12, 31) >= today and not draft:
        return (f"Năm {year} chưa kết thúc (hôm nay là {format_date(today)}): số liệu còn thay đổi. "
                "Chỉ lập được bản dự thảo — chọn “Bản dự thảo” (dòng lệnh: thêm --draft); "
                f"mỗi trang sẽ in chữ “{DRAFT_MARK}”.")
    return ""


def require_report_year(db: Database, org: Organization, year: int, today: date, *, draft: bool) -> None:
    """Raise a Vietnamese ValidationError when :func:`year_problem` finds one."""
    problem = year_problem(db, org, year, today, draft=draft)
    if problem:
        raise ValidationError("year", problem)
