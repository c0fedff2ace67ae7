package com.ivpstudio.inference;

/**
 * How far a front photo's embedding lies from the photos the model was trained on: the Mahalanobis distance to the
 * training fronts, and the bundle's threshold (the 99th percentile of held-out training-like fronts). Recorded in
 * every generated image's provenance when the model has the check.
 *
 * @param score     the distance (0 = the average training front)
 * @param threshold above it the photo is unlike the training photos
 */
public record OodScore(double score, double threshold) {

    /** True when the predictions for this photo are unreliable. */
    public boolean unusual() {
        return score > threshold;
    }
}
