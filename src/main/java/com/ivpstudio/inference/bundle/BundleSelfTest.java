package com.ivpstudio.inference.bundle;

import com.ivpstudio.inference.LittleEndian;
import com.ivpstudio.inference.PhotoOrientation;
import com.fasterxml.jackson.databind.JsonNode;
import com.ivpstudio.inference.engine.Tensors;
import com.ivpstudio.inference.engine.TorchModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The self-test of a loaded bundle against its own golden vectors: every golden case within tolerance, output shapes
 * consistent with the manifest, the uint8 photo path where the manifest declares it, tokenizer vectors and z vectors.
 * Each check goes into the {@link ValidationReport}.
 */
final class BundleSelfTest {

    private BundleSelfTest() {
    }

    static void run(LoadedBundle b, ValidationReport report) throws IOException {
        BundleManifest m = b.manifest();
        if (m.goldenIndex() == null || !Files.isRegularFile(b.root().resolve(m.goldenIndex()))) {
            report.fail("golden", "missing golden vectors (manifest golden.index)");
            return;
        }
        Path indexFile = b.root().resolve(m.goldenIndex());
        Path dir = indexFile.getParent();
        JsonNode index = Json.tree(indexFile);
        double tol = index.path("tolerance").asDouble(m.goldenTolerance());
        Map<String, TorchModule> byFile = b.modulesByFile();
        Set<String> covered = new HashSet<>();
        for (JsonNode c : index.path("cases")) {
            String module = c.path("module").asText();
            int batch = c.path("batch").asInt();
            String name = "golden " + module + " b" + batch;
            TorchModule mod = byFile.get(module);
            if (mod == null) {
                report.fail(name, "golden case for an unknown module: " + module);
                continue;
            }
            List<Tensors> ins = new ArrayList<>();
            for (JsonNode in : c.path("inputs")) {
                ins.add(readBin(dir.resolve(in.path("file").asText()), in.path("dtype").asText(), shape(in)));
            }
            JsonNode outSpec = c.path("outputs").get(0);
            Tensors expected = readBin(dir.resolve(outSpec.path("file").asText()), outSpec.path("dtype").asText(),
                    shape(outSpec));
            Tensors actual;
            try {
                actual = mod.run(ins.toArray(Tensors[]::new));
            } catch (RuntimeException e) {
                report.fail(name, module + " failed on its golden input: " + e.getMessage());
                continue;
            }
            long[] want = expectedShape(b, module, batch);
            if (!Arrays.equals(actual.shape(), want)) {
                report.fail("shape " + module + " b" + batch, module + " output " + Arrays.toString(actual.shape())
                        + " but the manifest implies " + Arrays.toString(want));
                continue;
            }
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                report.fail(name, module + " output " + Arrays.toString(actual.shape()) + " but golden "
                        + Arrays.toString(expected.shape()));
                continue;
            }
            double diff = maxAbsDiff(actual.floats(), expected.floats());
            if (diff < tol) {
                report.pass(name, String.format("max abs diff %.3g < %.3g", diff, tol));
                covered.add(module + "#" + batch);
            } else {
                report.fail(name, String.format("self-test failed: %s batch %d differs from the golden output by %.3g"
                        + " (tolerance %.3g)", module, batch, diff, tol));
            }
            if (module.equals(m.imageEncoderFile()) && m.encoderTakesUint8()) {
                checkUint8Input(mod, ins.get(0), expected, tol, name + " uint8", report);
            }
        }
        List<String> required = new ArrayList<>(List.of(m.imageEncoderFile(), m.textEncoderFile(), m.mappingFile(),
                m.synthesisFile()));
        if (b.pictureCheck() != null) {
            required.add(m.ood().picture().module());
        }
        if (b.checksOrientation()) {
            required.add(m.ood().orientationModule());
        }
        for (String module : required) {
            for (int batch : new int[] {1, 4}) {
                if (!covered.contains(module + "#" + batch) && report.checks().stream()
                        .noneMatch(ch -> ch.name().endsWith(module + " b" + batch))) {
                    report.fail("golden " + module + " b" + batch, "missing golden case: " + module + " batch " + batch);
                }
            }
        }
        checkOodVectors(b, index, dir, report);
        String tokFile = index.path("tokenizer_vectors").asText("tokenizer_vectors.json");
        if (Files.isRegularFile(dir.resolve(tokFile))) {
            JsonNode tv = Json.tree(dir.resolve(tokFile));
            int bad = 0;
            String first = null;
            for (JsonNode v : tv.path("vectors")) {
                long[] want = new long[v.path("ids").size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = v.path("ids").get(i).asLong();
                }
                long[] got = b.tokenizer().encode(v.path("text").asText());
                if (!Arrays.equals(want, got)) {
                    bad++;
                    first = first == null ? v.path("text").asText() : first;
                }
            }
            if (bad == 0) {
                report.pass("tokenizer vectors", tv.path("vectors").size() + " texts tokenised identically");
            } else {
                report.fail("tokenizer vectors", bad + " tokenizer vectors differ, first: " + Json.write(first));
            }
        } else {
            report.fail("tokenizer vectors", "missing golden/" + tokFile);
        }
        String zFile = index.path("z_vectors").asText("z_from_seed.json");
        if (Files.isRegularFile(dir.resolve(zFile))) {
            JsonNode zv = Json.tree(dir.resolve(zFile));
            double worst = 0;
            for (JsonNode v : zv.path("vectors")) {
                float[] z = ZFromSeed.z(v.path("seed").asLong(), m.zDim());
                if (v.path("z").size() != z.length) {
                    worst = Double.POSITIVE_INFINITY;
                    break;
                }
                for (int i = 0; i < z.length; i++) {
                    worst = Math.max(worst, Math.abs(z[i] - v.path("z").get(i).asDouble()));
                }
            }
            if (worst <= 1e-6) {
                report.pass("z vectors", "z from seed matches (max abs diff " + worst + ")");
            } else {
                report.fail("z vectors", "z from seed differs from golden/" + zFile + " (max abs diff " + worst + ")");
            }
        } else {
            report.fail("z vectors", "missing golden/" + zFile);
        }
    }

    /**
     * golden/ood_vectors.json: the out-of-distribution scores Python computed for the golden image-encoder outputs
     * (and, with the picture check, for the picture module's golden outputs); the distances here must give the same
     * numbers.
     */
    private static void checkOodVectors(LoadedBundle b, JsonNode index, Path dir, ValidationReport report)
            throws IOException {
        String file = index.path("ood_vectors").asText(null);
        if (b.ood() == null) {
            if (file != null) {
                report.fail("ood vectors", "golden/" + file + " is listed, but the manifest has no ood section");
            }
            return;
        }
        if (file == null || !Files.isRegularFile(dir.resolve(file))) {
            report.fail("ood vectors", "missing golden OOD scores (golden index ood_vectors)");
            return;
        }
        JsonNode vectors = Json.tree(dir.resolve(file));
        double tol = vectors.path("tolerance").asDouble(1e-3);
        checkScores("ood vectors", b.ood(), vectors.path("vectors"), "embedding_file", dir, file, tol, report);
        if (b.pictureCheck() != null) {
            checkScores("ood picture vectors", b.pictureCheck().statistics(), vectors.path("picture_vectors"),
                    "statistics_file", dir, file, tol, report);
        } else if (vectors.has("picture_vectors")) {
            report.fail("ood picture vectors", "golden/" + file + " has picture scores, but the manifest has no"
                    + " picture check");
        }
    }

    private static void checkScores(String name, OodStatistics check, JsonNode vectors, String fileKey, Path dir,
            String file, double tol, ValidationReport report) throws IOException {
        double worst = 0;
        int d = check.dim();
        for (JsonNode v : vectors) {
            float[] all = LittleEndian.floats(Files.readAllBytes(dir.resolve(v.path(fileKey).asText())));
            float[] row = Arrays.copyOfRange(all, v.path("row").asInt() * d, (v.path("row").asInt() + 1) * d);
            worst = Math.max(worst, Math.abs(check.distance(row) - v.path("score").asDouble()));
        }
        if (worst <= tol && !vectors.isEmpty()) {
            report.pass(name, vectors.size() + " golden OOD scores match (max abs diff "
                    + String.format("%.3g", worst) + ")");
        } else if (vectors.isEmpty()) {
            report.fail(name, "golden/" + file + " has no scores for this check");
        } else {
            report.fail(name, String.format("the OOD scores differ from golden/%s by %.3g (tolerance %.3g)",
                    file, worst, tol));
        }
    }

    static long[] expectedShape(LoadedBundle b, String module, int batch) {
        BundleManifest m = b.manifest();
        if (b.pictureCheck() != null && module.equals(m.ood().picture().module())) {
            return new long[] {batch, b.pictureStatisticsDim()};
        }
        if (b.checksOrientation() && module.equals(m.ood().orientationModule())) {
            return new long[] {batch, PhotoOrientation.values().length};
        }
        if (module.equals(m.imageEncoderFile()) || module.equals(m.textEncoderFile())) {
            return new long[] {batch, m.embeddingDim()};
        }
        if (module.equals(m.mappingFile())) {
            return new long[] {batch, m.numWs(), m.wDim()};
        }
        return new long[] {batch, 3, m.resolution(), m.resolution()};
    }

    private static long[] shape(JsonNode spec) {
        long[] s = new long[spec.path("shape").size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = spec.path("shape").get(i).asLong();
        }
        return s;
    }

    public static Tensors readBin(Path file, String dtype, long[] shape) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return "int64".equals(dtype) ? Tensors.ofLongs(LittleEndian.longs(bytes), shape)
                : Tensors.of(LittleEndian.floats(bytes), shape);
    }

    /**
     * A bundle that declares uint8 encoder input must give the golden output for the golden photo sent as bytes:
     * production sends photos that way, so this is the path the self-test has to prove.
     */
    private static void checkUint8Input(TorchModule encoder, Tensors floatInput, Tensors expected, double tol,
            String name, ValidationReport report) {
        float[] f = floatInput.floats();
        byte[] bytes = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            if (f[i] != Math.rint(f[i]) || f[i] < 0 || f[i] > 255) {
                report.fail(name, "the manifest declares uint8 input, but the golden photo is not whole 0..255 values");
                return;
            }
            bytes[i] = (byte) f[i];
        }
        try {
            Tensors actual = encoder.run(Tensors.ofUnsignedBytes(bytes, true, floatInput.shape()));
            double diff = maxAbsDiff(actual.floats(), expected.floats());
            if (Arrays.equals(actual.shape(), expected.shape()) && diff < tol) {
                report.pass(name, String.format("uint8 input: max abs diff %.3g < %.3g", diff, tol));
            } else {
                report.fail(name, String.format("the manifest declares uint8 input, but the image encoder's output for"
                        + " the golden photo as uint8 differs from the golden output by %.3g", diff));
            }
        } catch (RuntimeException e) {
            report.fail(name, "the manifest declares uint8 input, but the image encoder failed on it: " + e.getMessage());
        }
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            double x = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(x)) {
                return Double.POSITIVE_INFINITY;
            }
            d = Math.max(d, x);
        }
        return d;
    }
}
