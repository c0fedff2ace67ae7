package com.ivpstudio.closeness;

import com.ivpstudio.inference.Comparison;
import com.ivpstudio.language.UserFormats;
import java.util.Locale;

/**
 * The one way the app says how close a prediction came to a real photo — the studio's compare panel, the progress
 * timeline and the case report all use it (and any other screen may: this package depends on no feature): a plain
 * verdict ("Close match") with the measured numbers in small print and their explanation.
 */
public final class ComparisonWording {

    private final Words words;
    private final Locale locale;

    /** @param locale the numbers' format, the same language as {@code words} */
    public ComparisonWording(Words words, Locale locale) {
        this.words = words;
        this.locale = locale;
    }

    /** "Close match", "Partly similar" or "Clearly different". */
    public String verdict(Comparison c) {
        return words.get("closeness." + Closeness.of(c).name().toLowerCase(Locale.ROOT));
    }

    /** What the verdict means for reading the prediction, in one sentence. */
    public String help(Comparison c) {
        return words.get("closeness." + Closeness.of(c).name().toLowerCase(Locale.ROOT) + ".help");
    }

    /** The numbers behind the verdict, for the small print. */
    public String numbers(Comparison c) {
        return words.get("closeness.numbers",
                Double.isNaN(c.ssim()) ? "–" : UserFormats.number(c.ssim(), 2, locale),
                UserFormats.number(c.psnr(), 1, locale), UserFormats.number(c.featureCosine(), 2, locale));
    }

    /** What the verdict and the numbers mean, for a clinician. */
    public String explanation() {
        return words.get("closeness.explanation") + " " + words.get("closeness.thresholds",
                UserFormats.number(Closeness.CLOSE_SSIM, 1, locale),
                UserFormats.number(Closeness.CLOSE_FEATURES, 1, locale),
                UserFormats.number(Closeness.DIFFERENT_SSIM, 1, locale),
                UserFormats.number(Closeness.DIFFERENT_FEATURES, 1, locale));
    }
}
