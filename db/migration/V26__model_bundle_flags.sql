-- A stored bundle that the start-up sweep finds the registry would now refuse (an unlisted file, a pickle, a file
-- missing or of the wrong size) is flagged, never deleted: the administrator sees why on the Models page and
-- decides. A flagged bundle cannot be activated. Cleared by the sweep once the bundle passes again.
ALTER TABLE model_bundle
    ADD COLUMN flag_reason  VARCHAR(32),
    ADD COLUMN flag_message VARCHAR(500),
    ADD COLUMN flagged_at   TIMESTAMPTZ;
