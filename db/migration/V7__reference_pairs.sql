-- Named before/after photo pairs (from synthetic phantom patients) that give the nudge studio its directions.
CREATE TABLE reference_pair (
    id              BIGSERIAL PRIMARY KEY,
    name            VARCHAR(80)  NOT NULL UNIQUE,
    description     VARCHAR(300) NOT NULL,
    before_image    BYTEA        NOT NULL,
    after_image     BYTEA        NOT NULL,
    before_sha256   CHAR(64)     NOT NULL,
    after_sha256    CHAR(64)     NOT NULL,
    synthetic       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
