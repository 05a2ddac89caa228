"""Named migrations recorded in ``_sqlite_migrations``, each applied in its own transaction.

The table is the one sqlite-utils' ``Migrations`` keeps (same columns, same unique index), so
files written while the app used sqlite-utils open unchanged, and the reverse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from khoi_desktop.storage.connection import Database

MIGRATIONS_TABLE = "_sqlite_migrations"
MigrationFunction = Callable[[Database], None]


@dataclass(frozen=True)
class Migration:
    name: str
    fn: MigrationFunction


@dataclass(frozen=True)
class AppliedMigration:
    name: str
    applied_at: str


class Migrations:
    """An ordered set of migrations; ``apply`` runs the pending ones in the order registered."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None) -> Callable[[MigrationFunction], MigrationFunction]:
        def register(fn: MigrationFunction) -> MigrationFunction:
            migration_name = name or fn.__name__
            if any(m.name == migration_name for m in self._migrations):
                raise ValueError(f"Migration '{migration_name}' is already registered in set '{self.name}'")
            self._migrations.append(Migration(migration_name, fn))
            return fn

        return register

    def applied(self, db: Database) -> list[AppliedMigration]:
        """The set's applied migrations in the order they ran (reads only)."""
        if not db.table_exists(MIGRATIONS_TABLE):
            return []
        rows = db.execute(f"SELECT name, applied_at FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
                          [self.name]).fetchall()
        return [AppliedMigration(name, applied_at) for name, applied_at in rows]

    def pending(self, db: Database) -> list[Migration]:
        done = {migration.name for migration in self.applied(db)}
        return [migration for migration in self._migrations if migration.name not in done]

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending migrations, each with its record in one transaction; stop before ``stop_before``."""
        stops = {stop_before} if isinstance(stop_before, str) else set(stop_before or ())
        already = stops & {migration.name for migration in self.applied(db)}
        if already:
            raise ValueError(f"Cannot stop before {', '.join(sorted(already))}: already applied")
        self._ensure_table(db)
        for migration in self.pending(db):
            if migration.name in stops:
                return
            with db.atomic():
                migration.fn(db)
                db.execute(f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                           [self.name, migration.name, str(datetime.now(UTC))])

    def _ensure_table(self, db: Database) -> None:
        with db.atomic():
            db.execute(f'CREATE TABLE IF NOT EXISTS "{MIGRATIONS_TABLE}" (\n   "id" INTEGER PRIMARY KEY,\n'
                       '   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)')
            db.execute(f'CREATE UNIQUE INDEX IF NOT EXISTS "idx_{MIGRATIONS_TABLE}_migration_set_name"\n'
                       f'    ON "{MIGRATIONS_TABLE}" ("migration_set", "name")')
