package com.ivpstudio.studio;

import com.ivpstudio.inference.Comparison;

/**
 * A clinician's reading of how close a predicted view is to the real photo of that view. Both numbers must agree
 * for a better reading: SSIM (pixel structure: outlines, tooth edges) and the feature similarity (what the image
 * encoder sees: arch shape, crowding, colour). Measured on DEMO-01 (seed 0, its own month-20 photos): SSIM
 * 0.51–0.74 and feature similarity 0.87–0.99, all four views "close"; "very close" is kept for a prediction
 * that is nearly the photo itself (SimilarityReadingTest).
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
