package com.ivpstudio.inference;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Validates and loads a bundle (folder or zip) in the order of docs/model-bundle.md, then self-tests it: every
 * golden case within tolerance, output shapes consistent with the manifest, tokenizer vectors and z vectors.
 * Every check goes into the {@link ValidationReport}; on any failure nothing stays loaded.
 */
final class BundleLoader {

    /** How modules are loaded. */
    record Settings(String device, int threads, int engineThreads, long engineWaitMillis) {
        static Settings defaults() {
            return new Settings("auto", 0, 0, 10_000);
        }
    }

    record Result(ValidationReport report, LoadedBundle bundle) {
    }

    private static final Set<String> MODULE_KEYS = Set.of("image_encoder.pt", "text_encoder.pt", "mapping.pt",
            "synthesis.pt");

    private final ManifestValidator validator;
    private final Settings settings;

    BundleLoader(ManifestValidator validator, Settings settings) {
        this.validator = validator;
        this.settings = settings;
    }

    /** Validation only: loads, self-tests and closes again. */
    ValidationReport validate(Path location) {
        Result r = load(location);
        if (r.bundle() != null) {
            r.bundle().release();
        }
        return r.report();
    }

    Result load(Path location) {
        ValidationReport report = new ValidationReport(location);
        Path temp = null;
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Path root = location;
            if (Files.isRegularFile(location)) {
                temp = Files.createTempDirectory("ivp-bundle-");
                root = unzip(location, temp, report);
                if (root == null) {
                    return new Result(report, null);
                }
            } else if (!Files.isDirectory(location)) {
                report.fail("bundle", "not found: " + location);
                return new Result(report, null);
            }
            Path manifestFile = root.resolve("manifest.json");
            if (!Files.isRegularFile(manifestFile)) {
                report.fail("manifest", "missing file: manifest.json");
                return new Result(report, null);
            }
            byte[] manifestBytes = Files.readAllBytes(manifestFile);
            String sha = Hashing.sha256(manifestBytes);
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(manifestBytes);
            } catch (IOException e) {
                report.fail("manifest", "invalid manifest: manifest.json is not valid JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
                return new Result(report, null);
            }
            report.pass("manifest", "manifest.json parsed (sha256 " + sha + ")");
            String refusal = validator.refusal(json);
            if (refusal != null) {
                report.fail("manifest schema", refusal);
                return new Result(report, null);
            }
            BundleManifest m = BundleManifest.of(json);
            report.identify(m.id(), sha);
            report.pass("manifest schema", "format ivp-model-bundle 1, " + m.id() + " " + m.version());
            if (!checkFiles(root, m, report)) {
                return new Result(report, null);
            }
            if (!ZFromSeed.ALGORITHM.equals(m.zGenerator())) {
                report.fail("z generator", "unsupported z_generator: " + m.zGenerator());
                return new Result(report, null);
            }
            if (!m.displayAspect().matches("[1-9][0-9]*:[1-9][0-9]*")) {
                report.fail("display aspect", "unsupported display_aspect: " + m.displayAspect());
                return new Result(report, null);
            }
            Device device = EngineDevice.choose(settings.device(), settings.threads(), settings.engineThreads());
            BundleTokenizer tokenizer = new BundleTokenizer(root.resolve(m.tokenizerFile()), m.contextLength());
            opened.add(tokenizer);
            report.pass("tokenizer", "loaded " + m.tokenizerFile() + " (context " + m.contextLength() + ")");
            Map<String, TorchModule> modules = new LinkedHashMap<>();
            for (String file : List.of(m.imageEncoderFile(), m.textEncoderFile(), m.mappingFile(), m.synthesisFile())) {
                try {
                    TorchModule mod = TorchModule.load(root.resolve(file), device, settings.engineWaitMillis());
                    opened.add(mod);
                    modules.put(file, mod);
                    report.pass("load " + file, "TorchScript loaded on " + device);
                } catch (Exception e) {
                    report.fail("load " + file, "cannot load TorchScript " + file + ": " + e.getMessage());
                    return new Result(report, null);
                }
            }
            LoadedBundle bundle = new LoadedBundle(location, root, m, sha, device, modules.get(m.imageEncoderFile()),
                    modules.get(m.textEncoderFile()), modules.get(m.mappingFile()), modules.get(m.synthesisFile()),
                    tokenizer, temp);
            selfTest(bundle, report);
            if (!report.ok()) {
                bundle.release();
                temp = null;
                opened.clear();
                return new Result(report, null);
            }
            opened.clear();
            temp = null;
            return new Result(report, bundle);
        } catch (IOException | RuntimeException e) {
            report.fail("bundle", "cannot read the bundle: " + e);
            return new Result(report, null);
        } finally {
            for (AutoCloseable c : opened) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
            LoadedBundle.deleteTree(temp);
        }
    }

    private static Path unzip(Path zip, Path target, ValidationReport report) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            Set<String> top = new HashSet<>();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                if (n.startsWith("/") || Arrays.asList(n.split("/")).contains("..") || n.contains("\\")) {
                    report.fail("zip", "unsafe path in zip: " + n);
                    return null;
                }
                top.add(n.split("/")[0]);
                Path out = target.resolve(n).normalize();
                if (!out.startsWith(target)) {
                    report.fail("zip", "unsafe path in zip: " + n);
                    return null;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = z.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            report.pass("zip", "extracted " + zip.getFileName());
            if (!Files.exists(target.resolve("manifest.json")) && top.size() == 1
                    && Files.isDirectory(target.resolve(top.iterator().next()))) {
                return target.resolve(top.iterator().next());
            }
            return target;
        } catch (java.util.zip.ZipException e) {
            report.fail("zip", "not a bundle folder or zip: " + zip.getFileName());
            return null;
        }
    }

    private static boolean checkFiles(Path root, BundleManifest m, ValidationReport report) throws IOException {
        boolean ok = true;
        for (BundleManifest.FileEntry f : m.files()) {
            Path p = root.resolve(f.path()).normalize();
            String name = "file " + f.path();
            if (!p.startsWith(root.normalize()) || !Files.isRegularFile(p)) {
                report.fail(name, "missing file: " + f.path());
                ok = false;
            } else if (Files.size(p) != f.size()) {
                report.fail(name, "size mismatch: " + f.path() + " (manifest " + f.size() + ", actual "
                        + Files.size(p) + ")");
                ok = false;
            } else {
                String h = Hashing.sha256(p);
                if (!h.equals(f.sha256())) {
                    report.fail(name, "sha256 mismatch: " + f.path() + " (manifest " + f.sha256() + ", actual " + h + ")");
                    ok = false;
                } else {
                    report.pass(name, "size and sha256 match");
                }
            }
        }
        return ok;
    }

    // ---- self-test ----

    private static void selfTest(LoadedBundle b, ValidationReport report) throws IOException {
        BundleManifest m = b.manifest;
        if (m.goldenIndex() == null || !Files.isRegularFile(b.root.resolve(m.goldenIndex()))) {
            report.fail("golden", "missing golden vectors (manifest golden.index)");
            return;
        }
        Path indexFile = b.root.resolve(m.goldenIndex());
        Path dir = indexFile.getParent();
        JsonNode index = Json.tree(indexFile);
        double tol = index.path("tolerance").asDouble(m.goldenTolerance());
        Map<String, TorchModule> byFile = Map.of(m.imageEncoderFile(), b.imageEncoder, m.textEncoderFile(),
                b.textEncoder, m.mappingFile(), b.mapping, m.synthesisFile(), b.synthesis);
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
            long[] want = expectedShape(m, module, batch);
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
        for (String module : List.of(m.imageEncoderFile(), m.textEncoderFile(), m.mappingFile(), m.synthesisFile())) {
            for (int batch : new int[] {1, 4}) {
                if (!covered.contains(module + "#" + batch) && report.checks().stream()
                        .noneMatch(ch -> ch.name().endsWith(module + " b" + batch))) {
                    report.fail("golden " + module + " b" + batch, "missing golden case: " + module + " batch " + batch);
                }
            }
        }
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
                long[] got = b.tokenizer.encode(v.path("text").asText());
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

    static long[] expectedShape(BundleManifest m, String module, int batch) {
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

    static Tensors readBin(Path file, String dtype, long[] shape) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return "int64".equals(dtype) ? Tensors.ofLongs(Tensors.longsFromLittleEndian(bytes), shape)
                : Tensors.of(Tensors.floatsFromLittleEndian(bytes), shape);
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

    static double maxAbsDiff(float[] a, float[] b) {
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

    static boolean isModuleKey(String k) {
        return MODULE_KEYS.contains(k);
    }
}
