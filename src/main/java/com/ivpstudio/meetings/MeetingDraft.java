package com.ivpstudio.meetings;

import java.time.Instant;
import java.util.List;

/** What the organiser enters: title, time, participants and the agenda's cases in order. */
public record MeetingDraft(String title, Instant scheduledAt, List<String> participants, List<Long> caseIds) {
}
