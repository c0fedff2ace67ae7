-- The case each user was last on, so that the Studio page opens where they left off (one row per user).
CREATE TABLE recent_case (
    username    VARCHAR(64)  PRIMARY KEY,
    case_id     BIGINT       NOT NULL REFERENCES patient_case (id) ON DELETE CASCADE,
    opened_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
