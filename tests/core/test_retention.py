"""The retention rule: last N plus the newest per day, ISO week and month, as a pure function."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from datetime import datetime, timedelta

import pytest

from khoi_desktop.domain.retention import (
    DEFAULT_RULE,
    RetentionRule,
    day_key,
    describe,
    expired_stamps,
    kept_stamps,
    month_key,
    week_key,
)

SMALL = RetentionRule(last=2, daily=3, weekly=2, monthly=2)


def _random_stamps(rng: random.Random, count: int) -> list[datetime]:
    start = datetime(2025, 1, 1)
    return [start + timedelta(minutes=rng.randrange(0, 60 * 24 * 500)) for _ in range(count)]


def test_nothing_to_keep_from_nothing() -> None:
    """No backups: nothing kept, nothing expired."""
    assert kept_stamps([]) == set()
    assert expired_stamps([]) == []


def test_few_backups_are_all_kept() -> None:
    """Fewer backups than the 'last' count are all kept."""
    stamps = [datetime(2026, 11, 26, 8) + timedelta(minutes=30 * i) for i in range(10)]
    assert kept_stamps(stamps) == set(stamps)


def test_hand_worked_example() -> None:
    """Each rule picks exactly the backups worked out by hand; the rest expire oldest first."""
    a, b = datetime(2026, 11, 26, 15), datetime(2026, 11, 26, 10)
    c, d = datetime(2026, 11, 25, 9), datetime(2026, 11, 23, 9)
    e, f = datetime(2026, 11, 20, 18), datetime(2026, 11, 19, 8)
    g, h, i = datetime(2026, 10, 31, 12), datetime(2026, 10, 2, 12), datetime(2026, 9, 15)
    stamps = [f, a, i, c, g, b, e, h, d]
    assert kept_stamps(stamps, SMALL) == {a, b, c, d, e, g}
    assert expired_stamps(stamps, SMALL) == [i, h, f]


def test_one_busy_day_keeps_only_the_last_ten() -> None:
    """Thirty half-hourly backups on one day: the newest ten are kept, twenty expire."""
    stamps = [datetime(2026, 11, 26, 7) + timedelta(minutes=30 * i) for i in range(30)]
    kept = kept_stamps(stamps)
    assert kept == set(sorted(stamps)[-10:])
    assert len(expired_stamps(stamps)) == 20


def test_a_year_of_daily_backups() -> None:
    """Daily backups for 400 days: 10 recent days, 4 weeks and 12 months survive."""
    stamps = [datetime(2025, 11, 1, 9) + timedelta(days=n) for n in range(400)]
    kept = kept_stamps(stamps)
    newest = max(stamps)
    assert set(sorted(stamps)[-10:]) <= kept
    assert {month_key(s) for s in kept} == {month_key(s) for s in _newest_periods(stamps, month_key, 12)}
    assert len({week_key(s) for s in kept}) >= 4
    assert min(kept) >= newest - timedelta(days=366)
    assert len(kept) <= 10 + 7 + 4 + 12


def _newest_periods(stamps: list[datetime], key: Callable[[datetime], Hashable], count: int) -> list[datetime]:
    newest: dict[Hashable, datetime] = {}
    for stamp in stamps:
        newest[key(stamp)] = max(stamp, newest.get(key(stamp), stamp))
    return sorted(newest.values(), reverse=True)[:count]


def test_days_without_backups_do_not_use_up_slots() -> None:
    """A branch that works twice a week still keeps seven working days of daily backups."""
    days = [datetime(2026, 9, 1, 9) + timedelta(days=n) for n in range(90) if n % 7 in (0, 3)]
    rule = RetentionRule(last=0, daily=7, weekly=0, monthly=0)
    assert kept_stamps(days, rule) == set(sorted(days)[-7:])


def test_iso_week_spans_the_new_year() -> None:
    """31/12/2026 and 01/01/2027 are one ISO week, so the weekly rule keeps only the newer."""
    old, new = datetime(2026, 12, 31, 9), datetime(2027, 1, 1, 9)
    rule = RetentionRule(last=0, daily=0, weekly=4, monthly=0)
    assert week_key(old) == week_key(new)
    assert kept_stamps([old, new], rule) == {new}


def test_newest_of_each_day_is_the_one_kept() -> None:
    """Within a day the daily rule keeps the latest backup, not the first."""
    morning, evening = datetime(2026, 11, 24, 8), datetime(2026, 11, 24, 17)
    rule = RetentionRule(last=0, daily=1, weekly=0, monthly=0)
    assert kept_stamps([morning, evening], rule) == {evening}
    assert day_key(morning) == day_key(evening)


def test_zero_rule_lets_everything_go() -> None:
    """A rule of all zeros keeps nothing."""
    stamps = [datetime(2026, 1, 1) + timedelta(days=n) for n in range(5)]
    assert expired_stamps(stamps, RetentionRule(0, 0, 0, 0)) == sorted(stamps)


def test_negative_counts_are_refused() -> None:
    """A negative count is a programming error."""
    with pytest.raises(ValueError):
        RetentionRule(last=-1)


def test_duplicates_count_once() -> None:
    """The same timestamp twice is one backup."""
    stamp = datetime(2026, 11, 26, 9)
    assert kept_stamps([stamp, stamp]) == {stamp}
    assert expired_stamps([stamp, stamp]) == []


@pytest.mark.parametrize("seed", range(20))
def test_properties_hold_for_random_histories(seed: int) -> None:
    """Random histories: kept and expired partition the input, the newest ten and the newest
    of each recent month are kept, the size is bounded, and pruning again removes nothing."""
    rng = random.Random(seed)
    stamps = _random_stamps(rng, rng.randrange(0, 300))
    kept = kept_stamps(stamps)
    expired = expired_stamps(stamps)
    assert kept.isdisjoint(expired) and kept | set(expired) == set(stamps)
    assert set(sorted(set(stamps))[-10:]) <= kept
    assert set(_newest_periods(stamps, month_key, 12)) <= kept
    assert set(_newest_periods(stamps, week_key, 4)) <= kept
    assert set(_newest_periods(stamps, day_key, 7)) <= kept
    assert len(kept) <= 10 + 7 + 4 + 12
    assert kept_stamps(kept) == kept


def test_adding_a_newer_backup_never_revives_an_expired_one() -> None:
    """Pruning day after day only ever deletes: an expired backup stays expired."""
    rng = random.Random(7)
    alive: set[datetime] = set()
    now = datetime(2026, 1, 1, 8)
    for _ in range(600):
        now += timedelta(hours=rng.choice([1, 5, 24, 48]))
        before = set(alive)
        alive = kept_stamps(alive | {now})
        assert alive <= before | {now}
        assert now in alive


def test_the_rule_reads_in_vietnamese() -> None:
    """The default rule is described with its four numbers."""
    text = describe(DEFAULT_RULE)
    assert "10 bản mới nhất" in text and "7 ngày" in text and "4 tuần" in text and "12 tháng" in text
