-- A bundle's orientation check reads which way up a front photo is; its four probabilities are kept beside the
-- photo's embedding (same key, kind ORIENTATION) so that a restart or another node does not decode the photo again.
-- The kind column was sized for IMAGE and TEXT.
ALTER TABLE inference_embedding DROP CONSTRAINT inference_embedding_kind_check;
ALTER TABLE inference_embedding ALTER COLUMN kind TYPE VARCHAR(16);
ALTER TABLE inference_embedding ADD CONSTRAINT inference_embedding_kind_check
    CHECK (kind IN ('IMAGE', 'TEXT', 'PICTURE', 'ORIENTATION'));
