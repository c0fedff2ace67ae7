CREATE TABLE user_account (
    id                 BIGSERIAL PRIMARY KEY,
    username           VARCHAR(64)  NOT NULL,
    password_hash      VARCHAR(100) NOT NULL,
    roles              VARCHAR(100) NOT NULL,
    enabled            BOOLEAN      NOT NULL DEFAULT TRUE,
    failed_sign_ins    INTEGER      NOT NULL DEFAULT 0,
    locked_until       TIMESTAMPTZ,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    password_changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX user_account_username_uq ON user_account (lower(username));
