package com.ivpstudio.closeness;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.Comparison;
import com.ivpstudio.language.TranslationFiles;
import java.util.Locale;
import java.util.stream.Stream;
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
    void eachVerdictComesWithItsOwnPlainHelpInBothLanguages() {
        ComparisonWording german = new ComparisonWording((k, p) -> FILES.getTranslation(k, Locale.GERMAN, p), Locale.GERMAN);
        Comparison close = new Comparison(0.65, 19.9, 0.94, 64);
        Comparison partly = new Comparison(0.45, 17.7, 0.95, 64);
        Comparison different = new Comparison(0.2, 12.0, 0.95, 64);
        assertThat(english().help(close)).contains("overall picture matches");
        assertThat(english().help(partly)).contains("do not read tooth positions");
        assertThat(english().help(different)).contains("does not resemble");
        assertThat(german.help(partly)).contains("Zahnstellungen");
        assertThat(Stream.of(close, partly, different).map(english()::help).distinct()).hasSize(3);
    }

    @Test
    void theExplanationStatesTheThresholdsTheVerdictUses() {
        // The studio's Advanced section once listed other thresholds than the ones the verdict used.
        assertThat(english().explanation()).contains("at least " + Closeness.CLOSE_SSIM, "at least " + Closeness.CLOSE_FEATURES,
                "below " + Closeness.DIFFERENT_SSIM, "below " + Closeness.DIFFERENT_FEATURES);
        ComparisonWording german = new ComparisonWording((k, p) -> FILES.getTranslation(k, Locale.GERMAN, p), Locale.GERMAN);
        assertThat(german.explanation()).contains("mindestens 0,5", "mindestens 0,9", "unter 0,3", "unter 0,6");
    }

    @Test
    void theStudiosEarlierDemoReadingsNowUseTheSameThreeSteps() {
        // DEMO-01, seed 0, as the studio's compare panel measured them (CasePageBrowserIT): the studio used to call
        // the left view (0.514 / 0.865) "Close" while the timeline and the report called the same numbers "Partly".
        assertThat(Closeness.of(new Comparison(0.738, 22.5, 0.990, 128))).isEqualTo(Closeness.CLOSE);
        assertThat(Closeness.of(new Comparison(0.514, 18.0, 0.865, 128))).isEqualTo(Closeness.PARTLY);
        assertThat(Closeness.of(new Comparison(0.9, 25.0, 0.6, 128))).as("sharp pixels, other content")
                .isEqualTo(Closeness.PARTLY);
        assertThat(Closeness.of(new Comparison(0.9, 25.0, 0.59, 128))).isEqualTo(Closeness.DIFFERENT);
        assertThat(Closeness.PARTLY.styleName()).isEqualTo("closeness-partly");
    }

    @Test
    void aMissingStructureScoreIsShownAsADashNotAsNaN() {
        assertThat(english().numbers(new Comparison(Double.NaN, 12.0, 0.5, 8)))
                .startsWith("Structure – ·").doesNotContain("NaN");
    }
}
