CREATE TABLE photo (
    id            BIGSERIAL PRIMARY KEY,
    case_id       BIGINT       NOT NULL REFERENCES patient_case (id),
    kind          VARCHAR(8)   NOT NULL CHECK (kind IN ('FRONT', 'LEFT', 'RIGHT', 'UPPER', 'LOWER')),
    label         VARCHAR(60)  NOT NULL,
    captured_on   DATE         NOT NULL,
    content_type  VARCHAR(20)  NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    byte_size     INTEGER      NOT NULL,
    width         INTEGER      NOT NULL,
    height        INTEGER      NOT NULL,
    synthetic     BOOLEAN      NOT NULL DEFAULT FALSE,
    uploaded_by   VARCHAR(64)  NOT NULL,
    uploaded_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX photo_case_sha_uq ON photo (case_id, sha256);
CREATE INDEX photo_case_idx ON photo (case_id, captured_on, kind);

-- Bytes apart from the row so that listing photos never drags megabytes along.
CREATE TABLE photo_content (
    photo_id   BIGINT PRIMARY KEY REFERENCES photo (id) ON DELETE CASCADE,
    image      BYTEA NOT NULL,
    thumbnail  BYTEA NOT NULL
);
