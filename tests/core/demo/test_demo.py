"""Deterministic demo data: sizes, reproducibility, the domain's rules, and safe file handling."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from khoi_desktop.domain.enums import Gender
from khoi_desktop.domain.errors import ValidationError
from khoi_desktop.domain.presets import DEFAULT_PRESETS, REGISTRATION
from khoi_desktop.domain.study import study_categories
from khoi_desktop.domain.vntext import search_key, sort_key
from khoi_desktop.services.attendance import AttendanceService
from khoi_desktop.services.base import ServiceContext
from khoi_desktop.services.demo.generator import DemoCancelled, DemoSummary, generate_demo
from khoi_desktop.services.demo.model import DEMO_TODAY, add_months
from khoi_desktop.services.demo.names import random_name
from khoi_desktop.services.study import StudyService
from khoi_desktop.storage.database import open_database
from khoi_desktop.storage.migrations import KNOWN

SEED = 2018
DUMPED_TABLES = ("organizations", "people", "memberships", "status_history", "meetings", "attendance",
                 "commitment_items", "assessments", "inspections", "documents")


@pytest.fixture(scope="module")
def unit_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[DemoSummary, sqlite3.Connection]:
    path = tmp_path_factory.mktemp("demo") / "unit.sqlite"
    summary = generate_demo(path, "unit", SEED)
    conn = sqlite3.connect(path)
    yield summary, conn
    conn.close()


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[tuple]:
    return conn.execute(sql, params).fetchall()


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for table in DUMPED_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


# ---------------------------------------------------------------------------
# Size and shape


def test_unit_summary_counts_are_in_the_expected_ranges(unit_db):
    """A unit: bloc root, one đảng bộ cơ sở, three chi bộ, 60 people, ten years of meetings."""
    summary, conn = unit_db
    assert (summary.scale, summary.organizations, summary.people) == ("unit", 5, 60)
    assert 450 <= summary.meetings <= 650
    assert 4_000 <= summary.attendance <= 12_000
    assert summary.seconds < 30
    assert (summary.meetings, summary.attendance) == (_count(conn, "meetings"), _count(conn, "attendance"))
    for table in ("terms", "talks", "speeches", "votes", "commitments", "commitment_items", "assessments",
                  "assessment_sections", "inspections", "inspection_steps", "outreach", "exemplars",
                  "year_plans", "plan_documents", "documents", "meeting_guests"):
        assert _count(conn, table) > 0, table
    assert _count(conn, "terms") == 5 * 3
    assert _count(conn, "year_plans") == 5 * 11


def test_unit_tree_names_the_bloc_the_department_and_its_branches(unit_db):
    """Organisation kinds and names read like a real bloc of provincial agencies."""
    _summary, conn = unit_db
    rows = _rows(conn, "SELECT name, kind, parent_id FROM organizations ORDER BY id")
    assert rows[0] == ("Đảng bộ Khối các cơ quan tỉnh Ninh Bình", "bloc", None)
    assert rows[1] == ("Đảng bộ Sở Nông nghiệp và Phát triển nông thôn", "base_committee", 1)
    assert [name for name, kind, _parent in rows[2:] if kind == "sub_branch"] == [
        "Chi bộ Văn phòng Sở", "Chi bộ Phòng Kế hoạch – Tài chính", "Chi bộ Chi cục Thủy lợi"]


def test_the_file_opens_as_an_ordinary_up_to_date_database(unit_db):
    """Migrations are all applied, WAL is on, quick_check passes and foreign keys hold."""
    summary, _conn = unit_db
    db = open_database(summary.path)
    try:
        applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid").fetchall()]
        assert applied == KNOWN
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
    assert not Path(f"{summary.path}.dang-tao").exists()


# ---------------------------------------------------------------------------
# Reproducibility


def test_same_seed_gives_identical_content_and_another_seed_differs(tmp_path, unit_db):
    """Two runs with one seed match row for row; a different seed gives different people."""
    summary, _conn = unit_db
    again = generate_demo(tmp_path / "again.sqlite", "unit", SEED)
    other = generate_demo(tmp_path / "other.sqlite", "unit", SEED + 1)
    assert _digest(again.path) == _digest(summary.path)
    assert _digest(other.path) != _digest(summary.path)


def test_every_demo_organisation_has_its_own_uuid(unit_db):
    """Issue 12: the generator gives each organisation a permanent UUID (from the seed, so reruns match)."""
    _summary, conn = unit_db
    uuids = [r[0] for r in _rows(conn, "SELECT uuid FROM organizations")]
    assert all(u and len(u) == 36 for u in uuids) and len(set(uuids)) == len(uuids)


def test_every_demo_organisation_is_founded_after_its_superior_before_the_first_term(unit_db):
    """m0010: plausible founding dates, 1976…2014, each not before its superior's, so every demo year reports."""
    _summary, conn = unit_db
    founded = {org_id: date.fromisoformat(day) for org_id, day in _rows(conn, "SELECT id, founded_on FROM organizations")}
    parents = dict(_rows(conn, "SELECT id, parent_id FROM organizations"))
    assert all(date(1976, 1, 1) < day < date(2015, 1, 1) for day in founded.values())
    assert all(parent is None or founded[parent] <= founded[org_id] for org_id, parent in parents.items())
    assert len(set(founded.values())) > 1


