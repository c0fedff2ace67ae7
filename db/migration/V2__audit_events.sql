-- Who did what and when: ids only, never image bytes, names or free text from patients.
CREATE TABLE audit_event (
    id          BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor       VARCHAR(64)  NOT NULL,
    action      VARCHAR(48)  NOT NULL,
    case_id     BIGINT,
    target_id   VARCHAR(80),
    detail      VARCHAR(200)
);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, occurred_at DESC);
CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at DESC);
CREATE INDEX audit_event_case_idx ON audit_event (case_id, occurred_at DESC);
