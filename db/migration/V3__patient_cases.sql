CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE patient_case (
    id            BIGSERIAL PRIMARY KEY,
    patient_code  VARCHAR(40)  NOT NULL,
    display_name  VARCHAR(120),
    birth_year    INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
    sex           VARCHAR(8) CHECK (sex IN ('FEMALE', 'MALE', 'OTHER')),
    notes         TEXT,
    tags          TEXT[]       NOT NULL DEFAULT '{}',
    status        VARCHAR(10)  NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED')),
    synthetic     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_by    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_by    VARCHAR(64)  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX patient_case_code_uq ON patient_case (lower(patient_code));
CREATE INDEX patient_case_code_trgm ON patient_case USING gin (lower(patient_code) gin_trgm_ops);
CREATE INDEX patient_case_name_trgm ON patient_case USING gin (lower(display_name) gin_trgm_ops);
CREATE INDEX patient_case_tags_idx ON patient_case USING gin (tags);
CREATE INDEX patient_case_status_updated_idx ON patient_case (status, updated_at DESC);
