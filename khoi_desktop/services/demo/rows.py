"""Rows prepared in Python for the bulk writer, with the column order of each table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": ("id", "parent_id", "name", "short_name", "kind", "agency_name", "doc_code",
                      "place_name", "superior_name", "sort_order", "name_search", "retired_on",
                      "created_at", "updated_at", "uuid", "founded_on"),
    "terms": ("id", "organization_id", "name", "start_date", "end_date"),
    "people": ("id", "organization_id", "full_name", "name_search", "sort_key", "birth_date", "birth_year",
               "gender", "ethnicity", "religion", "hometown", "phone", "email", "education",
               "political_theory", "job_title", "party_card_number", "party_record_number",
               "admission_date", "official_date", "status", "note", "retired_on", "created_at",
               "updated_at"),
    "memberships": ("id", "person_id", "organization_id", "kind", "start_date", "end_date", "note"),
    "positions": ("id", "person_id", "organization_id", "title", "is_party_post", "start_date", "end_date"),
    "status_history": ("id", "person_id", "organization_id", "status", "start_date", "end_date",
                       "other_party", "decision", "note"),
    "year_plans": ("id", "organization_id", "year", "theme", "term_theme", "focus_content", "note"),
    "plan_documents": ("id", "year_plan_id", "kind", "number", "title", "issued_on", "issuer"),
    "meetings": ("id", "organization_id", "kind", "title", "date", "start_time", "end_time", "place",
                 "chair_person_id", "chair_name", "secretary_person_id", "secretary_name",
                 "quality_rating", "quality_points", "outcome_kind", "outcome_text", "note",
                 "created_at", "updated_at"),
    "meeting_guests": ("id", "meeting_id", "name", "position", "organization_name"),
    "agenda_items": ("id", "meeting_id", "position", "title", "conclusion"),
    "speeches": ("id", "agenda_item_id", "position", "speaker_person_id", "speaker_name", "opinion"),
    "votes": ("id", "meeting_id", "subject", "vote_base", "agree", "disagree", "other_opinion", "note"),
    "attendance": ("meeting_id", "person_id", "status", "membership_kind", "reason"),
    "talks": ("id", "meeting_id", "person_id", "topic", "assigned_on", "delivered", "note"),
    "commitments": ("id", "year", "organization_id", "person_id", "is_collective", "signed_on",
                    "confirmed_on", "confirmed_by", "note", "created_at", "updated_at"),
    "commitment_items": ("id", "commitment_id", "position", "category", "content", "product", "deadline",
                         "result", "evidence"),
    "assessments": ("id", "year", "organization_id", "person_id", "is_collective", "points", "self_level",
                    "branch_level", "decided_level", "not_rated_reason", "decided_on", "note",
                    "created_at", "updated_at"),
    "assessment_sections": ("assessment_id", "section", "content"),
    "inspections": ("id", "year", "conducting_org_id", "conductor", "kind", "subject", "start_date",
                    "end_date", "step", "conclusion", "created_at", "updated_at", "on_theme"),
    "inspection_targets": ("inspection_id", "organization_id"),
    "inspection_steps": ("id", "inspection_id", "step", "done_on", "document_number", "note"),
    "outreach": ("id", "organization_id", "year", "outlet", "kind", "title", "date", "count", "authors",
                 "note"),
    "outreach_contributors": ("id", "organization_id", "person_id", "name", "role", "outlet", "since"),
    "exemplars": ("id", "organization_id", "year", "person_id", "is_collective", "name", "achievement",
                  "commendation", "issued_by", "decision_number", "date"),
    "documents": ("id", "organization_id", "term_id", "doc_type", "number", "issued_on", "title",
                  "source_kind", "source_id", "created_at"),
    "audit_log": ("id", "at", "operator", "action", "entity", "entity_id", "summary", "details_json"),
}


class Rows:
    """Rows of several tables, kept in insertion order (parents before children)."""

    def __init__(self) -> None:
        self._tables: dict[str, list[tuple]] = defaultdict(list)

    def add(self, table: str, row: tuple) -> None:
        self._tables[table].append(row)

    def extend(self, table: str, rows: list[tuple]) -> None:
        self._tables[table].extend(rows)

    def tables(self) -> Iterator[tuple[str, tuple[str, ...], list[tuple]]]:
        """(table, columns, rows) for each table that received rows."""
        for table, rows in self._tables.items():
            yield table, COLUMNS[table], rows

    def count(self, table: str) -> int:
        return len(self._tables.get(table, ()))
