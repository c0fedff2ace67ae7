package com.ivpstudio.snapshots;

import com.ivpstudio.models.BundleReferences;
import org.springframework.stereotype.Component;

/** Snapshots keep the bundle they were made with: it must stay stored so that they can be regenerated. */
@Component
class SnapshotBundleReferences implements BundleReferences {

    private final SnapshotRepository snapshots;

    SnapshotBundleReferences(SnapshotRepository snapshots) {
        this.snapshots = snapshots;
    }

    @Override
    public long count(String manifestSha256) {
        return snapshots.countByBundle(manifestSha256);
    }

    @Override
    public String describe(long count) {
        return count + " snapshot" + (count == 1 ? " was" : "s were") + " made with it";
    }
}
