package com.ivpstudio.meetings.blind;

/** A blind review round on one agenda case: which model's predictions it shows and how far it has got. */
public record BlindRound(long id, long meetingId, long itemId, String bundleId, String bundleVersion, String bundleSha256,
        boolean open, int currentIndex, int imageCount) {

    public boolean finished() {
        return currentIndex >= imageCount;
    }
}
