package com.ivpstudio.progress;

import com.ivpstudio.images.Photo;
import com.ivpstudio.inference.Provenance;
import java.util.List;

/**
 * Predicted against real, per view and date, for one case.
 *
 * @param input      the front photo the predictions were made from
 * @param fronts     every front photo of the case, oldest first (the input among them)
 * @param views      the four views in clinical order (upper, left, right, lower)
 * @param model      how the plain predictions were made (model, seed, ψ)
 * @param nudgeName  the reference pair of the nudge, or null
 * @param nudgeAlpha the nudge's α, or null
 */
public record ProgressTimeline(Photo input, List<Photo> fronts, List<ViewProgress> views, Provenance model,
        String nudgeName, Double nudgeAlpha) {

    public ProgressTimeline {
        fronts = List.copyOf(fronts);
        views = List.copyOf(views);
    }

    /** Whether any view has a real photo to compare with. */
    public boolean hasRealViews() {
        return views.stream().anyMatch(v -> !v.points().isEmpty());
    }
}