def test_timestamps_come_from_the_data_not_the_clock(unit_db):
    """created_at never lies after the demo's own today, so reruns never differ by time."""
    _summary, conn = unit_db
    latest = max(r[0] for table in ("people", "meetings", "commitments", "assessments")
                 for r in _rows(conn, f"SELECT max(created_at) FROM {table}"))
    assert latest <= f"{DEMO_TODAY.isoformat()}T23:59:59"
    assert _rows(conn, "SELECT summary FROM audit_log") == [("Tạo dữ liệu mẫu",)]


# ---------------------------------------------------------------------------
# People and party rules


def test_official_members_waited_twelve_months_and_probationers_are_recent(unit_db):
    """official_date ≥ admission + 12 months; probationary members were admitted within the last year."""
    _summary, conn = unit_db
    officials = _rows(conn, "SELECT admission_date, official_date FROM people WHERE official_date IS NOT NULL")
    assert officials
    for admission, official in officials:
        assert date.fromisoformat(official) >= add_months(date.fromisoformat(admission), 12)
    probation = _rows(conn, "SELECT admission_date FROM people WHERE admission_date IS NOT NULL"
                            " AND official_date IS NULL")
    assert probation
    for (admission,) in probation:
        assert add_months(date.fromisoformat(admission), 12) > DEMO_TODAY


def test_card_numbers_are_unique_twelve_digit_text_keeping_leading_zeros(unit_db):
    """Cards only for official members, stored as text, never losing a leading zero."""
    _summary, conn = unit_db
    cards = _rows(conn, "SELECT party_card_number, typeof(party_card_number), official_date FROM people"
                        " WHERE party_card_number <> ''")
    numbers = [number for number, _type, _official in cards]
    assert all(kind == "text" and len(n) == 12 and n.isdigit() and official for n, kind, official in cards)
    assert len(set(numbers)) == len(numbers)
    assert any(number.startswith("0") for number in numbers)
    assert _rows(conn, "SELECT count(*) FROM people WHERE official_date IS NOT NULL AND party_card_number = ''") == [(0,)]


def test_name_keys_are_the_vntext_keys(unit_db):
    """people.name_search and people.sort_key are exactly vntext.search_key and vntext.sort_key."""
    _summary, conn = unit_db
    for name, searched, sorted_by in _rows(conn, "SELECT full_name, name_search, sort_key FROM people"):
        assert (searched, sorted_by) == (search_key(name), sort_key(name))


