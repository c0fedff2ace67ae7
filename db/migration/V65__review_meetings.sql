-- Review meetings: a team reviews an agenda of cases together; one presenter, followers who see what is shown.
-- What the presenter shows lives in the meeting row (current_*): a follower on any app node re-reads it when told
-- through LISTEN/NOTIFY, and a follower who re-attaches jumps to it.
CREATE TABLE meeting (
    id                  BIGSERIAL PRIMARY KEY,
    title               VARCHAR(120) NOT NULL,
    scheduled_at        TIMESTAMPTZ  NOT NULL,
    status              VARCHAR(8)   NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'RUNNING', 'ENDED')),
    presenter           VARCHAR(64)  NOT NULL,
    created_by          VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at          TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ,
    current_position    INTEGER      NOT NULL DEFAULT 0,
    current_snapshot_id BIGINT       REFERENCES snapshot (id) ON DELETE SET NULL,
    current_view        VARCHAR(8)   NOT NULL DEFAULT 'all',
    current_step        INTEGER      NOT NULL DEFAULT 0,
    state_version       BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX meeting_time_idx ON meeting (scheduled_at DESC);

CREATE TABLE meeting_participant (
    meeting_id BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    username   VARCHAR(64) NOT NULL,
    PRIMARY KEY (meeting_id, username)
);
CREATE INDEX meeting_participant_user_idx ON meeting_participant (lower(username));

-- The agenda: cases in order, each with an optional decision and a "discussed" mark.
CREATE TABLE meeting_item (
    id            BIGSERIAL PRIMARY KEY,
    meeting_id    BIGINT       NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position      INTEGER      NOT NULL,
    case_id       BIGINT       NOT NULL REFERENCES patient_case (id),
    discussed     BOOLEAN      NOT NULL DEFAULT FALSE,
    decision      VARCHAR(16)  CHECK (decision IN ('PROCEED', 'NEEDS_RECORDS', 'REVISIT', 'CUSTOM')),
    decision_note VARCHAR(500),
    decided_by    VARCHAR(64),
    decided_at    TIMESTAMPTZ,
    UNIQUE (meeting_id, position) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (meeting_id, case_id)
);

-- Snapshots chosen to show for an agenda item, in order.
CREATE TABLE meeting_item_snapshot (
    item_id     BIGINT  NOT NULL REFERENCES meeting_item (id) ON DELETE CASCADE,
    snapshot_id BIGINT  NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (item_id, snapshot_id)
);

-- Which snapshots were actually shown (for the minutes), first time each.
CREATE TABLE meeting_shown_snapshot (
    meeting_id    BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    snapshot_id   BIGINT      NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    first_shown_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (meeting_id, snapshot_id)
);

CREATE TABLE meeting_comment (
    id         BIGSERIAL PRIMARY KEY,
    item_id    BIGINT        NOT NULL REFERENCES meeting_item (id) ON DELETE CASCADE,
    author     VARCHAR(64)   NOT NULL,
    body       VARCHAR(2000) NOT NULL,
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX meeting_comment_item_idx ON meeting_comment (item_id, created_at);

-- Who has the meeting open right now (one row per open browser tab) and who ever joined (attendance).
CREATE TABLE meeting_presence (
    client_id  VARCHAR(36) PRIMARY KEY,
    meeting_id BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    username   VARCHAR(64) NOT NULL,
    following  BOOLEAN     NOT NULL DEFAULT TRUE,
    joined_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX meeting_presence_meeting_idx ON meeting_presence (meeting_id);

CREATE TABLE meeting_attendance (
    meeting_id      BIGINT      NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    username        VARCHAR(64) NOT NULL,
    first_joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (meeting_id, username)
);
