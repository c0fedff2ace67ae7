-- Several app nodes share one PostgreSQL. What used to live on one node's disk or in one node's memory and must be
-- the same on every node lives here (see docs/reliability.md).

-- The model bundles' files: the database is the source of truth, each node keeps a verified copy in its model store
-- (ivp.models.store/<manifest sha256>/) and materialises a bundle it lacks. Files are cut into chunks of at most
-- 1 MiB so that a 700 MB bundle is written and read one chunk at a time, never held in memory; chunked bytea rows
-- rather than large objects because rows go with their bundle (ON DELETE CASCADE), need no lo_unlink/vacuumlo and
-- are in every plain pg_dump of the tables.
CREATE TABLE model_bundle_file (
    model_bundle_id  BIGINT        NOT NULL REFERENCES model_bundle (id) ON DELETE CASCADE,
    path             VARCHAR(512)  NOT NULL,          -- '/'-separated, relative to the bundle folder
    size_bytes       BIGINT        NOT NULL CHECK (size_bytes >= 0),
    sha256           CHAR(64)      NOT NULL,
    PRIMARY KEY (model_bundle_id, path)
);

CREATE TABLE model_bundle_chunk (
    model_bundle_id  BIGINT        NOT NULL,
    path             VARCHAR(512)  NOT NULL,
    seq              INT           NOT NULL CHECK (seq >= 0),
    bytes            BYTEA         NOT NULL,
    PRIMARY KEY (model_bundle_id, path, seq),
    FOREIGN KEY (model_bundle_id, path) REFERENCES model_bundle_file (model_bundle_id, path) ON DELETE CASCADE
);
-- The chunks are already compressed tensors: do not spend CPU trying again.
ALTER TABLE model_bundle_chunk ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- Every running node says every few seconds who it is and what it serves (admin → System status lists them).
CREATE TABLE cluster_node (
    id            VARCHAR(64)   PRIMARY KEY,          -- random per process start
    host          VARCHAR(255)  NOT NULL,
    port          INT,
    started_at    TIMESTAMPTZ   NOT NULL,
    last_seen     TIMESTAMPTZ   NOT NULL,
    model_sha256  CHAR(64),
    model_label   VARCHAR(300),
    device        VARCHAR(200),
    queue_depth   INT           NOT NULL DEFAULT 0,
    app_version   VARCHAR(64)   NOT NULL,
    stopping      BOOLEAN       NOT NULL DEFAULT FALSE
);

-- Secrets every node must share, created once by whichever node needs one first (the patient-link pass grant key:
-- a grant issued by one node must be accepted by the other).
CREATE TABLE cluster_secret (
    name        VARCHAR(64)  PRIMARY KEY,
    value       BYTEA        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The patient-page rate limits (token guesses per client, wrong passcodes per link and per client) as token
-- buckets: in one node's memory each node would allow the full limit, so N nodes would allow N times as many guesses.
CREATE TABLE share_throttle (
    bucket      CHAR(64)          PRIMARY KEY,        -- sha256 of 'guess|<client>', 'link|<id>', 'client|<client>':
                                                      -- no client address is stored
    tokens      DOUBLE PRECISION  NOT NULL,
    updated_at  TIMESTAMPTZ       NOT NULL
);
CREATE INDEX share_throttle_updated ON share_throttle (updated_at);
