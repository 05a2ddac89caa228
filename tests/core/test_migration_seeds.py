"""Shipped migrations never change what they write: their seed data is pinned here.

m0002 writes the default rule presets and m0003 the meeting templates from Python constants
(``domain.presets.DEFAULT_PRESETS``, the templates' defaults). Editing those constants would
silently give new databases different data from old ones, so a change must come as a new
migration; these digests fail the build until it does.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from khoi_desktop.domain.presets import ASSESSMENT, SELF_REVIEW_FORMS
from khoi_desktop.storage.database import open_database
from khoi_desktop.storage.migrations import MIGRATION_SET

PINNED = {
    "rule_presets": "ab607dcdd2eae26a059269558a0c8dd6091faa609e1000bffa1e0af37b8dfdae",  # after m0008 (self-review forms)
    "meeting_templates": "9ae5dacd1a105c8c0db55a18db0f55ca48e4cd16ecbe463ea36151ca2aa9e81f",
}
QUERIES = {
    "rule_presets": "SELECT kind, name, valid_from, data_json, source FROM rule_presets ORDER BY id",
    "meeting_templates": "SELECT meeting_kind, name, agenda_json FROM meeting_templates ORDER BY id",
}


def test_seeded_rows_of_shipped_migrations_are_unchanged(db_path: Path) -> None:
    """A fresh database holds exactly the presets and templates the shipped migrations wrote."""
    db = open_database(db_path)
    try:
        digests = {
            table: hashlib.sha256(json.dumps([list(row) for row in db.execute(sql)],
                                             ensure_ascii=False).encode()).hexdigest()
            for table, sql in QUERIES.items()
        }
    finally:
        db.close()
    assert digests == PINNED, "a shipped migration's seed changed: add a new migration instead"


def test_m0008_gives_old_assessment_presets_their_self_review_form(db_path: Path) -> None:
    """A database from before m0008 gets each default assessment preset's form; a clerk's own preset
    is left as it was."""
    open_database(db_path).close()
    connection = sqlite3.connect(db_path)
    with connection:  # as an older version left it: no forms, m0008 not yet applied
        for preset_id, data_json in connection.execute("SELECT id, data_json FROM rule_presets WHERE kind = ?",
                                                       [ASSESSMENT]).fetchall():
            data = {k: v for k, v in json.loads(data_json).items() if k != "self_review_form"}
            connection.execute("UPDATE rule_presets SET data_json = ? WHERE id = ?", [json.dumps(data), preset_id])
        connection.execute("INSERT INTO rule_presets (kind, name, valid_from, data_json, source)"
                           " VALUES (?, 'Của văn phòng', '2027-01-01', '{}', '')", [ASSESSMENT])
        connection.execute("DELETE FROM _sqlite_migrations WHERE migration_set = ? AND name LIKE 'm0008%'",
                           [MIGRATION_SET])
    connection.close()
    db = open_database(db_path)
    try:
        forms = {name: json.loads(data).get("self_review_form") for name, data in
                 db.execute("SELECT name, data_json FROM rule_presets WHERE kind = ?", [ASSESSMENT])}
    finally:
        db.close()
    assert forms == {**SELF_REVIEW_FORMS, "Của văn phòng": None}
