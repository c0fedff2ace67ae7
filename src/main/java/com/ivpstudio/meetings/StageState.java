package com.ivpstudio.meetings;

/**
 * What the presenter shows: the agenda position, the snapshot (null: the case's photos only), the view ("all" or a
 * manifest view name) and the step of a strip (α index). {@code version} grows with every move, so a screen can
 * tell an old state from a new one.
 */
public record StageState(long meetingId, int position, Long snapshotId, String view, int step, String presenter,
        long version) {

    public static final String ALL_VIEWS = "all";

    public StageState at(int newPosition) {
        return new StageState(meetingId, newPosition, null, ALL_VIEWS, 0, presenter, version);
    }

    public StageState showing(Long newSnapshotId) {
        return new StageState(meetingId, position, newSnapshotId, view, 0, presenter, version);
    }

    public StageState inView(String newView) {
        return new StageState(meetingId, position, snapshotId, newView, step, presenter, version);
    }

    public StageState atStep(int newStep) {
        return new StageState(meetingId, position, snapshotId, view, newStep, presenter, version);
    }
}
