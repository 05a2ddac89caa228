"""The first schema: the whole domain, as shipped in migration ``m0001_initial``.

Never edit this text once it has shipped: later changes are new migrations.
Dates are ISO text ('YYYY-MM-DD'), times 'HH:MM', timestamps ISO with seconds.
Enumerations are stored as their English code values (see ``khoi_desktop.domain``).
"""

from __future__ import annotations

SCHEMA_V1 = """
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES organizations(id),
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    agency_name TEXT NOT NULL DEFAULT '',
    doc_code TEXT NOT NULL DEFAULT '',
    place_name TEXT NOT NULL DEFAULT '',
    superior_name TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    name_search TEXT NOT NULL DEFAULT '',
    retired_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT
);
CREATE INDEX terms_org ON terms(organization_id, start_date);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER REFERENCES organizations(id),
    full_name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    birth_date TEXT,
    birth_year INTEGER,
    gender TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    religion TEXT NOT NULL DEFAULT '',
    hometown TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    political_theory TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    party_card_number TEXT NOT NULL DEFAULT '',
    party_record_number TEXT NOT NULL DEFAULT '',
    admission_date TEXT,
    official_date TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    note TEXT NOT NULL DEFAULT '',
    retired_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX people_org_sort ON people(organization_id, sort_key);
CREATE INDEX people_sort ON people(sort_key);
CREATE INDEX people_search ON people(name_search);
CREATE INDEX people_card ON people(party_card_number) WHERE party_card_number <> '';

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    kind TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX memberships_person ON memberships(person_id, start_date);
CREATE INDEX memberships_org ON memberships(organization_id, kind);

CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    title TEXT NOT NULL,
    is_party_post INTEGER NOT NULL DEFAULT 0,
    start_date TEXT,
    end_date TEXT
);
CREATE INDEX positions_person ON positions(person_id, start_date);

CREATE TABLE status_history (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    organization_id INTEGER REFERENCES organizations(id),
    status TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT,
    other_party TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_history_person ON status_history(person_id, start_date);
CREATE INDEX status_history_org ON status_history(organization_id, start_date);

CREATE TABLE year_plans (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    year INTEGER NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    term_theme TEXT NOT NULL DEFAULT '',
    focus_content TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (organization_id, year)
);

CREATE TABLE plan_documents (
    id INTEGER PRIMARY KEY,
    year_plan_id INTEGER NOT NULL REFERENCES year_plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    issued_on TEXT,
    issuer TEXT NOT NULL DEFAULT ''
);

CREATE TABLE meeting_templates (
    id INTEGER PRIMARY KEY,
    meeting_kind TEXT NOT NULL,
    name TEXT NOT NULL,
    agenda_json TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    end_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    chair_person_id INTEGER REFERENCES people(id),
    chair_name TEXT NOT NULL DEFAULT '',
    secretary_person_id INTEGER REFERENCES people(id),
    secretary_name TEXT NOT NULL DEFAULT '',
    quality_rating TEXT NOT NULL DEFAULT '',
    quality_points INTEGER,
    outcome_kind TEXT NOT NULL DEFAULT '',
    outcome_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_org_date ON meetings(organization_id, date);
CREATE INDEX meetings_date ON meetings(date, kind);

CREATE TABLE meeting_guests (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    organization_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_guests_meeting ON meeting_guests(meeting_id);

CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    conclusion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE speeches (
    id INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    speaker_person_id INTEGER REFERENCES people(id),
    speaker_name TEXT NOT NULL DEFAULT '',
    opinion TEXT NOT NULL DEFAULT ''
);
CREATE INDEX speeches_item ON speeches(agenda_item_id, position);

CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    vote_base INTEGER NOT NULL DEFAULT 0,
    agree INTEGER NOT NULL DEFAULT 0,
    disagree INTEGER NOT NULL DEFAULT 0,
    other_opinion INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX votes_meeting ON votes(meeting_id);

CREATE TABLE attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    status TEXT NOT NULL,
    membership_kind TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendance_person ON attendance(person_id, meeting_id);

CREATE TABLE talks (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    person_id INTEGER NOT NULL REFERENCES people(id),
    topic TEXT NOT NULL,
    assigned_on TEXT,
    delivered INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX talks_meeting ON talks(meeting_id);
CREATE INDEX talks_person ON talks(person_id);

CREATE TABLE commitments (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    person_id INTEGER REFERENCES people(id),
    is_collective INTEGER NOT NULL DEFAULT 0,
    signed_on TEXT,
    confirmed_on TEXT,
    confirmed_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX commitments_year_org ON commitments(year, organization_id);
CREATE INDEX commitments_person ON commitments(person_id, year);

CREATE TABLE commitment_items (
    id INTEGER PRIMARY KEY,
    commitment_id INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    category TEXT NOT NULL,
    content TEXT NOT NULL,
    product TEXT NOT NULL DEFAULT '',
    deadline TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT ''
);
CREATE INDEX commitment_items_commitment ON commitment_items(commitment_id, position);

CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    person_id INTEGER REFERENCES people(id),
    is_collective INTEGER NOT NULL DEFAULT 0,
    points REAL,
    self_level TEXT NOT NULL DEFAULT '',
    branch_level TEXT NOT NULL DEFAULT '',
    decided_level TEXT NOT NULL DEFAULT '',
    not_rated_reason TEXT NOT NULL DEFAULT '',
    decided_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX assessments_year_org ON assessments(year, organization_id);
CREATE INDEX assessments_person ON assessments(person_id, year);

CREATE TABLE assessment_sections (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, section)
);

CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    conducting_org_id INTEGER REFERENCES organizations(id),
    conductor TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    step TEXT NOT NULL DEFAULT 'plan',
    conclusion TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX inspections_year ON inspections(year, conducting_org_id);

CREATE TABLE inspection_targets (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    PRIMARY KEY (inspection_id, organization_id)
);

CREATE TABLE inspection_steps (
    id INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    done_on TEXT,
    document_number TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE outreach (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    year INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    date TEXT,
    count INTEGER NOT NULL DEFAULT 1,
    authors TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outreach_year_org ON outreach(year, organization_id);

CREATE TABLE outreach_contributors (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    person_id INTEGER REFERENCES people(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    since TEXT
);

CREATE TABLE exemplars (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    year INTEGER NOT NULL,
    person_id INTEGER REFERENCES people(id),
    is_collective INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL,
    achievement TEXT NOT NULL DEFAULT '',
    commendation TEXT NOT NULL DEFAULT '',
    issued_by TEXT NOT NULL DEFAULT '',
    decision_number TEXT NOT NULL DEFAULT '',
    date TEXT
);
CREATE INDEX exemplars_year_org ON exemplars(year, organization_id);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    term_id INTEGER REFERENCES terms(id),
    doc_type TEXT NOT NULL,
    number INTEGER NOT NULL,
    issued_on TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    source_kind TEXT NOT NULL DEFAULT '',
    source_id INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (organization_id, term_id, doc_type, number)
);
CREATE UNIQUE INDEX documents_source ON documents(source_kind, source_id, doc_type)
    WHERE source_id IS NOT NULL;

CREATE TABLE report_narratives (
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    year INTEGER NOT NULL,
    section TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, year, section)
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE rule_presets (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    data_json TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, valid_from)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    operator TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    details_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE package_imports (
    id INTEGER PRIMARY KEY,
    source_code TEXT NOT NULL,
    source_name TEXT NOT NULL,
    year INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    app_version TEXT NOT NULL DEFAULT '',
    schema_version TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT NOT NULL,
    data_json TEXT NOT NULL,
    UNIQUE (source_code, year)
);
"""


def statements(script: str) -> list[str]:
    """Split a schema script into single statements (no ';' appears inside our DDL)."""
    return [part.strip() for part in script.split(";") if part.strip()]
