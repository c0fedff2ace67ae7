-- The real front photo a snapshot's images were made from, stored with the snapshot (not only referenced) so that a
-- re-opened snapshot and its exported sheet show it even after the photo is deleted from the case. Snapshots saved
-- before this table have no row here: they open as before, with a note that the input photo was not kept.
CREATE TABLE snapshot_input_photo (
    snapshot_id   BIGINT       PRIMARY KEY REFERENCES snapshot (id) ON DELETE CASCADE,
    photo_id      BIGINT       NOT NULL,
    label         VARCHAR(200) NOT NULL,
    content_type  VARCHAR(20)  NOT NULL,
    image         BYTEA        NOT NULL,
    image_sha256  CHAR(64)     NOT NULL,
    thumbnail     BYTEA        NOT NULL
);