def test_status_changes_exist_and_start_with_the_joining_row(unit_db):
    """Transfers and exemptions happen, and each history begins when the person joined."""
    _summary, conn = unit_db
    statuses = {s for (s,) in _rows(conn, "SELECT DISTINCT status FROM status_history")}
    assert {"active", "transferred_out", "transferred_in", "exempt"} <= statuses
    firsts = _rows(conn, "SELECT h.status FROM status_history h WHERE h.start_date ="
                         " (SELECT min(start_date) FROM status_history WHERE person_id = h.person_id)")
    assert {s for (s,) in firsts} <= {"active", "transferred_in"}
    assert _rows(conn, "SELECT count(DISTINCT person_id) FROM status_history") == [(60,)]


def test_name_generator_follows_vietnamese_frequencies():
    """Nguyễn about 38%, Trần about 11%; 'Thị' is a women's middle name only."""
    rng = random.Random(1)
    men = [random_name(rng, Gender.MALE) for _ in range(10_000)]
    women = [random_name(rng, Gender.FEMALE) for _ in range(10_000)]
    families = Counter(name.split()[0] for name in men + women)
    assert 0.34 < families["Nguyễn"] / 20_000 < 0.42
    assert 0.08 < families["Trần"] / 20_000 < 0.14
    assert not any(" Thị " in name for name in men)
    assert sum(" Thị " in name for name in women) / 10_000 > 0.3


# ---------------------------------------------------------------------------
# Meetings and attendance


_OFF_ROLL = """
SELECT count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN people p ON p.id = a.person_id
WHERE EXISTS (SELECT 1 FROM status_history h WHERE h.person_id = p.id
              AND h.status IN ('transferred_out', 'deceased', 'exempt') AND h.start_date <= m.date)
   OR (SELECT min(start_date) FROM status_history h WHERE h.person_id = p.id) > m.date
   OR (a.membership_kind LIKE 'party%' AND (p.admission_date IS NULL OR p.admission_date > m.date))
   OR (a.membership_kind NOT LIKE 'party%' AND (m.kind NOT IN ('study', 'thematic', 'seminar', 'discussion')
       OR p.admission_date <= m.date))
   OR (p.organization_id <> m.organization_id
       AND p.organization_id NOT IN (SELECT id FROM organizations WHERE parent_id = m.organization_id))
"""


def test_attendance_only_for_people_on_the_roll_that_day(unit_db):
    """Nobody is marked after leaving, dying or being exempted, before joining, or elsewhere; only study
    meetings have staff outside the Party, and only while outside it (a member before admission)."""
    _summary, conn = unit_db
    assert _rows(conn, _OFF_ROLL) == [(0,)]
    left = _rows(conn, "SELECT person_id, start_date FROM status_history WHERE status = 'transferred_out'")
    assert left
    for person_id, day in left:
        before = _rows(conn, "SELECT count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
                             " WHERE a.person_id = ? AND m.date < ?", (person_id, day))
        assert before[0][0] > 0  # they did attend while they were here


def test_attendance_matches_the_apps_own_roll_and_vote_base(unit_db):
    """For every meeting, AttendanceService.roll lists exactly the marked people, all marked, same kinds."""
    summary, _conn = unit_db
    db = open_database(summary.path)
    try:
        service = AttendanceService(ServiceContext(db))
        for (meeting_id,) in db.execute("SELECT id FROM meetings").fetchall():
            roll = service.roll(meeting_id)
            marks = dict(db.execute("SELECT person_id, membership_kind FROM attendance WHERE meeting_id = ?",
                                    [meeting_id]).fetchall())
            assert {e.person_id: e.membership_kind.value for e in roll.entries} == marks, meeting_id
            vote = db.execute("SELECT vote_base FROM votes WHERE meeting_id = ?", [meeting_id]).fetchone()
            assert vote is None or vote[0] == service.vote_base(meeting_id), meeting_id
    finally:
        db.close()


