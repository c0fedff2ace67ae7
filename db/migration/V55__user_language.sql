-- The screen language a user chose in the profile menu. No row: the browser's language decides.
-- A table of its own (not a column of user_account) so the language feature owns what it stores.
CREATE TABLE user_language (
    user_id    BIGINT      PRIMARY KEY REFERENCES user_account (id) ON DELETE CASCADE,
    language   VARCHAR(8)  NOT NULL CHECK (language ~ '^[a-z]{2}$'),
    chosen_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
