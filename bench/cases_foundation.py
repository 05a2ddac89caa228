"""Benchmarks of issue 2: demo generation, opening a database, searching and listing people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bench.registry import BenchContext, case
from khoi_desktop.domain.models import PeopleFilter
from khoi_desktop.domain.vntext import sort_key
from khoi_desktop.services.demo.generator import generate_demo
from khoi_desktop.storage.database import open_database
from khoi_desktop.storage.people_repo import list_people


@case("demo generation", targets={"unit": 2.0, "bloc": 60.0}, max_repeat=3, needs_database=False)
def demo_generation(ctx: BenchContext) -> Callable[[], object]:
    """Generate the demo database into a scratch file (replaced on each run)."""
    target = ctx.out_dir / f"timing-{ctx.scale}.sqlite"
    ctx.on_exit(lambda: target.unlink(missing_ok=True))
    return lambda: generate_demo(target, ctx.scale, ctx.seed, overwrite=True)


@case("open + quick_check", targets={"unit": 1.0, "bloc": 1.0})
def open_and_check(ctx: BenchContext) -> Callable[[], object]:
    """What starting the app costs: open_database (its own checks) plus a full PRAGMA quick_check."""

    def run() -> object:
        db = open_database(ctx.db_path)
        try:
            return db.execute("PRAGMA quick_check").fetchall()
        finally:
            db.close()

    return run


@case("name search “nguyen van”", targets={"unit": 0.020, "bloc": 0.020})
def name_search(ctx: BenchContext) -> Callable[[], object]:
    """A diacritic-free search over all people, as the people page runs it while typing."""
    db = open_database(ctx.db_path)
    ctx.on_exit(db.close)
    return lambda: list_people(db, PeopleFilter(text="nguyen van"), date.today())


@case("all people in Vietnamese order", targets={"unit": 0.050, "bloc": 0.050})
def list_everyone(ctx: BenchContext) -> Callable[[], object]:
    """The people page with no filter: everyone, given name first, in Vietnamese order."""
    db = open_database(ctx.db_path)
    ctx.on_exit(db.close)
    return lambda: list_people(db, PeopleFilter(), date.today())


@case("sort key of 10,000 names", targets={"unit": 0.200, "bloc": 0.200}, needs_database=False)
def sort_keys(ctx: BenchContext) -> Callable[[], object]:
    """Keying 10,000 generated names, as a bloc's import or first list does (under 20 µs a name)."""
    from tests.core.names_support import generate_names  # noqa: PLC0415 - the tests' name generator

    names = generate_names(10_000, seed=7)
    return lambda: [sort_key(name) for name in names]
