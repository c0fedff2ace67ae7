package com.ivpstudio.progress;

/**
 * What the timeline predicts with: the seed and ψ of the predicted views and, optionally, a treatment nudge (a
 * reference pair's before → after change applied with strength α).
 *
 * @param psi             null = the model's default
 * @param referencePairId null = no nudge
 */
public record ProgressSettings(long seed, Double psi, Long referencePairId, double alpha) {

    public static ProgressSettings defaults() {
        return new ProgressSettings(0, null, null, 1.0);
    }

    public boolean withNudge() {
        return referencePairId != null;
    }
}
