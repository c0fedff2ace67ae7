package com.ivpstudio.progress;

import com.ivpstudio.inference.Comparison;
import com.ivpstudio.language.TranslationFiles;
import com.ivpstudio.language.UserFormats;
import java.util.Locale;

/**
 * The one way the app says how close a prediction came to a real photo — the progress timeline and the case report
 * both use it: a plain verdict ("Close match") with the measured numbers in small print and their explanation.
 */
public final class ComparisonWording {

    private final TranslationFiles words;
    private final Locale locale;

    public ComparisonWording(TranslationFiles words, Locale locale) {
        this.words = words;
        this.locale = locale;
    }

    /** "Close match", "Partly similar" or "Clearly different". */
    public String verdict(Comparison c) {
        return words.getTranslation("progress.closeness." + Closeness.of(c).name().toLowerCase(Locale.ROOT), locale);
    }

    /** The numbers behind the verdict, for the small print. */
    public String numbers(Comparison c) {
        return words.getTranslation("progress.closeness.numbers", locale,
                Double.isNaN(c.ssim()) ? "–" : UserFormats.number(c.ssim(), 2, locale),
                UserFormats.number(c.psnr(), 1, locale), UserFormats.number(c.featureCosine(), 2, locale));
    }

    /** What the verdict and the numbers mean, for a clinician. */
    public String explanation() {
        return words.getTranslation("progress.closeness.explanation", locale);
    }
}
