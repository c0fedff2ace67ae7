package com.ivpstudio.inference.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.ivpstudio.inference.NudgeMeasurement;
import java.util.ArrayList;
import java.util.List;

/** The fields of a schema-valid manifest.json that the engine uses. */
public record BundleManifest(String id, String name, String version, boolean synthetic, String intendedUse,
        String imageEncoderFile, int embeddingDim, int inputSize, boolean encoderTakesUint8, String textEncoderFile,
        String tokenizerFile, int contextLength, int padId, String mappingFile, String synthesisFile,
        List<String> views, int resolution, String displayAspect, int zDim, int wDim, int numWs, double defaultPsi,
        String zGenerator, double normMean, double normStd, String goldenIndex, double goldenTolerance,
        List<FileEntry> files, Double zSensitivity, OodSpec ood, NudgeMeasurement nudgeOnNewPatients) {

    public record FileEntry(String path, String sha256, long size) {
    }

    /**
     * The optional {@code ood} section (null when the bundle has no out-of-distribution check): the check on the
     * embedding, the optional second check on picture statistics ({@code picture}, null without it) and the
     * optional orientation reader ({@code orientationModule}, the file of {@code ood.orientation.module}, or null).
     */
    public record OodSpec(String file, int dim, String space, double shrinkage, double threshold, double percentile,
            PictureCheckSpec picture, String orientationModule) {

        static OodSpec of(JsonNode o) {
            return o.isMissingNode() ? null : new OodSpec(o.get("file").asText(), o.get("dim").asInt(),
                    o.get("space").asText(), o.get("shrinkage").asDouble(), o.get("threshold").asDouble(),
                    o.get("percentile").asDouble(), PictureCheckSpec.of(o.path("picture")),
                    o.path("orientation").isObject() ? o.path("orientation").get("module").asText() : null);
        }
    }

    /**
     * {@code ood.picture}: a TorchScript module that turns the image encoder's input into {@code dim} picture
     * statistics, and the Mahalanobis statistics of the training fronts' values in {@code file}.
     */
    public record PictureCheckSpec(String module, String file, int dim, String space, double threshold) {

        static PictureCheckSpec of(JsonNode p) {
            return p.isMissingNode() ? null : new PictureCheckSpec(p.get("module").asText(), p.get("file").asText(),
                    p.get("dim").asInt(), p.get("space").asText(), p.get("threshold").asDouble());
        }
    }

    public static BundleManifest of(JsonNode m) {
        JsonNode enc = m.get("encoder");
        JsonNode text = m.get("text");
        JsonNode gen = m.get("generator");
        JsonNode stats = m.get("embedding_stats");
        List<String> views = new ArrayList<>();
        gen.get("views").forEach(v -> views.add(v.asText()));
        List<FileEntry> files = new ArrayList<>();
        m.get("files").forEach(f -> files.add(new FileEntry(f.get("path").asText(), f.get("sha256").asText(),
                f.get("size").asLong())));
        JsonNode golden = m.path("golden");
        return new BundleManifest(m.get("id").asText(), m.get("name").asText(), m.get("version").asText(),
                m.get("synthetic").asBoolean(), m.get("intended_use").asText(), enc.get("file").asText(),
                enc.get("embedding_dim").asInt(), enc.get("input_size").asInt(),
                enc.path("input_dtypes").toString().contains("\"uint8\""), text.get("encoder_file").asText(),
                text.get("tokenizer_file").asText(), text.get("context_length").asInt(), text.path("pad_id").asInt(0),
                gen.get("mapping_file").asText(), gen.get("synthesis_file").asText(), List.copyOf(views),
                gen.get("resolution").asInt(), gen.get("display_aspect").asText(), gen.get("z_dim").asInt(),
                gen.get("w_dim").asInt(), gen.get("num_ws").asInt(), gen.get("default_psi").asDouble(),
                gen.path("z_generator").asText(ZFromSeed.ALGORITHM), stats.get("norm_mean").asDouble(),
                stats.get("norm_std").asDouble(), golden.path("index").asText(null),
                golden.path("tolerance").asDouble(1e-4), List.copyOf(files), zSensitivity(gen),
                OodSpec.of(m.path("ood")), NudgeMeasurement.onNewPatients(m.path("evaluation").path("nudge")));
    }

    /** generator.z_sensitivity.mean_abs_change, or null when the exporter did not measure it. */
    private static Double zSensitivity(JsonNode gen) {
        JsonNode v = gen.path("z_sensitivity").path("mean_abs_change");
        return v.isNumber() ? v.asDouble() : null;
    }

    /** Display width for a height, from {@code display_aspect} ("5:3"). */
    public int displayWidth(int height) {
        String[] p = displayAspect.split(":");
        return (int) Math.round(height * Double.parseDouble(p[0]) / Double.parseDouble(p[1]));
    }
}
