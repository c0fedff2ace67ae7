-- Embeddings computed by a model bundle, so that a restart (or another app node) does not recompute them.
-- Keyed by the bundle's sha256 (of its manifest.json): nothing from one bundle is ever served for another.
CREATE TABLE inference_embedding (
    bundle_sha256  CHAR(64)     NOT NULL,
    kind           VARCHAR(8)   NOT NULL CHECK (kind IN ('IMAGE', 'TEXT')),
    input_sha256   CHAR(64)     NOT NULL,  -- photo sha256, or sha256 of the normalised prompt
    prompt         TEXT,                   -- the normalised prompt (TEXT only)
    dim            INTEGER      NOT NULL CHECK (dim > 0),
    vector         BYTEA        NOT NULL,  -- little-endian float32 x dim
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (bundle_sha256, kind, input_sha256)
);
