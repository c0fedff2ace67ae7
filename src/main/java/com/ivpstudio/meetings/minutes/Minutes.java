package com.ivpstudio.meetings.minutes;

import com.ivpstudio.meetings.AgendaItem;
import com.ivpstudio.meetings.Meeting;
import com.ivpstudio.meetings.MeetingComment;
import java.time.Instant;
import java.util.List;

/** Everything the minutes say, gathered once and written as HTML or PDF. */
public record Minutes(Meeting meeting, List<String> attended, List<Case> cases, List<Shown> shown) {

    /** An agenda case with its comments. */
    public record Case(AgendaItem item, List<MeetingComment> comments) {
    }

    /** A snapshot shown in the meeting: a small image of it and where it came from. */
    public record Shown(long snapshotId, String patientCode, String title, String bundleId, String bundleVersion,
            String bundleSha256, String createdBy, Instant createdAt, byte[] thumbnailPng) {
    }
}
