package com.ivpstudio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.language.Translations;
import com.ivpstudio.models.ManifestSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Models page reads a model's evaluation out in clinical words; raw metric tags never reach that reading. */
class ModelEvaluationReadingTest {

    private final Translations translations = new Translations();

    @Test
    // The demo model's likeness (0.80) is only 0.04 above picking the most similar training patient (0.76): the
    // reading says plainly that it is not clearly better.
    void theDemoModelsEvaluationReadsAsPlainSentencesInEnglishAndGerman() throws IOException {
        ManifestSummary demo = ManifestSummary.of(Files.readString(Path.of("models/demo/manifest.json")));

        List<ModelEvaluationReading.Sentence> reading = ModelEvaluationReading.of(demo);

        assertThat(reading).extracting(ModelEvaluationReading.Sentence::key).containsExactly(
                "admin.models.reading.tested", "admin.models.reading.likeness.feat_cos",
                "admin.models.reading.verdict.not-better", "admin.models.reading.views", "admin.models.reading.retrieval",
                "admin.models.reading.nudge");
        String english = String.join("\n", reading.stream().map(s -> read(s, Locale.ENGLISH)).toList());
        String german = String.join("\n", reading.stream().map(s -> read(s, Locale.GERMAN)).toList());
        System.out.println("[reading] en:\n" + english + "\n[reading] de:\n" + german);
        assertThat(english).contains("Tested on 51 cases", "Likeness of the predicted views to the real ones: 0.80",
                "the most similar training patient, reaches 0.76", "not clearly better",
                "Most reliable view: Lower occlusal view (0.95)", "Least reliable: Right buccal view (0.66)",
                "in 33% of test cases", "(guessing: 2%)", "for 42% of 90 test patients")
                .doesNotContain("rel improvement", "l1", "feat_cos", "!admin.");
        assertThat(german).contains("Geprüft an 51 Fällen", "0,80", "Unterkieferaufsicht (okklusal) (0,95)",
                "Seitenansicht rechts (0,66)", "33\u00a0%", "42\u00a0% von 90").doesNotContain("!admin.");
    }

    @Test
    void aModelClearlyAboveItsBestStandInIsCalledBetterAndSsimServesWhenThereIsNoFeatureLikeness() {
        ManifestSummary strong = ManifestSummary.of("""
                {"evaluation": {"model": {"all": {"ssim": 0.72}, "left": {"ssim": 0.7}, "upper": {"ssim": 0.8}},
                 "baseline_mean_image": {"all": {"ssim": 0.51}}, "baseline_other": {"all": {"ssim": 0.6}}}}""");

        List<ModelEvaluationReading.Sentence> reading = ModelEvaluationReading.of(strong);
        assertThat(reading).extracting(ModelEvaluationReading.Sentence::key).containsExactly(
                "admin.models.reading.likeness.ssim", "admin.models.reading.verdict.better",
                "admin.models.reading.views");
        assertThat(read(reading.get(0), Locale.ENGLISH)).contains("0.72", "another simple stand-in, reaches 0.60");
        assertThat(ModelEvaluationReading.of(ManifestSummary.of("{}"))).isEmpty();
    }

    @Test
    void oneTestCaseIsCountedInTheSingular() {
        ModelEvaluationReading.Sentence tested = ModelEvaluationReading.of(
                ManifestSummary.of("{\"evaluation\": {\"test_samples\": 1}}")).get(0);

        assertThat(read(tested, Locale.ENGLISH)).isEqualTo("Tested on 1 case that was kept out of training.");
        assertThat(read(tested, Locale.GERMAN)).isEqualTo("Geprüft an 1 Fall außerhalb der Trainingsdaten.");
    }

    private String read(ModelEvaluationReading.Sentence sentence, Locale locale) {
        Object[] params = sentence.params().stream()
                .map(p -> p instanceof ModelEvaluationReading.Word w ? translations.translate(w.key(), locale) : p)
                .toArray();
        return translations.translate(sentence.key(), locale, params);
    }
}
