package com.ivpstudio.meetings;

import java.time.Instant;

public record MeetingComment(long id, long itemId, String author, String body, Instant createdAt) {
}
