"""People in Vietnamese order (issue 17): the given name compared fully — letters, then tone,
then case, as ICU's "vi" collation compares one word — then the middle names, then the family
name; checked against ICU on 10,000 names, in SQL, and in databases made before the change."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from khoi_desktop.domain.models import PeopleFilter
from khoi_desktop.domain.vntext import clean, sort_key, split_name
from khoi_desktop.services.app import Services
from khoi_desktop.storage import people_repo
from khoi_desktop.storage.migrations import MIGRATION_SET
from khoi_desktop.storage.people_repo import list_people
from tests.conftest import add_branch_with_people
from tests.core.names_support import generate_names, icu_collator


@pytest.fixture(scope="module")
def collator():
    return icu_collator()


def _icu_name_key(collator, full_name: str) -> tuple[bytes, bytes, bytes]:
    """ICU's key of each part on its own: given name, middle names, family name, compared in turn."""
    family, middle, given = split_name(full_name)
    return collator.getSortKey(given), collator.getSortKey(middle), collator.getSortKey(family)


def _sign(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


def test_sort_key_orders_10000_names_as_icu_compares_their_parts(collator) -> None:
    """10,000 generated names (every tone on the given name, capitals, one-word names) sort by
    sort_key exactly as by ICU's keys of (given, middle, family), ties included."""
    names = [clean(name) for name in generate_names(10_000, seed=17)]
    by_icu = sorted(names, key=lambda name: _icu_name_key(collator, name))
    assert sorted(names, key=sort_key) == by_icu
    for a, b in itertools.pairwise(by_icu):  # equal exactly where ICU says equal
        assert _sign(sort_key(a), sort_key(b)) == _sign(_icu_name_key(collator, a), _icu_name_key(collator, b)), (a, b)


def test_a_given_name_and_its_tone_never_alternate(collator) -> None:
    """Down the sorted list, each given name (with its tone) forms one run: Hoa, then Hòa, never back."""
    names = generate_names(10_000, seed=23) + ["Nguyễn Thanh Hoa", "Phạm Công Hòa", "Lê Hoa", "Trần Văn Hòa"]
    givens = [split_name(name)[2].lower() for name in sorted(names, key=sort_key)]
    runs = [given for given, _ in itertools.groupby(givens)]
    assert len(runs) == len(set(runs))
    assert runs.index("hoa") < runs.index("hòa")
    assert collator.compare("Hoa", "Hòa") < 0


def test_people_list_puts_every_hoa_before_every_hoa_with_a_tone(db_path: Path) -> None:
    """The people list (ORDER BY the stored key) groups Hoa before Hòa across middle and family names."""
    services = Services.open(db_path)
    try:
        add_branch_with_people(services, ["Phạm Công Hòa", "Nguyễn Thanh Hoa", "Trần Hòa", "Bùi Văn Hoa"])
        shown = [row.full_name for row in list_people(services.db, PeopleFilter(), date(2026, 1, 1))]
    finally:
        services.close()
    assert shown == ["Nguyễn Thanh Hoa", "Bùi Văn Hoa", "Trần Hòa", "Phạm Công Hòa"]


def test_m0007_rekeys_people_stored_with_the_old_key(db_path: Path) -> None:
    """A database whose people were keyed before m0007 gets the given-name-first keys on opening."""
    services = Services.open(db_path)
    add_branch_with_people(services, ["Phạm Công Hòa", "Nguyễn Thanh Hoa"])
    services.close()
    connection = sqlite3.connect(db_path)
    with connection:  # as an older version left it: a stale key, m0007 not yet applied
        connection.execute("UPDATE people SET sort_key = 'stale ' || full_name")
        connection.execute("DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name LIKE 'm0007%'",
                           [MIGRATION_SET])
    connection.close()
    services = Services.open(db_path)
    try:
        stored = dict(services.db.execute("SELECT full_name, sort_key FROM people").fetchall())
    finally:
        services.close()
    assert stored == {name: sort_key(name) for name in stored}
    assert stored["Nguyễn Thanh Hoa"] < stored["Phạm Công Hòa"]


def test_everyone_followed_is_read_from_the_m0009_covering_indexes(db_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of everyone followed reads the people in sort-key order and everyone's membership
    kinds from covering indexes (no table lookups, no sort), also in a database from before m0009.
    (``_FEW`` at 0: the bloc-sized path, memberships of everyone, on a small database.)"""
    monkeypatch.setattr(people_repo, "_FEW", 0)
    services = Services.open(db_path)
    add_branch_with_people(services, ["Phạm Công Hòa", "Nguyễn Thanh Hoa"])
    services.close()
    connection = sqlite3.connect(db_path)
    with connection:  # as an older version left it: no m0009 indexes
        connection.execute("DROP INDEX people_list")
        connection.execute("DROP INDEX memberships_kinds")
        connection.execute("DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name LIKE 'm0009%'",
                           [MIGRATION_SET])
    connection.close()
    services = Services.open(db_path)
    statements: list[str] = []
    try:
        services.db.conn.set_trace_callback(statements.append)
        shown = [row.full_name for row in list_people(services.db, PeopleFilter(), date(2026, 1, 1))]
        services.db.conn.set_trace_callback(None)
        plans = {sql: " ".join(str(step[3]) for step in services.db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
                 for sql in statements if "FROM people" in sql or "FROM memberships" in sql}
    finally:
        services.close()
    assert shown == ["Nguyễn Thanh Hoa", "Phạm Công Hòa"]
    assert len(plans) == 2, plans
    assert all("COVERING INDEX" in plan and "TEMP B-TREE" not in plan for plan in plans.values()), plans
