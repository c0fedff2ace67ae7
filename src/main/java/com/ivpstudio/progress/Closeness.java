package com.ivpstudio.progress;

import com.ivpstudio.inference.Comparison;

/**
 * How close a prediction came to the real photo, in three plain steps. Both the structure (SSIM) and what the
 * image encoder sees (feature cosine) must agree for "close"; either one low enough makes it "different".
 * Thresholds from the demo cases (see ComparisonWordingTest): the same patient at the same visit scores SSIM
 * ≈ 0.5–0.7 and cosine ≈ 0.9+, another visit or patient clearly less.
 */
public enum Closeness {
    CLOSE, PARTLY, DIFFERENT;

    static final double CLOSE_SSIM = 0.45;
    static final double CLOSE_FEATURES = 0.85;
    static final double DIFFERENT_SSIM = 0.25;
    static final double DIFFERENT_FEATURES = 0.6;

    public static Closeness of(Comparison c) {
        double ssim = Double.isNaN(c.ssim()) ? 0 : c.ssim();
        if (ssim >= CLOSE_SSIM && c.featureCosine() >= CLOSE_FEATURES) {
            return CLOSE;
        }
        if (ssim < DIFFERENT_SSIM || c.featureCosine() < DIFFERENT_FEATURES) {
            return DIFFERENT;
        }
        return PARTLY;
    }
}
