package com.ivpstudio.meetings;

import java.time.Instant;
import java.util.List;

/** A review meeting: who takes part, who presents now, and where it stands. */
public record Meeting(long id, String title, Instant scheduledAt, MeetingStatus status, String presenter,
        String createdBy, Instant createdAt, Instant startedAt, Instant endedAt, List<String> participants) {

    public boolean isParticipant(String username) {
        return participants.stream().anyMatch(p -> p.equalsIgnoreCase(username));
    }

    public boolean isPresenter(String username) {
        return presenter.equalsIgnoreCase(username);
    }
}
