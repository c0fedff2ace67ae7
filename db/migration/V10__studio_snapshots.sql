-- Studio: saved results ("snapshots") with their full provenance, and each user's text prompts.
-- snapshot.bundle_sha256 is read by the model registry: a bundle still referenced here is not deleted.
CREATE TABLE snapshot (
    id              BIGSERIAL PRIMARY KEY,
    case_id         BIGINT        NOT NULL REFERENCES patient_case (id),
    title           VARCHAR(120)  NOT NULL,
    kind            VARCHAR(16)   NOT NULL CHECK (kind IN ('VIEWS', 'STRIP', 'COMPARISON')),
    operation       VARCHAR(32)   NOT NULL,
    bundle_id       VARCHAR(120)  NOT NULL,
    bundle_version  VARCHAR(60)   NOT NULL,
    bundle_sha256   CHAR(64)      NOT NULL,
    provenance      TEXT          NOT NULL,
    image_count     INTEGER       NOT NULL,
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX snapshot_case_idx ON snapshot (case_id, created_at DESC);
CREATE INDEX snapshot_bundle_idx ON snapshot (bundle_sha256);

-- The images exactly as shown (generated PNGs; for a comparison also the real photo), byte-identical on
-- re-open, each with its own provenance JSON.
CREATE TABLE snapshot_image (
    snapshot_id   BIGINT       NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    position      INTEGER      NOT NULL,
    label         VARCHAR(120) NOT NULL,
    view          VARCHAR(8),
    content_type  VARCHAR(20)  NOT NULL,
    image         BYTEA        NOT NULL,
    image_sha256  CHAR(64)     NOT NULL,
    provenance    TEXT         NOT NULL,
    PRIMARY KEY (snapshot_id, position)
);

CREATE TABLE prompt_history (
    id          BIGSERIAL PRIMARY KEY,
    username    VARCHAR(64)   NOT NULL,
    prompt      VARCHAR(2000) NOT NULL,
    kind        VARCHAR(8)    NOT NULL CHECK (kind IN ('VIEWS', 'FROM', 'TO')),
    used_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    UNIQUE (username, kind, prompt)
);
CREATE INDEX prompt_history_user_idx ON prompt_history (username, used_at DESC);
