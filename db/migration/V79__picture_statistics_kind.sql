-- A bundle's second out-of-distribution check compares a photo's colour and brightness statistics with its
-- training photos'; they are kept beside the photo's embedding (same key, kind PICTURE) so that a restart or
-- another node does not decode the photo again.
ALTER TABLE inference_embedding DROP CONSTRAINT inference_embedding_kind_check;
ALTER TABLE inference_embedding ADD CONSTRAINT inference_embedding_kind_check
    CHECK (kind IN ('IMAGE', 'TEXT', 'PICTURE'));
