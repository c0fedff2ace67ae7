package com.ivpstudio.meetings;

import java.util.Optional;

/**
 * Something changed in a meeting, on any app node. STAGE events carry the presenter's new state (read once per
 * node, not once per follower).
 */
public record MeetingEvent(long meetingId, Kind kind, Optional<StageState> stage) {

    public enum Kind {
        /** The presenter moved (case, snapshot, view, α) or handed over. */
        STAGE,
        /** Someone joined, left, detached or re-attached. */
        PRESENCE,
        /** A comment, decision or "discussed" mark. */
        NOTES,
        /** A blind review round started, moved on, got a vote or closed. */
        ROUND,
        /** Started, ended or edited. */
        MEETING
    }
}
