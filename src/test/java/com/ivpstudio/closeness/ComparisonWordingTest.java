package com.ivpstudio.closeness;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Comparison;
import com.ivpstudio.language.TranslationFiles;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ComparisonWordingTest {

    private static final TranslationFiles FILES = new TranslationFiles();

    private static ComparisonWording english() {
        return new ComparisonWording((k, p) -> FILES.getTranslation(k, Locale.ENGLISH, p), Locale.ENGLISH);
    }

    @Test
    void closeNeedsStructureAndFeaturesToAgree() {
        assertThat(Closeness.of(new Comparison(0.65, 19.9, 0.94, 64))).isEqualTo(Closeness.CLOSE);
        assertThat(Closeness.of(new Comparison(0.65, 19.9, 0.85, 64))).isEqualTo(Closeness.PARTLY);
        assertThat(Closeness.of(new Comparison(0.45, 17.7, 0.95, 64))).isEqualTo(Closeness.PARTLY);
    }

    @Test
    void eitherMeasureFarOffMakesItClearlyDifferent() {
        assertThat(Closeness.of(new Comparison(0.43, 16.5, 0.54, 64))).isEqualTo(Closeness.DIFFERENT);
        assertThat(Closeness.of(new Comparison(0.2, 12.0, 0.95, 64))).isEqualTo(Closeness.DIFFERENT);
        assertThat(Closeness.of(new Comparison(Double.NaN, 12.0, 0.95, 8))).isEqualTo(Closeness.DIFFERENT);
    }

    @Test
    void theVerdictIsPlainWordsAndTheNumbersFollowTheUsersLocale() {
        Comparison c = new Comparison(0.6491, 19.94, 0.9391, 64);
        ComparisonWording english = english();
        ComparisonWording german = new ComparisonWording((k, p) -> FILES.getTranslation(k, Locale.GERMAN, p), Locale.GERMAN);
        assertThat(english.verdict(c)).isEqualTo("Close match");
        assertThat(german.verdict(c)).isEqualTo("Gute Übereinstimmung");
        assertThat(english.numbers(c)).isEqualTo("Structure 0.65 · pixel match 19.9 dB · features 0.94");
        assertThat(german.numbers(c)).isEqualTo("Struktur 0,65 · Pixelübereinstimmung 19,9 dB · Merkmale 0,94");
        assertThat(english.explanation()).contains("Close match", "SSIM", "PSNR");
        assertThat(german.explanation()).contains("Gute Übereinstimmung", "SSIM");
    }

    @Test
    void aMissingStructureScoreIsShownAsADashNotAsNaN() {
        assertThat(english().numbers(new Comparison(Double.NaN, 12.0, 0.5, 8)))
                .startsWith("Structure – ·").doesNotContain("NaN");
    }
}
