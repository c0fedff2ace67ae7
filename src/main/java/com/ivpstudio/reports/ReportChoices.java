package com.ivpstudio.reports;

import com.ivpstudio.images.Photo;
import com.ivpstudio.snapshots.Snapshot;
import java.util.List;

/**
 * What a case offers its report: front photos to predict from (oldest first), saved snapshots (newest first), real
 * photos of the other views, photos from several visits, and whether a model is there to predict with.
 *
 * @param defaultPsi the active model's default ψ, or null without a model
 */
public record ReportChoices(List<Photo> fronts, List<Snapshot> snapshots, boolean hasRealViews, boolean hasProgress,
        Double defaultPsi) {

    public ReportChoices {
        fronts = List.copyOf(fronts);
        snapshots = List.copyOf(snapshots);
    }

    public boolean canPredict() {
        return defaultPsi != null && !fronts.isEmpty();
    }
}
