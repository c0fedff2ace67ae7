package com.ivpstudio.inference;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How far a front photo lies from the photos the model was trained on: the Mahalanobis distance of its embedding
 * to the training fronts' and, when the bundle has the second check, of its colour and brightness statistics; each
 * with the bundle's threshold (a high percentile of held-out training-like fronts). Recorded in every generated
 * image's provenance when the model has the check. A bundle with the orientation check also says which way up the
 * photo is: a turned photo is unusual too.
 *
 * @param score            the embedding's distance (0 = the average training front)
 * @param threshold        above it the photo is unlike the training photos
 * @param pictureScore     the picture statistics' distance; null when the bundle has no picture check
 * @param pictureThreshold the picture check's threshold; null without it
 * @param orientation      which way up the photo most probably is; null when the bundle has no orientation check
 */
public record OodScore(double score, double threshold,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double pictureScore,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double pictureThreshold,
        @JsonInclude(JsonInclude.Include.NON_NULL) PhotoOrientation orientation) {

    /** The embedding check alone. */
    public OodScore(double score, double threshold) {
        this(score, threshold, null, null, null);
    }

    /** The embedding and picture checks, without the orientation check. */
    public OodScore(double score, double threshold, Double pictureScore, Double pictureThreshold) {
        this(score, threshold, pictureScore, pictureThreshold, null);
    }

    /** True when the predictions for this photo are unreliable: some check says the photo is unlike them. */
    public boolean unusual() {
        return contentUnusual() || coloursUnusual() || turned();
    }

    /** The photo is not upright (false without the orientation check). */
    public boolean turned() {
        return orientation != null && !orientation.upright();
    }

    /** The embedding (what the photo shows) is unlike the training photos'. */
    public boolean contentUnusual() {
        return score > threshold;
    }

    /** The colours and brightness are unlike the training photos' (false without the picture check). */
    public boolean coloursUnusual() {
        return pictureScore != null && pictureScore > pictureThreshold;
    }
}
