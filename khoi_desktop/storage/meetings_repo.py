"""SQL for meetings: the head, guests, agenda items with speeches, votes, talks and templates."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from khoi_desktop.domain.enums import MeetingKind
from khoi_desktop.domain.meetings import (
    AgendaItem,
    Guest,
    Meeting,
    MeetingInput,
    MeetingRow,
    MeetingTemplate,
    OutcomeKind,
    Speech,
    Talk,
    Vote,
)
from khoi_desktop.storage.connection import Database
from khoi_desktop.storage.rows import insert, iso, now_text, placeholders, query, to_date, update

_HEAD_FIELDS = ("organization_id", "title", "start_time", "end_time", "place", "chair_person_id",
                "chair_name", "secretary_person_id", "secretary_name", "note")


def first_year(db: Database) -> int | None:
    """The year of the earliest meeting stored (None when there is none)."""
    row = db.execute("SELECT min(date) FROM meetings").fetchone()
    return int(row[0][:4]) if row and row[0] else None


def list_meetings(
    db: Database, organization_ids: tuple[int, ...] | None = None, year: int | None = None
) -> list[MeetingRow]:
    clauses: list[str] = []
    params: list[Any] = []
    if organization_ids is not None:
        clauses.append(f"m.organization_id IN ({placeholders(organization_ids)})")
        params += list(organization_ids)
    if year is not None:
        clauses.append("m.date >= ? AND m.date < ?")
        params += [f"{year}-01-01", f"{year + 1}-01-01"]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = db.execute(
        "SELECT m.id, m.organization_id, o.name, m.kind, m.date, m.title, m.start_time, m.end_time, m.place,"
        " (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status IN ('present', 'late')),"
        " (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id)"
        f" FROM meetings m JOIN organizations o ON o.id = m.organization_id{where}"
        " ORDER BY m.date DESC, m.id DESC",
        params,
    ).fetchall()
    return [
        MeetingRow(id=r[0], organization_id=r[1], organization_name=r[2], kind=MeetingKind(r[3]),
                   date=date.fromisoformat(r[4]), title=r[5], start_time=r[6], end_time=r[7], place=r[8],
                   present=r[9], expected=r[10])
        for r in rows
    ]


# -- the head -----------------------------------------------------------------------------

def _head_values(data: MeetingInput) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in _HEAD_FIELDS}
    values.update(kind=data.kind.value, date=iso(data.date), updated_at=now_text())
    return values


def insert_meeting(db: Database, data: MeetingInput) -> int:
    values = _head_values(data)
    return insert(db, "meetings", {**values, "created_at": values["updated_at"]})


def update_meeting(db: Database, meeting_id: int, data: MeetingInput) -> None:
    update(db, "meetings", meeting_id, _head_values(data))


def set_fields(db: Database, meeting_id: int, **values: Any) -> None:
    """Set rating or outcome columns (names come from the service, never from users)."""
    update(db, "meetings", meeting_id, {**values, "updated_at": now_text()})


def delete_meeting(db: Database, meeting_id: int) -> None:
    db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])


def get_meeting(db: Database, meeting_id: int) -> Meeting | None:
    """The head only (guests, agenda, votes, talks, documents are filled by the service)."""
    rows = query(db, "SELECT m.*, o.name AS organization_name FROM meetings m"
                     " JOIN organizations o ON o.id = m.organization_id WHERE m.id = ?", [meeting_id])
    if not rows:
        return None
    r = rows[0]
    return Meeting(
        id=r["id"], organization_id=r["organization_id"], organization_name=r["organization_name"],
        kind=MeetingKind(r["kind"]), date=date.fromisoformat(r["date"]), title=r["title"],
        start_time=r["start_time"], end_time=r["end_time"], place=r["place"],
        chair_person_id=r["chair_person_id"], chair_name=r["chair_name"],
        secretary_person_id=r["secretary_person_id"], secretary_name=r["secretary_name"], note=r["note"],
        quality_rating=r["quality_rating"], quality_points=r["quality_points"],
        outcome_kind=OutcomeKind(r["outcome_kind"]) if r["outcome_kind"] else None, outcome_text=r["outcome_text"],
    )


# -- guests, agenda, votes ---------------------------------------------------------------------

def replace_guests(db: Database, meeting_id: int, guests: Sequence[Guest]) -> None:
    db.execute("DELETE FROM meeting_guests WHERE meeting_id = ?", [meeting_id])
    for guest in guests:
        insert(db, "meeting_guests", {"meeting_id": meeting_id, "name": guest.name, "position": guest.position,
                                      "organization_name": guest.organisation})


def guests_of(db: Database, meeting_id: int) -> tuple[Guest, ...]:
    rows = db.execute("SELECT id, name, position, organization_name FROM meeting_guests WHERE meeting_id = ?"
                      " ORDER BY id", [meeting_id]).fetchall()
    return tuple(Guest(name=r[1], position=r[2], organisation=r[3], id=r[0]) for r in rows)


def replace_agenda(db: Database, meeting_id: int, items: Sequence[AgendaItem]) -> None:
    """The agenda in the given order, each item with its speeches in order."""
    db.execute("DELETE FROM agenda_items WHERE meeting_id = ?", [meeting_id])
    for position, item in enumerate(items, 1):
        item_id = insert(db, "agenda_items", {"meeting_id": meeting_id, "position": position, "title": item.title,
                                              "content": item.content, "conclusion": item.conclusion})
        db.conn.executemany(
            "INSERT INTO speeches (agenda_item_id, position, speaker_person_id, speaker_name, opinion)"
            " VALUES (?, ?, ?, ?, ?)",
            [(item_id, number, s.speaker_person_id, s.speaker_name, s.opinion)
             for number, s in enumerate(item.speeches, 1)],
        )


def agenda_of(db: Database, meeting_id: int) -> tuple[AgendaItem, ...]:
    speeches: dict[int, list[Speech]] = defaultdict(list)
    for r in db.execute(
        "SELECT s.agenda_item_id, s.id, s.speaker_person_id, s.speaker_name, s.opinion FROM speeches s"
        " JOIN agenda_items a ON a.id = s.agenda_item_id WHERE a.meeting_id = ? ORDER BY s.position, s.id",
        [meeting_id],
    ).fetchall():
        speeches[r[0]].append(Speech(opinion=r[4], speaker_person_id=r[2], speaker_name=r[3], id=r[1]))
    rows = db.execute("SELECT id, title, content, conclusion FROM agenda_items WHERE meeting_id = ?"
                      " ORDER BY position, id", [meeting_id]).fetchall()
    return tuple(AgendaItem(title=r[1], content=r[2], conclusion=r[3], speeches=tuple(speeches[r[0]]), id=r[0])
                 for r in rows)


def replace_votes(db: Database, meeting_id: int, votes: Sequence[Vote]) -> None:
    db.execute("DELETE FROM votes WHERE meeting_id = ?", [meeting_id])
    for vote in votes:
        insert(db, "votes", {"meeting_id": meeting_id, "subject": vote.subject, "vote_base": vote.base,
                             "agree": vote.agree, "disagree": vote.disagree, "other_opinion": vote.other,
                             "note": vote.note})


def votes_of(db: Database, meeting_id: int) -> tuple[Vote, ...]:
    rows = db.execute("SELECT id, subject, vote_base, agree, disagree, other_opinion, note FROM votes"
                      " WHERE meeting_id = ? ORDER BY id", [meeting_id]).fetchall()
    return tuple(Vote(subject=r[1], base=r[2], agree=r[3], disagree=r[4], other=r[5], note=r[6], id=r[0])
                 for r in rows)


# -- talks ------------------------------------------------------------------------------------

def insert_talk(db: Database, meeting_id: int, person_id: int, topic: str, assigned_on: date, note: str) -> int:
    return insert(db, "talks", {"meeting_id": meeting_id, "person_id": person_id, "topic": topic,
                                "assigned_on": iso(assigned_on), "delivered": 0, "note": note})


def set_talk(db: Database, talk_id: int, delivered: bool, note: str) -> None:
    update(db, "talks", talk_id, {"delivered": int(delivered), "note": note})


def delete_talk(db: Database, talk_id: int) -> None:
    db.execute("DELETE FROM talks WHERE id = ?", [talk_id])


def talk_meeting(db: Database, talk_id: int) -> int | None:
    row = db.execute("SELECT meeting_id FROM talks WHERE id = ?", [talk_id]).fetchone()
    return row[0] if row else None


def talks_of(db: Database, meeting_id: int) -> tuple[Talk, ...]:
    rows = db.execute(
        "SELECT t.id, t.person_id, p.full_name, t.topic, t.assigned_on, t.delivered, t.note FROM talks t"
        " JOIN people p ON p.id = t.person_id WHERE t.meeting_id = ? ORDER BY t.id", [meeting_id],
    ).fetchall()
    return tuple(Talk(id=r[0], person_id=r[1], person_name=r[2], topic=r[3], assigned_on=to_date(r[4]),
                      delivered=bool(r[5]), note=r[6]) for r in rows)


# -- templates --------------------------------------------------------------------------------

def _to_template(row: tuple) -> MeetingTemplate:
    items = json.loads(row[3] or "[]")
    agenda = tuple(str(item["title"] if isinstance(item, dict) else item) for item in items)
    return MeetingTemplate(kind=MeetingKind(row[1]), name=row[2], agenda=agenda, id=row[0])


def templates(db: Database, kind: MeetingKind | None = None) -> list[MeetingTemplate]:
    where, params = ("WHERE meeting_kind = ?", [kind.value]) if kind else ("", [])
    rows = db.execute(f"SELECT id, meeting_kind, name, agenda_json FROM meeting_templates {where} ORDER BY id",
                      params).fetchall()
    return [_to_template(row) for row in rows]


def get_template(db: Database, template_id: int) -> MeetingTemplate | None:
    row = db.execute("SELECT id, meeting_kind, name, agenda_json FROM meeting_templates WHERE id = ?",
                     [template_id]).fetchone()
    return _to_template(row) if row else None


def _template_values(template: MeetingTemplate) -> dict[str, Any]:
    return {"meeting_kind": template.kind.value, "name": template.name,
            "agenda_json": json.dumps(list(template.agenda), ensure_ascii=False)}


def insert_template(db: Database, template: MeetingTemplate) -> int:
    return insert(db, "meeting_templates", _template_values(template))


def update_template(db: Database, template_id: int, template: MeetingTemplate) -> None:
    update(db, "meeting_templates", template_id, _template_values(template))


def delete_template(db: Database, template_id: int) -> None:
    db.execute("DELETE FROM meeting_templates WHERE id = ?", [template_id])
