package com.ivpstudio.admin;

import com.ivpstudio.models.ManifestSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A clinician's reading of a model's evaluation: a few plain sentences (translation keys with their numbers) in
 * place of raw metric tags such as "nudge l1 rel improvement: 0.021", which stay under "Advanced". Each sentence
 * says what was measured in clinical words and, where there is one, what a trivial stand-in reached.
 */
final class ModelEvaluationReading {

    /** One sentence: a translation key of admin-models.properties and its parameters (numbers, or keys to translate). */
    record Sentence(String key, List<Object> params) {
    }

    /** A parameter that is itself a translation key (a view or a stand-in's name), translated by the screen. */
    record Word(String key) {
    }

    /** The measure a sentence uses, most telling first: likeness in the encoder's eyes, then structural similarity. */
    private static final List<String> MEASURES = List.of("feat_cos", "ssim");

    /** Below this margin over the best stand-in, the model is not called better. */
    private static final double CLEAR_MARGIN = 0.05;

    private ModelEvaluationReading() {
    }

    static List<Sentence> of(ManifestSummary manifest) {
        List<Sentence> out = new ArrayList<>();
        manifest.evaluationNumber("test_samples").ifPresent(n ->
                out.add(sentence("admin.models.reading.tested", n.longValue())));
        List<ManifestSummary.Section> sections = manifest.sections();
        Optional<ManifestSummary.Section> model = sections.stream().filter(s -> s.key().equals("model")).findFirst();
        model.ifPresent(m -> likeness(m, sections, out));
        manifest.evaluationNumber("retrieval", "top1").ifPresent(top1 -> out.add(
                manifest.evaluationNumber("retrieval", "chance_top1")
                        .map(chance -> sentence("admin.models.reading.retrieval", top1, chance))
                        .orElseGet(() -> sentence("admin.models.reading.retrieval-alone", top1))));
        manifest.evaluationNumber("nudge", "frac_patients_closer_feat")
                .or(() -> manifest.evaluationNumber("nudge", "frac_patients_closer_l1"))
                .ifPresent(closer -> out.add(sentence("admin.models.reading.nudge", closer,
                        manifest.evaluationNumber("nudge", "test_patients").map(Double::longValue).orElse(0L))));
        return out;
    }

    private static void likeness(ManifestSummary.Section model, List<ManifestSummary.Section> sections,
            List<Sentence> out) {
        Optional<String> measure = MEASURES.stream().filter(k -> model.value("all", k) != null).findFirst();
        if (measure.isEmpty()) {
            return;
        }
        String k = measure.get();
        double own = model.value("all", k);
        Optional<ManifestSummary.Section> best = sections.stream()
                .filter(s -> s.key().startsWith("baseline") && s.value("all", k) != null)
                .max(Comparator.comparingDouble(s -> s.value("all", k)));
        if (best.isPresent()) {
            double standIn = best.get().value("all", k);
            out.add(sentence("admin.models.reading.likeness." + k, own, standIn, standInName(best.get().key())));
            out.add(sentence(own - standIn >= CLEAR_MARGIN ? "admin.models.reading.verdict.better"
                    : "admin.models.reading.verdict.not-better"));
        } else {
            out.add(sentence("admin.models.reading.likeness-alone." + k, own));
        }
        List<Map.Entry<String, Double>> views = model.byView().entrySet().stream()
                .filter(e -> !e.getKey().equals("all") && e.getValue().get(k) != null)
                .map(e -> Map.entry(e.getKey(), e.getValue().get(k)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .toList();
        if (views.size() >= 2) {
            Map.Entry<String, Double> first = views.get(0);
            Map.Entry<String, Double> last = views.get(views.size() - 1);
            out.add(sentence("admin.models.reading.views", viewName(first.getKey()), first.getValue(),
                    viewName(last.getKey()), last.getValue()));
        }
    }

    static Word viewName(String view) {
        return new Word(ManifestSummary.VIEWS.contains(view) ? "admin.models.view." + view : "admin.models.view.other");
    }

    private static Word standInName(String section) {
        return new Word(switch (section) {
            case "baseline_mean_image", "baseline_nearest_train_patient", "baseline_linear_from_front" ->
                    "admin.models.stand-in." + section;
            default -> "admin.models.stand-in.other";
        });
    }

    private static Sentence sentence(String key, Object... params) {
        return new Sentence(key, List.of(params));
    }
}
