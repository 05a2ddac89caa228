"""Shipped migrations never change what they write: their seed data is pinned here.

m0002 writes the default rule presets and m0003 the meeting templates from Python constants
(``domain.presets.DEFAULT_PRESETS``, the templates' defaults). Editing those constants would
silently give new databases different data from old ones, so a change must come as a new
migration; these digests fail the build until it does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from khoi_desktop.storage.database import open_database

PINNED = {
    "rule_presets": "d595b4c03ca6a5022f0b5683058ac97409db797ed5efee258ca44c5d05a3ce21",  # after m0006 (levels, HD 05)
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
