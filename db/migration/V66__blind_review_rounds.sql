-- Blind review: real and predicted views of a case shown shuffled; each participant says "real" or "simulated".
-- The round remembers the model whose predictions it showed, so results add up per model version.
CREATE TABLE blind_round (
    id             BIGSERIAL PRIMARY KEY,
    meeting_id     BIGINT       NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    item_id        BIGINT       NOT NULL REFERENCES meeting_item (id) ON DELETE CASCADE,
    bundle_id      VARCHAR(120) NOT NULL,
    bundle_version VARCHAR(60)  NOT NULL,
    bundle_sha256  CHAR(64)     NOT NULL,
    status         VARCHAR(8)   NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    current_index  INTEGER      NOT NULL DEFAULT 0,
    created_by     VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    closed_at      TIMESTAMPTZ
);
CREATE INDEX blind_round_bundle_idx ON blind_round (bundle_sha256);

-- The shuffled images: a real photo or one image of a snapshot.
CREATE TABLE blind_round_image (
    id             BIGSERIAL PRIMARY KEY,
    round_id       BIGINT     NOT NULL REFERENCES blind_round (id) ON DELETE CASCADE,
    position       INTEGER    NOT NULL,
    view           VARCHAR(8) NOT NULL,
    is_real        BOOLEAN    NOT NULL,
    photo_id       BIGINT     REFERENCES photo (id) ON DELETE CASCADE,
    snapshot_id    BIGINT     REFERENCES snapshot (id) ON DELETE CASCADE,
    image_position INTEGER,
    UNIQUE (round_id, position),
    CHECK ((is_real AND photo_id IS NOT NULL) OR (NOT is_real AND snapshot_id IS NOT NULL AND image_position IS NOT NULL))
);

CREATE TABLE blind_vote (
    image_id  BIGINT      NOT NULL REFERENCES blind_round_image (id) ON DELETE CASCADE,
    voter     VARCHAR(64) NOT NULL,
    says_real BOOLEAN     NOT NULL,
    plausible BOOLEAN,
    voted_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (image_id, voter)
);