def test_attendance_kind_follows_the_official_date(unit_db):
    """Marks before the official date are probationary, from it official."""
    _summary, conn = unit_db
    wrong = _rows(conn, """
        SELECT count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN people p ON p.id = a.person_id
        WHERE (a.membership_kind = 'party_official' AND (p.official_date IS NULL OR m.date < p.official_date))
           OR (a.membership_kind = 'party_probationary' AND m.date >= coalesce(p.official_date, '9999'))""")
    assert wrong == [(0,)]


def test_attendance_rates_and_reasons_look_real(unit_db):
    """93–98% present; excused absences carry a reason, unexcused ones do not (staff outside the Party
    away for a whole year from study give the long-absence reasons)."""
    _summary, conn = unit_db
    counts = dict(_rows(conn, "SELECT status, count(*) FROM attendance GROUP BY status"))
    present = (counts["present"] + counts.get("late", 0)) / sum(counts.values())
    assert 0.93 <= present <= 0.98
    reasons = {r for (r,) in _rows(conn, "SELECT DISTINCT reason FROM attendance WHERE status = 'absent_excused'")}
    assert reasons <= {"Đi công tác", "Ốm", "Nghỉ phép", "Việc gia đình", "Đi học", "Đi học dài hạn", "Nghỉ thai sản",
                       "Điều trị bệnh dài ngày"} and "" not in reasons
    assert _rows(conn, "SELECT count(*) FROM attendance WHERE status = 'absent_unexcused' AND reason <> ''") == [(0,)]


def test_meetings_last_at_least_90_minutes_from_23_july_2025(unit_db):
    """CT 50-CT/TW: every meeting from 2025-07-23 on lasts 90 minutes or more."""
    _summary, conn = unit_db
    recent = _rows(conn, "SELECT start_time, end_time FROM meetings WHERE date >= '2025-07-23'")
    assert recent
    for start, end in recent:
        minutes = (datetime.strptime(end, "%H:%M") - datetime.strptime(start, "%H:%M")).seconds // 60
        assert minutes >= 90


def test_branch_meetings_are_chaired_by_the_branch_secretary(unit_db):
    """The chair holds 'Bí thư Chi bộ' of that branch on the meeting day; the note-taker is someone else."""
    _summary, conn = unit_db
    rows = _rows(conn, """
        SELECT m.chair_person_id = m.secretary_person_id, EXISTS (
            SELECT 1 FROM positions s WHERE s.person_id = m.chair_person_id AND s.organization_id = m.organization_id
            AND s.title = 'Bí thư Chi bộ' AND s.start_date <= m.date AND coalesce(s.end_date, '9999') >= m.date)
        FROM meetings m WHERE m.kind = 'regular'""")
    assert not any(same for same, _chaired in rows)
    assert sum(chaired for _same, chaired in rows) / len(rows) > 0.95


def test_minutes_are_numbered_per_term_from_one(unit_db):
    """Each branch's minutes (BB) restart at 1 with each term and never skip a number."""
    _summary, conn = unit_db
    for org_id, term_id, count, highest in _rows(conn, "SELECT organization_id, term_id, count(*), max(number)"
                                                       " FROM documents WHERE doc_type = 'BB' GROUP BY 1, 2"):
        assert count == highest, (org_id, term_id)


# ---------------------------------------------------------------------------
# Yearly records follow the presets in force


def test_registration_items_use_the_categories_in_force_when_signed(unit_db):
    """2018 uses the four CT 05 contents; 2025 the five standards of QĐ 144."""
    _summary, conn = unit_db
    presets = {p.name: p.data["categories"] for p in DEFAULT_PRESETS if p.kind == REGISTRATION}
    old, new = (set(categories) for categories in presets.values())
    for year, expected in ((2018, old), (2025, new)):
        found = {c for (c,) in _rows(conn, "SELECT DISTINCT i.category FROM commitment_items i"
                                           " JOIN commitments c ON c.id = i.commitment_id WHERE c.year = ?", (year,))}
        assert found == expected


