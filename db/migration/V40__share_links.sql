-- Share links: a patient opens chosen snapshots of a case on a phone, without an account.
-- Only the SHA-256 of a link's token is stored: the token itself exists in the link alone.
CREATE TABLE share_link (
    id                 BIGSERIAL PRIMARY KEY,
    token_sha256       CHAR(64)      NOT NULL UNIQUE,
    case_id            BIGINT        NOT NULL REFERENCES patient_case (id),
    title              VARCHAR(120),
    message            VARCHAR(1000),
    show_patient_code  BOOLEAN       NOT NULL DEFAULT FALSE,
    passcode_hash      VARCHAR(100),
    created_by         VARCHAR(64)   NOT NULL,
    created_at         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    expires_at         TIMESTAMPTZ   NOT NULL,
    revoked_at         TIMESTAMPTZ,
    revoked_by         VARCHAR(64),
    view_count         INTEGER       NOT NULL DEFAULT 0,
    last_opened_at     TIMESTAMPTZ
);
CREATE INDEX share_link_case_idx ON share_link (case_id, created_at DESC);
CREATE INDEX share_link_active_idx ON share_link (expires_at) WHERE revoked_at IS NULL;

-- The snapshots a link shows, in the order the clinician chose.
CREATE TABLE share_link_snapshot (
    link_id      BIGINT  NOT NULL REFERENCES share_link (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    snapshot_id  BIGINT  NOT NULL REFERENCES snapshot (id),
    PRIMARY KEY (link_id, position)
);

-- Each time a patient opens a link: time and a coarse client only. The address is kept only when the admin
-- chose so, and only for the chosen number of days.
CREATE TABLE share_open (
    id          BIGSERIAL PRIMARY KEY,
    link_id     BIGINT       NOT NULL REFERENCES share_link (id) ON DELETE CASCADE,
    opened_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    browser     VARCHAR(20)  NOT NULL,
    device      VARCHAR(10)  NOT NULL,
    client_ip   VARCHAR(45)
);
CREATE INDEX share_open_link_idx ON share_open (link_id, opened_at DESC);

-- One row: what the patient page shows of the practice, and the admin's limits.
CREATE TABLE share_settings (
    id                  INTEGER       PRIMARY KEY CHECK (id = 1),
    practice_name       VARCHAR(120)  NOT NULL DEFAULT '',
    practice_contact    VARCHAR(300)  NOT NULL DEFAULT '',
    max_expiry_days     INTEGER       NOT NULL DEFAULT 90 CHECK (max_expiry_days BETWEEN 1 AND 365),
    keep_client_ips     BOOLEAN       NOT NULL DEFAULT FALSE,
    ip_retention_days   INTEGER       NOT NULL DEFAULT 7 CHECK (ip_retention_days BETWEEN 1 AND 90),
    updated_by          VARCHAR(64)   NOT NULL DEFAULT 'system',
    updated_at          TIMESTAMPTZ   NOT NULL DEFAULT now()
);
INSERT INTO share_settings (id) VALUES (1);
