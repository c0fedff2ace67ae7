-- The model registry: every accepted model bundle (files in the model store, ivp.models.store/<manifest sha256>),
-- and the history of activations (for rollback and for "what was running when").
CREATE TABLE model_bundle (
    id               BIGSERIAL    PRIMARY KEY,
    bundle_id        VARCHAR(128) NOT NULL,             -- manifest id
    name             VARCHAR(200) NOT NULL,
    version          VARCHAR(64)  NOT NULL,
    manifest_sha256  CHAR(64)     NOT NULL UNIQUE,      -- the bundle's identity (pins every file's sha256)
    archive_sha256   CHAR(64),                          -- sha256 of the uploaded zip; null when copied from a folder
    size_bytes       BIGINT       NOT NULL CHECK (size_bytes >= 0),
    synthetic        BOOLEAN      NOT NULL,
    source           VARCHAR(16)  NOT NULL CHECK (source IN ('UPLOAD', 'DEMO')),
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'AVAILABLE', 'RETIRED')),
    manifest         JSONB        NOT NULL,
    uploaded_by      VARCHAR(64)  NOT NULL,
    uploaded_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    retired_at       TIMESTAMPTZ
);

-- At most one active bundle.
CREATE UNIQUE INDEX model_bundle_one_active ON model_bundle (status) WHERE status = 'ACTIVE';

CREATE TABLE model_activation (
    id                  BIGSERIAL   PRIMARY KEY,
    model_bundle_id     BIGINT      REFERENCES model_bundle (id) ON DELETE SET NULL,
    previous_bundle_id  BIGINT      REFERENCES model_bundle (id) ON DELETE SET NULL,
    manifest_sha256     CHAR(64)    NOT NULL,
    label               VARCHAR(300) NOT NULL,          -- "name version" at the time, kept after a deletion
    kind                VARCHAR(16) NOT NULL CHECK (kind IN ('ACTIVATE', 'ROLLBACK', 'INSTALL')),
    activated_by        VARCHAR(64) NOT NULL,
    activated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    duration_ms         BIGINT
);

CREATE INDEX model_activation_recent ON model_activation (activated_at DESC, id DESC);
