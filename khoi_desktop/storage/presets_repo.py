"""SQL for the dated rule presets (rule_presets): read them, pick the one in force."""

from __future__ import annotations

import json
from datetime import date

from khoi_desktop.domain.presets import RulePreset, preset_in_force
from khoi_desktop.storage.connection import Database


def load_presets(db: Database, kind: str | None = None) -> list[RulePreset]:
    """Every stored preset (of ``kind`` when given), oldest first."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    rows = db.execute(
        f"SELECT kind, name, valid_from, data_json, source FROM rule_presets {where} ORDER BY kind, valid_from",
        params,
    ).fetchall()
    return [RulePreset(kind=r[0], name=r[1], valid_from=date.fromisoformat(r[2]), data=json.loads(r[3]),
                       source=r[4]) for r in rows]


def preset_on(db: Database, kind: str, day: date) -> RulePreset | None:
    """The preset of ``kind`` in force on ``day`` (the oldest one for days before them all)."""
    return preset_in_force(load_presets(db, kind), kind, day)
