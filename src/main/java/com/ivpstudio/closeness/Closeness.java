package com.ivpstudio.closeness;

import com.ivpstudio.inference.Comparison;
import java.util.Locale;

/**
 * How close a prediction came to the real photo, in three plain steps. Both the structure (SSIM) and what the
 * image encoder sees (feature cosine) must agree for "close"; either one low enough makes it "different".
 * Measured on the demo cases with the demo model (ProgressTimelineIT prints them): DEMO-01's own first-visit views
 * score SSIM 0.43–0.65, cosine 0.54–0.97 (upper and lower close, right partly, left different); against another
 * phantom patient's photos the buccal views drop to cosine 0.28–0.35 (different) while the occlusal views stay
 * alike (phantom occlusal views differ little between patients).
 */
public enum Closeness {
    CLOSE, PARTLY, DIFFERENT;

    static final double CLOSE_SSIM = 0.5;
    static final double CLOSE_FEATURES = 0.9;
    static final double DIFFERENT_SSIM = 0.3;
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

    /** The style class that colours the verdict ({@code closeness-close}, …), the same on every screen. */
    public String styleName() {
        return "closeness-" + name().toLowerCase(Locale.ROOT);
    }
}
