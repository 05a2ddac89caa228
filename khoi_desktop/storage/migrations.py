"""Append-only schema migrations: one named function per change, never edited once shipped."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import default_template
from khoi_desktop.domain.presets import (
    ASSESSMENT,
    DEFAULT_PRESETS,
    LAYOUT,
    LAYOUT_HD05,
    LAYOUT_LEVELS_HD36,
    SELF_REVIEW_FORMS,
)
from khoi_desktop.domain.vntext import sort_key
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.schema_migrations import Migrations
from khoi_desktop.storage.schema_v1 import SCHEMA_V1, statements

MIGRATION_SET = "khoi"
SCHEMA = Migrations(MIGRATION_SET)
KNOWN: list[str] = []


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register ``fn`` under its own name and remember the name as known to this version."""
    KNOWN.append(fn.__name__)
    return SCHEMA(name=fn.__name__)(fn)


@migration
def m0001_initial(db: Database) -> None:
    for statement in statements(SCHEMA_V1):
        db.execute(statement)


@migration
def m0002_default_presets(db: Database) -> None:
    for preset in DEFAULT_PRESETS:
        db.execute(
            "INSERT OR IGNORE INTO rule_presets (kind, name, valid_from, data_json, source)"
            " VALUES (?, ?, ?, ?, ?)",
            [preset.kind, preset.name, preset.valid_from.isoformat(),
             json.dumps(preset.data, ensure_ascii=False, sort_keys=True), preset.source],
        )


@migration
def m0003_meeting_agenda_content(db: Database) -> None:
    """Agenda items get what was presented; each meeting kind gets its default template."""
    db.execute("ALTER TABLE agenda_items ADD COLUMN content TEXT NOT NULL DEFAULT ''")
    for kind in MeetingKind:
        template = default_template(kind)
        db.execute(
            "INSERT INTO meeting_templates (meeting_kind, name, agenda_json) VALUES (?, ?, ?)",
            [kind.value, template.name, json.dumps(list(template.agenda), ensure_ascii=False)],
        )


@migration
def m0004_theme_inspections(db: Database) -> None:
    """An inspection or supervision may be on the year's theme (the report's "21 cuộc … chủ đề năm").

    Dated branch membership needs no new column: the start of a person's status-history
    stretch in their organisation is "sinh hoạt tại tổ chức từ ngày", so existing databases
    keep every date as it was.
    """
    db.execute("ALTER TABLE inspections ADD COLUMN on_theme INTEGER NOT NULL DEFAULT 0")


# SQLite's own version-4 UUID for rows inserted without one (the trigger below): 32 random hex digits
# laid out 8-4-4-4-12 with the version and variant nibbles set.
_SQL_UUID = ("(SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'"
             " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)"
             " FROM (SELECT lower(hex(randomblob(16))) AS h))")


@migration
def m0005_package_identity(db: Database) -> None:
    """Issue 12: every organisation's permanent UUID, its signing key, and the bloc's units' pairings.

    ``package_sources`` pairs a sending unit's UUID with the organisation it is in this database
    and pins the public key of its first accepted package; received packages carry their unit's
    UUID, the UUIDs they cover (to count nested units once) and the organisation they were paired to.
    """
    db.execute("ALTER TABLE organizations ADD COLUMN uuid TEXT")
    for (org_id,) in db.execute("SELECT id FROM organizations WHERE uuid IS NULL").fetchall():
        db.execute("UPDATE organizations SET uuid = ? WHERE id = ?", [str(uuid.uuid4()), org_id])
    db.execute("CREATE UNIQUE INDEX organizations_uuid ON organizations(uuid)")
    db.execute("CREATE TRIGGER organizations_uuid_default AFTER INSERT ON organizations WHEN NEW.uuid IS NULL"
               f" BEGIN UPDATE organizations SET uuid = {_SQL_UUID} WHERE id = NEW.id; END")
    db.execute("CREATE TABLE signing_keys (organization_id INTEGER PRIMARY KEY REFERENCES organizations(id),"
               " private_key BLOB NOT NULL, public_key TEXT NOT NULL, created_at TEXT NOT NULL)")
    db.execute("CREATE TABLE package_sources (source_uuid TEXT PRIMARY KEY,"
               " organization_id INTEGER NOT NULL REFERENCES organizations(id), public_key TEXT NOT NULL,"
               " source_name TEXT NOT NULL, paired_at TEXT NOT NULL)")
    db.execute("CREATE UNIQUE INDEX package_sources_org ON package_sources(organization_id)")
    # Packages were matched by a slug of the name (UNIQUE (source_code, year)): same-name units
    # collided. Rebuilt keyed by the sender's UUID; older rows keep their slug as 'code:…' until resent.
    db.execute("""CREATE TABLE package_imports_v2 (
        id INTEGER PRIMARY KEY, source_uuid TEXT NOT NULL, source_code TEXT NOT NULL, source_name TEXT NOT NULL,
        year INTEGER NOT NULL, created_at TEXT NOT NULL, imported_at TEXT NOT NULL,
        app_version TEXT NOT NULL DEFAULT '', schema_version TEXT NOT NULL DEFAULT '', file_sha256 TEXT NOT NULL,
        data_json TEXT NOT NULL, organization_id INTEGER REFERENCES organizations(id),
        covers_json TEXT NOT NULL DEFAULT '[]', maker TEXT NOT NULL DEFAULT '', UNIQUE (source_uuid, year))""")
    db.execute("INSERT INTO package_imports_v2 (id, source_uuid, source_code, source_name, year, created_at,"
               " imported_at, app_version, schema_version, file_sha256, data_json) SELECT id, 'code:' || source_code,"
               " source_code, source_name, year, created_at, imported_at, app_version, schema_version, file_sha256,"
               " data_json FROM package_imports")
    db.execute("DROP TABLE package_imports")
    db.execute("ALTER TABLE package_imports_v2 RENAME TO package_imports")
    db.execute("CREATE INDEX package_imports_year ON package_imports(year)")


