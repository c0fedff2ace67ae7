package com.ivpstudio.meetings.blind;

/** One shuffled image of a round: a real photo or one predicted view (only the server knows which). */
public record BlindImage(long id, long roundId, int position, String view, boolean real, Long photoId, Long snapshotId,
        Integer imagePosition) {
}
