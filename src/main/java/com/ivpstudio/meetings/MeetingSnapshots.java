package com.ivpstudio.meetings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotService;
import org.springframework.stereotype.Component;

/**
 * The snapshots that meeting screens show, read once per node: every follower's screen of every meeting shows the
 * same few snapshots, and a saved snapshot never changes, so a move does not read them from the database once per
 * screen. Bounded by the images' bytes.
 */
@Component
class MeetingSnapshots {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final SnapshotService snapshots;
    private final Cache<Long, Snapshot> headers = Caffeine.newBuilder().maximumSize(1_000).build();
    private final Cache<Long, SnapshotSteps> steps = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .weigher((Long id, SnapshotSteps s) -> weight(s)).build();

    MeetingSnapshots(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    Snapshot get(long id) {
        return headers.get(id, snapshots::get);
    }

    SnapshotSteps steps(long id) {
        return steps.get(id, key -> SnapshotSteps.of(snapshots.images(key)));
    }

    /** One image's bytes, for the browser's request (a screen keeps the image's URL, not its bytes). */
    byte[] imageBytes(long snapshotId, int position) {
        return steps(snapshotId).steps().stream().flatMap(step -> step.images().stream())
                .filter(i -> i.position() == position).findFirst().orElseThrow().bytes();
    }

    private static int weight(SnapshotSteps s) {
        long bytes = s.steps().stream().flatMap(step -> step.images().stream()).mapToLong(i -> i.bytes().length).sum();
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