@migration
def m0006_layout_levels(db: Database) -> None:
    """Layout presets say who issues and signs at each level; HD 05-HD/VPTW (2026) succeeds HD 36."""
    rows = db.execute("SELECT id, data_json FROM rule_presets WHERE kind = ?", [LAYOUT]).fetchall()
    for preset_id, data_json in rows:
        data = json.loads(data_json)
        if "levels" not in data:
            data["levels"] = LAYOUT_LEVELS_HD36
            db.execute("UPDATE rule_presets SET data_json = ? WHERE id = ?",
                       [json.dumps(data, ensure_ascii=False, sort_keys=True), preset_id])
    db.execute(
        "INSERT OR IGNORE INTO rule_presets (kind, name, valid_from, data_json, source) VALUES (?, ?, ?, ?, ?)",
        [LAYOUT_HD05.kind, LAYOUT_HD05.name, LAYOUT_HD05.valid_from.isoformat(),
         json.dumps(LAYOUT_HD05.data, ensure_ascii=False, sort_keys=True), LAYOUT_HD05.source],
    )


@migration
def m0007_people_sort_key_given_name_first(db: Database) -> None:
    """People's stored sort keys follow the order given name, then middle names, then family
    name, each compared fully (issue 17): Hoa and Hòa no longer alternate down the list."""
    rows = db.execute("SELECT id, full_name FROM people").fetchall()
    db.conn.executemany("UPDATE people SET sort_key = ? WHERE id = ?",
                        [(sort_key(full_name), person_id) for person_id, full_name in rows])


@migration
def m0008_self_review_forms(db: Database) -> None:
    """Assessment presets say their self-review form (birth date, post, the chi ủy's appraisal);
    a preset that already has one, or that the defaults do not know, is left as it is."""
    rows = db.execute("SELECT id, name, data_json FROM rule_presets WHERE kind = ?", [ASSESSMENT]).fetchall()
    for preset_id, name, data_json in rows:
        data = json.loads(data_json)
        if "self_review_form" not in data and name in SELF_REVIEW_FORMS:
            data["self_review_form"] = SELF_REVIEW_FORMS[name]
            db.execute("UPDATE rule_presets SET data_json = ? WHERE id = ?",
                       [json.dumps(data, ensure_ascii=False, sort_keys=True), preset_id])


@migration
def m0009_people_list_covering_indexes(db: Database) -> None:
    """Covering indexes for the people list in Vietnamese order (issue 15): the followed people
    read in sort-key order straight from one index (no table lookups, no sort), and everyone's
    membership kinds from another, in person order (no scan of the table, no grouping sort)."""
    db.execute("CREATE INDEX IF NOT EXISTS people_list ON people(retired_on, sort_key, id, full_name, birth_date,"
               " birth_year, gender, job_title, organization_id, party_card_number, status, name_search, note)")
    db.execute("CREATE INDEX IF NOT EXISTS memberships_kinds ON memberships(person_id, kind, start_date, end_date)")


@migration
def m0010_organization_founded_on(db: Database) -> None:
    """An organisation's founding date (ngày thành lập, ISO, may be unknown): a year ending before it
    has no records of the organisation, as a year after its retirement has none."""
    db.execute("ALTER TABLE organizations ADD COLUMN founded_on TEXT")


def schema_version() -> str:
    """The name of the newest migration this version of the app knows."""
    return KNOWN[-1]