def test_points_appear_from_the_2025_round_on(unit_db):
    """Assessments carry points only under QĐ 366 (the 2025 round), and every rated one then has them."""
    _summary, conn = unit_db
    assert _rows(conn, "SELECT count(*) FROM assessments WHERE points IS NOT NULL AND year < 2025") == [(0,)]
    missing = _rows(conn, "SELECT count(*) FROM assessments WHERE year = 2025 AND decided_level <> '' AND points IS NULL")
    assert missing == [(0,)]
    assert _rows(conn, "SELECT count(*) FROM assessments WHERE year = 2026") == [(0,)]


# ---------------------------------------------------------------------------
# Files: refusal, overwrite, cancellation, progress


def _empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "ra"
    folder.mkdir()
    return folder


def test_an_existing_file_is_refused_unless_overwrite(tmp_path):
    """A non-empty file is kept untouched; overwrite=True replaces it."""
    target = tmp_path / "cua-toi.sqlite"
    target.write_bytes(b"du lieu cua toi")
    with pytest.raises(ValidationError) as raised:
        generate_demo(target, "unit")
    assert raised.value.field == "path" and "đã có dữ liệu" in raised.value.message
    assert target.read_bytes() == b"du lieu cua toi"
    summary = generate_demo(target, "unit", overwrite=True)
    assert summary.people == 60 and target.read_bytes().startswith(b"SQLite format 3\x00")


def test_an_unknown_scale_is_refused(tmp_path):
    """Only 'unit' and 'bloc' exist; the message says which."""
    folder = _empty_folder(tmp_path)
    with pytest.raises(ValidationError, match="unit"):
        generate_demo(folder / "x.sqlite", "tinh")
    assert list(folder.iterdir()) == []


def test_cancel_leaves_no_file(tmp_path):
    """Cancelling midway raises DemoCancelled and leaves neither the target nor the temporary file."""
    folder = _empty_folder(tmp_path)
    ticks: list[tuple[int, int]] = []
    with pytest.raises(DemoCancelled, match="Đã hủy tạo dữ liệu mẫu."):
        generate_demo(folder / "demo.sqlite", "unit", progress=lambda done, total: ticks.append((done, total)),
                      cancelled=lambda: len(ticks) >= 3)
    assert len(ticks) == 3
    assert list(folder.iterdir()) == []


def test_progress_counts_up_to_its_total(tmp_path):
    """progress(done, total) is called often, in order, and ends at total."""
    ticks: list[tuple[int, int]] = []
    generate_demo(tmp_path / "demo.sqlite", "unit", progress=lambda done, total: ticks.append((done, total)))
    assert len(ticks) >= 8
    assert [done for done, _total in ticks] == list(range(1, len(ticks) + 1))
    assert ticks[-1][0] == ticks[-1][1]


def test_staff_outside_the_party_study_in_the_unit_demo(unit_db):
    """Study conferences have công chức, viên chức or người lao động on their rolls; chi bộ meetings none;
    participation of 2025 is given for everyone and by category, not 100% of Party members only."""
    summary, conn = unit_db
    outside = _rows(conn, "SELECT m.kind, count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id"
                          " WHERE a.membership_kind NOT LIKE 'party%' GROUP BY m.kind")
    kinds = dict(outside)
    assert kinds and set(kinds) <= {"study", "thematic", "seminar", "discussion"}
    assert "regular" not in kinds
    db = open_database(summary.path)
    try:
        root = db.execute("SELECT id FROM organizations WHERE parent_id IS NULL").fetchone()[0]
        figures = StudyService(ServiceContext(db)).participation(root, 2025)
    finally:
        db.close()
    words = [word for word, _tally in study_categories(figures)]
    assert "đảng viên" in words and len(words) >= 2
    assert figures.overall.persons_expected > sum(
        t.persons_expected for w, t in study_categories(figures) if w == "đảng viên")
    assert figures.overall.persons_took_part < figures.overall.persons_expected  # someone away all year
