"""Which backups to keep: the last N, plus the newest of each recent day, week and month.

A pure function over timestamps (no files, no clock), in the spirit of ``borg prune``:

* ``last``    — the ``last`` newest backups, whatever their dates;
* ``daily``   — for each of the ``daily`` most recent calendar days that have a backup,
  the newest backup of that day;
* ``weekly``  — the same per ISO week (Monday to Sunday);
* ``monthly`` — the same per calendar month.

The rules are independent and their union is kept, so one backup may satisfy several.
Days without any backup (the office was closed) do not use up a slot: a branch that
works twice a week still keeps seven working days of daily backups.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RetentionRule:
    last: int = 10
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def __post_init__(self) -> None:
        if min(self.last, self.daily, self.weekly, self.monthly) < 0:
            raise ValueError("retention counts cannot be negative")


DEFAULT_RULE = RetentionRule()


def day_key(stamp: datetime) -> Hashable:
    return stamp.date()


def week_key(stamp: datetime) -> Hashable:
    year, week, _ = stamp.isocalendar()
    return (year, week)


def month_key(stamp: datetime) -> Hashable:
    return (stamp.year, stamp.month)


def newest_per_period(ordered: Sequence[datetime], period: Callable[[datetime], Hashable],
                      count: int) -> set[datetime]:
    """The newest stamp of each of the ``count`` most recent periods (``ordered`` newest first)."""
    kept: set[datetime] = set()
    seen: set[Hashable] = set()
    for stamp in ordered:
        if len(seen) >= count:
            break
        key = period(stamp)
        if key not in seen:
            seen.add(key)
            kept.add(stamp)
    return kept


def kept_stamps(stamps: Iterable[datetime], rule: RetentionRule = DEFAULT_RULE) -> set[datetime]:
    """The timestamps the rule keeps (duplicates count once)."""
    ordered = sorted(set(stamps), reverse=True)
    kept = set(ordered[:rule.last])
    kept |= newest_per_period(ordered, day_key, rule.daily)
    kept |= newest_per_period(ordered, week_key, rule.weekly)
    kept |= newest_per_period(ordered, month_key, rule.monthly)
    return kept


def expired_stamps(stamps: Iterable[datetime], rule: RetentionRule = DEFAULT_RULE) -> list[datetime]:
    """The timestamps the rule lets go, oldest first."""
    unique = set(stamps)
    kept = kept_stamps(unique, rule)
    return sorted(unique - kept)


def describe(rule: RetentionRule = DEFAULT_RULE) -> str:
    """The rule in one Vietnamese sentence, for the page and the guide."""
    return (f"Giữ {rule.last} bản mới nhất, cùng bản mới nhất của mỗi ngày trong {rule.daily} ngày, "
            f"mỗi tuần trong {rule.weekly} tuần và mỗi tháng trong {rule.monthly} tháng gần nhất "
            "có sao lưu.")
