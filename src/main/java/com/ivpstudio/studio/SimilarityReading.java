package com.ivpstudio.studio;

import com.ivpstudio.inference.Comparison;

/**
 * A clinician's reading of how close a predicted view is to the real photo of that view. Both numbers must agree
 * for a better reading: SSIM (pixel structure: outlines, tooth edges) and the feature similarity (what the image
 * encoder sees: arch shape, crowding, colour). The thresholds come from the demo cases, where a prediction of the
 * same visit scores about SSIM 0.5–0.7 and feature similarity 0.85–0.97, and a different patient's photo scores
 * clearly lower (see SimilarityReadingTest).
 */
enum SimilarityReading {
    VERY_CLOSE, CLOSE, LOOSELY_SIMILAR, DIFFERENT;

    static final double VERY_CLOSE_SSIM = 0.75;
    static final double VERY_CLOSE_FEATURES = 0.95;
    static final double CLOSE_SSIM = 0.5;
    static final double CLOSE_FEATURES = 0.85;
    static final double LOOSE_SSIM = 0.3;
    static final double LOOSE_FEATURES = 0.7;

    static SimilarityReading of(Comparison c) {
        return of(c.ssim(), c.featureCosine());
    }

    static SimilarityReading of(double ssim, double features) {
        if (ssim >= VERY_CLOSE_SSIM && features >= VERY_CLOSE_FEATURES) {
            return VERY_CLOSE;
        }
        if (ssim >= CLOSE_SSIM && features >= CLOSE_FEATURES) {
            return CLOSE;
        }
        if (ssim >= LOOSE_SSIM && features >= LOOSE_FEATURES) {
            return LOOSELY_SIMILAR;
        }
        return DIFFERENT;
    }

    /** Key of the words shown to the clinician ({@code casepage.similarity.*}). */
    String key() {
        return "casepage.similarity." + name();
    }
}
