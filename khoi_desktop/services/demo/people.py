"""The demo's people: names, birth and hiring dates, party admission, cards, status changes."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from khoi_desktop.domain.enums import MembershipKind, PersonStatus
from khoi_desktop.services.demo.model import (
    DEMO_START,
    DEMO_TODAY,
    Org,
    Person,
    World,
    add_months,
    add_years,
    random_day,
)
from khoi_desktop.services.demo.names import random_gender, random_name
from khoi_desktop.services.demo.units import WORKER_SHARE

BIRTH_FIRST, BIRTH_LAST = date(1965, 1, 1), date(2000, 12, 31)
# Yearly chance that an eligible colleague is admitted to the Party (a constant hazard),
# so long-serving staff are mostly members and the newest hires mostly not yet.
ADMISSION_RATE = {MembershipKind.WORKER: 0.03}
DEFAULT_ADMISSION_RATE = 0.08
PROBATION_MONTHS = 12
# Shares of all people with a status change over the ten years (about 3% in all).
CHANGE_SHARES = (
    (PersonStatus.TRANSFERRED_OUT, 0.012, 1),
    (PersonStatus.TRANSFERRED_IN, 0.010, 1),
    (PersonStatus.EXEMPT, 0.005, 1),
    (PersonStatus.DECEASED, 0.002, 0),
)
OTHER_PARTIES = (
    "Đảng bộ xã Ninh Hải, huyện Hoa Lư", "Đảng bộ Ủy ban nhân dân thành phố Tam Điệp",
    "Đảng bộ Sở Tài chính tỉnh Nam Định", "Đảng bộ huyện Kim Sơn", "Đảng bộ Khối cơ quan tỉnh Hà Nam",
    "Chi bộ Phòng Nội vụ huyện Yên Mô", "Đảng bộ Bộ Nông nghiệp và Phát triển nông thôn",
    "Đảng bộ Khối các cơ quan tỉnh Thanh Hóa",
)


def build_people(world: World, org: Org) -> None:
    """Create ``org.size`` people of one branch, in id order."""
    rng = world.rng("people", org.id)
    used: set[tuple[str, date]] = set()
    for _ in range(org.size):
        person = _new_person(world, rng, org, used)
        world.people.append(person)
        world.by_org[org.id].append(person)


def _new_person(world: World, rng: random.Random, org: Org, used: set[tuple[str, date]]) -> Person:
    gender = random_gender(rng)
    birth = random_day(rng, BIRTH_FIRST, BIRTH_LAST)
    name = random_name(rng, gender)
    while (name, birth) in used:  # the duplicate check would flag these; real registers have none
        name = random_name(rng, gender)
    used.add((name, birth))
    assert org.agency is not None
    if rng.random() < WORKER_SHARE:
        employment = MembershipKind.WORKER
    else:
        employment = MembershipKind.PUBLIC_EMPLOYEE if org.agency.employees else MembershipKind.CIVIL_SERVANT
    hired = _hire_date(rng, birth)
    person = Person(world.next_id("people"), org.id, name, gender, birth, employment, hired, hired)
    _maybe_admit(rng, person)
    return person


def _hire_date(rng: random.Random, birth: date) -> date:
    hired = add_years(birth, 22) + timedelta(days=rng.randint(0, 6 * 365))
    latest = DEMO_TODAY - timedelta(days=60)
    if hired > latest:
        hired = random_day(rng, max(add_years(birth, 21), latest - timedelta(days=3 * 365)), latest)
    return max(hired, date(1986, 8, 1))


def _maybe_admit(rng: random.Random, person: Person) -> None:
    """Admission with a constant yearly hazard over the years the person was eligible."""
    first = max(add_years(person.hired_on, 1), add_years(person.birth, 23))
    last = min(add_years(person.birth, 45), DEMO_TODAY)
    years = (last - first).days / 365.25
    if years <= 0:
        return
    rate = ADMISSION_RATE.get(person.employment, DEFAULT_ADMISSION_RATE)
    reached = 1 - math.exp(-rate * years)
    if rng.random() >= reached:
        return
    # Inverse of the truncated exponential: when, within the window, the admission fell.
    elapsed = -math.log(1 - rng.random() * reached) / rate
    admit(rng, person, first + timedelta(days=int(elapsed * 365.25)))


def admit(rng: random.Random, person: Person, admission: date) -> None:
    """Admission decision, then official after 12 months (a few weeks more for the paperwork)."""
    person.admission = min(admission, DEMO_TODAY)
    due = add_months(person.admission, PROBATION_MONTHS)
    if due > DEMO_TODAY:
        person.official = None  # still on probation at the demo's today
        return
    person.official = min(due + timedelta(days=rng.randint(3, 42)), DEMO_TODAY)


def ensure_probationary(world: World) -> None:
    """At least one probationary member per hundred people (never none, even at unit scale)."""
    rng = world.rng("probationary")
    wanted = max(1, len(world.people) // 100)
    have = sum(1 for p in world.people if p.admission and p.official is None)
    cutoff = DEMO_TODAY - timedelta(days=400)
    candidates = [p for p in world.people
                  if p.admission is None and p.employment is not MembershipKind.WORKER and p.hired_on < cutoff]
    rng.shuffle(candidates)
    for person in candidates[: max(0, wanted - have)]:
        admit(rng, person, DEMO_TODAY - timedelta(days=rng.randint(30, 330)))


def assign_cards(world: World) -> None:
    """Unique 12-digit card numbers as text, officials only; one in ten starts with zeros."""
    rng = world.rng("cards")
    seen: set[str] = {""}
    officials = [p for p in world.people if p.official is not None]
    for index, person in enumerate(officials):
        # Every tenth number is small, so leading zeros appear even in a unit of sixty.
        limit = 10**10 if index % 10 == 3 else 10**12
        card = ""
        while card in seen:
            card = f"{rng.randrange(limit):012d}"
        seen.add(card)
        person.card = card


def assign_status_changes(world: World) -> None:
    """Transfers, exemptions and deaths for about 3% of people, never of office-holders."""
    rng = world.rng("status")
    pool = [p for p in world.people if p.is_party and p.rank == 9]
    rng.shuffle(pool)
    total = len(world.people)
    for status, share, minimum in CHANGE_SHARES:
        wanted = max(minimum, round(share * total))
        for person in [p for p in pool if not p.changes]:
            if wanted == 0:
                break
            if _apply_change(rng, person, status):
                wanted -= 1


def _apply_change(rng: random.Random, person: Person, status: PersonStatus) -> bool:
    assert person.admission is not None
    since = max(person.admission, person.joined_on, DEMO_START)
    end = DEMO_TODAY - timedelta(days=15)
    if status is PersonStatus.TRANSFERRED_IN:
        day = random_day(rng, add_months(max(person.admission, DEMO_START), 2), end)
        if day >= end:
            return False
        person.joined_on = person.hired_on = day
        other = rng.choice(OTHER_PARTIES)
        person.changes.append((status, day, other, _decision(rng, day, "GT"), f"Chuyển đến từ {other}"))
        return True
    if status is PersonStatus.EXEMPT and person.birth.year > 1972:
        return False
    first = add_months(since, 6)
    if first >= end:
        return False
    day = random_day(rng, first, end)
    if status is PersonStatus.TRANSFERRED_OUT:
        person.left_on = day
        other = rng.choice(OTHER_PARTIES)
        person.changes.append((status, day, other, _decision(rng, day, "GT"), f"Chuyển sinh hoạt đảng đến {other}"))
    elif status is PersonStatus.EXEMPT:
        person.exempt_from = day
        decision = f"Nghị quyết chi bộ ngày {day:%d/%m/%Y}"  # the branch itself decides an exemption
        person.changes.append((status, day, "", decision, "Miễn sinh hoạt do sức khỏe yếu"))
    else:
        person.left_on = day
        person.changes.append((status, day, "", "", f"Từ trần ngày {day:%d/%m/%Y}"))
    return True


def _decision(rng: random.Random, day: date, code: str) -> str:
    return f"Số {rng.randint(3, 250):02d}-{code}/ĐUK ngày {day:%d/%m/%Y}"
