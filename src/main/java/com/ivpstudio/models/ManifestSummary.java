package com.ivpstudio.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.inference.NudgeMeasurement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the admin screen shows of a manifest: the free-text fields, the training summary and the evaluation metrics
 * as per-view tables (the manifest's {@code evaluation} object is free-form, so this reads it defensively).
 */
public final class ManifestSummary {

    /** The view rows of the metrics table, in this order. */
    public static final List<String> VIEWS = List.of("left", "right", "lower", "upper", "all");

    /** One section of {@code evaluation} with per-view metrics, e.g. "model" or "baseline_mean_image". */
    public record Section(String key, String label, List<String> metrics, Map<String, Map<String, Double>> byView) {

        public Double value(String view, String metric) {
            Map<String, Double> m = byView.get(view);
            return m == null ? null : m.get(metric);
        }
    }

    private static final List<String> METRIC_ORDER = List.of("psnr", "ssim", "feat_cos", "lpips", "fd");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_IMAGE_BYTES = 16L * 1024 * 1024;

    private final JsonNode manifest;

    private ManifestSummary(JsonNode manifest) {
        this.manifest = manifest;
    }

    public static ManifestSummary of(String manifestJson) {
        try {
            return new ManifestSummary(JSON.readTree(manifestJson == null ? "{}" : manifestJson));
        } catch (IOException e) {
            return new ManifestSummary(JSON.createObjectNode());
        }
    }

    /** What the exporter measured of the nudge on new patients, or null. */
    public NudgeMeasurement nudgeOnNewPatients() {
        return NudgeMeasurement.onNewPatients(manifest.path("evaluation").path("nudge"));
    }

    public String text(String field) {
        JsonNode n = manifest.path(field);
        return n.isValueNode() ? n.asText() : "";
    }

    /** "D 512 · 128 px · z 64 · ψ 0.7" and similar facts about the architecture. */
    public String architecture() {
        JsonNode enc = manifest.path("encoder");
        JsonNode gen = manifest.path("generator");
        List<String> parts = new ArrayList<>();
        if (enc.has("embedding_dim")) {
            parts.add("embedding " + enc.path("embedding_dim").asInt());
        }
        if (gen.has("resolution")) {
            parts.add(gen.path("resolution").asInt() + " px output");
        }
        if (gen.has("z_dim")) {
            parts.add("z " + gen.path("z_dim").asInt());
        }
        if (gen.has("default_psi")) {
            parts.add("ψ " + gen.path("default_psi").asDouble());
        }
        if (enc.has("kind")) {
            parts.add(enc.path("kind").asText());
        }
        return String.join(" · ", parts);
    }

    /**
     * Where the networks come from: the manifest's {@code source} block (docs/model-bundle.md) for a model imported
     * from the CLIP-IVP reference code, naming its input files and the first 12 hex digits of their sha256; "trained
     * with IVP Studio's trainer" when the block is absent.
     */
    public String origin() {
        JsonNode src = manifest.path("source");
        if (!"reference-import".equals(src.path("kind").asText())) {
            return "trained with IVP Studio's trainer";
        }
        List<String> files = new ArrayList<>();
        src.path("files").forEach(f -> files.add(f.path("name").asText() + " (" + f.path("role").asText() + ", sha256 "
                + f.path("sha256").asText().substring(0, Math.min(12, f.path("sha256").asText().length())) + "…)"));
        return "imported from the CLIP-IVP reference code"
                + (src.path("clip").has("model") ? " with CLIP " + src.path("clip").path("model").asText() : "")
                + (files.isEmpty() ? "" : ": " + String.join(", ", files));
    }

    /** A few lines on how it was trained (steps, time, losses, GAN fine-tuning). */
    public List<String> training() {
        JsonNode t = manifest.path("training");
        List<String> lines = new ArrayList<>();
        if (t.path("data").has("source")) {
            lines.add("Data: " + t.path("data").path("source").asText()
                    + (t.path("data").has("train_samples") ? ", " + t.path("data").path("train_samples").asInt()
                            + " training samples" : ""));
        }
        for (String part : List.of("encoder", "generator")) {
            JsonNode p = t.path(part);
            if (p.has("steps")) {
                lines.add(capitalise(part) + ": " + p.path("steps").asInt() + " steps"
                        + (p.has("seconds") ? String.format(", %.0f s", p.path("seconds").asDouble()) : "")
                        + (p.has("objective") ? ", " + p.path("objective").asText() : "")
                        + (p.has("losses") ? ", losses " + join(p.path("losses")) : ""));
            }
        }
        if (t.has("gan_finetune")) {
            lines.add("GAN fine-tuning: " + (t.path("gan_finetune").asBoolean() ? "yes" : "no"));
        }
        return lines;
    }

    /** The sections of {@code evaluation} that hold per-view metrics, the model's first. */
    public List<Section> sections() {
        JsonNode ev = manifest.path("evaluation");
        List<Section> out = new ArrayList<>();
        if (!ev.isObject()) {
            return out;
        }
        ev.fields().forEachRemaining(f -> {
            JsonNode s = f.getValue();
            if (!s.isObject()) {
                return;
            }
            Map<String, Map<String, Double>> byView = new LinkedHashMap<>();
            Set<String> metrics = new LinkedHashSet<>();
            for (String view : VIEWS) {
                JsonNode v = s.path(view);
                if (v.isObject()) {
                    Map<String, Double> values = new LinkedHashMap<>();
                    v.fields().forEachRemaining(m -> {
                        if (m.getValue().isNumber()) {
                            values.put(m.getKey(), m.getValue().asDouble());
                            metrics.add(m.getKey());
                        } else if (m.getValue().isNull()) {
                            metrics.add(m.getKey());
                        }
                    });
                    byView.put(view, values);
                }
            }
            if (!byView.isEmpty()) {
                // PostgreSQL's jsonb does not keep key order: known metrics in a fixed order, others after.
                List<String> ordered = new ArrayList<>(METRIC_ORDER.stream().filter(metrics::contains).toList());
                metrics.stream().filter(k -> !METRIC_ORDER.contains(k)).sorted().forEach(ordered::add);
                out.add(new Section(f.getKey(), sectionLabel(f.getKey()), List.copyOf(ordered), byView));
            }
        });
        out.sort(java.util.Comparator.comparing((Section x) -> !x.key().equals("model")).thenComparing(Section::key));
        return out;
    }

    /** Scalar facts of {@code evaluation} (test sample count, retrieval top-1…), label → formatted value. */
    public Map<String, String> facts() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode ev = manifest.path("evaluation");
        ev.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber()) {
                out.put(humanise(f.getKey()), format(f.getValue().asDouble()));
            } else if (f.getValue().isObject() && sections().stream().noneMatch(s -> s.key().equals(f.getKey()))) {
                f.getValue().fields().forEachRemaining(g -> {
                    if (g.getValue().isNumber()) {
                        out.put(humanise(f.getKey()) + " " + humanise(g.getKey()), format(g.getValue().asDouble()));
                    }
                });
            }
        });
        return out;
    }

    /** A number of {@code evaluation} at {@code path} (e.g. "retrieval", "top1"), if the manifest has one. */
    public Optional<Double> evaluationNumber(String... path) {
        JsonNode n = manifest.path("evaluation");
        for (String step : path) {
            n = n.path(step);
        }
        return n.isNumber() ? Optional.of(n.asDouble()) : Optional.empty();
    }

    /**
     * A grid image shipped inside the bundle: the file named by the manifest ({@code grid_image} at the top level or
     * in {@code evaluation}), else {@code grid.png}, {@code evaluation/grid.png} or {@code images/grid.png}. Only a
     * PNG inside the bundle folder (no links, at most 16 MB).
     */
    public Optional<Path> gridImage(Path bundleDir) {
        List<String> candidates = new ArrayList<>();
        for (JsonNode n : List.of(manifest.path("grid_image"), manifest.path("evaluation").path("grid_image"),
                manifest.path("evaluation").path("grid"))) {
            if (n.isTextual()) {
                candidates.add(n.asText());
            }
        }
        candidates.addAll(List.of("grid.png", "evaluation/grid.png", "images/grid.png"));
        Path root = bundleDir.toAbsolutePath().normalize();
        for (String c : candidates) {
            if (c.isBlank() || c.startsWith("/") || c.contains("..") || c.contains("\\")) {
                continue;
            }
            Path p = root.resolve(c).normalize();
            try {
                if (p.startsWith(root) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.size(p) <= MAX_IMAGE_BYTES && isPng(p)) {
                    return Optional.of(p);
                }
            } catch (IOException e) {
                // not readable: try the next
            }
        }
        return Optional.empty();
    }

    private static boolean isPng(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] h = in.readNBytes(8);
            return h.length == 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G';
        }
    }

    public static String metricLabel(String key) {
        return switch (key) {
            case "psnr" -> "PSNR (dB)";
            case "ssim" -> "SSIM";
            case "feat_cos" -> "Feature cos";
            case "fd" -> "Fréchet dist.";
            case "lpips" -> "LPIPS";
            default -> humanise(key);
        };
    }

    static String sectionLabel(String key) {
        return switch (key) {
            case "model" -> "This model";
            case "baseline_mean_image" -> "Baseline: mean image";
            case "baseline_nearest_train_patient" -> "Baseline: nearest training patient";
            default -> capitalise(humanise(key));
        };
    }

    public static String format(Double v) {
        return format(v, Locale.ROOT);
    }

    /** As {@link #format(Double)}, with the decimal mark of {@code locale}. */
    public static String format(Double v, Locale locale) {
        if (v == null || v.isNaN()) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString(v.longValue());
        }
        double a = Math.abs(v);
        if (a != 0 && a < 0.01) {
            return String.format(locale, "%.2e", v);
        }
        return a >= 100 ? String.format(locale, "%.1f", v) : String.format(locale, "%.3f", v);
    }

    private static String humanise(String key) {
        return key.replace('_', ' ');
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String join(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return String.join(", ", s);
    }
}
