package com.ivpstudio.inference.bundle;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.engine.EngineDevice;
import com.ivpstudio.inference.engine.TorchModule;
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
 * Validates and loads a bundle (folder or zip) in the order of docs/model-bundle.md, then self-tests it
 * ({@link BundleSelfTest}).
 * Every check goes into the {@link ValidationReport}; on any failure nothing stays loaded.
 */
public final class BundleLoader {

    /** How modules are loaded. */
    public record Settings(String device, int threads, int engineThreads, long engineWaitMillis) {
        public static Settings defaults() {
            return new Settings("auto", 0, 0, 10_000);
        }
    }

    public record Result(ValidationReport report, LoadedBundle bundle) {
    }


    private final ManifestValidator validator;
    private final Settings settings;

    public BundleLoader(ManifestValidator validator, Settings settings) {
        this.validator = validator;
        this.settings = settings;
    }

    /** Validation only: loads, self-tests and closes again. */
    public ValidationReport validate(Path location) {
        Result r = load(location);
        if (r.bundle() != null) {
            r.bundle().release();
        }
        return r.report();
    }

    public Result load(Path location) {
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
            OodStatistics ood = null;
            if (m.ood() != null) {
                ood = OodStatistics.read(root, m.ood());
                report.pass("ood statistics", "out-of-distribution check: Mahalanobis distance in " + m.ood().space()
                        + " space, threshold " + m.ood().threshold() + (m.ood().picture() == null ? ""
                        : "; picture statistics threshold " + m.ood().picture().threshold())
                        + (m.ood().orientationModule() == null ? "" : "; orientation reader"));
            }
            Device device = EngineDevice.choose(settings.device(), settings.threads(), settings.engineThreads());
            BundleTokenizer tokenizer = new BundleTokenizer(root.resolve(m.tokenizerFile()), m.contextLength());
            opened.add(tokenizer);
            report.pass("tokenizer", "loaded " + m.tokenizerFile() + " (context " + m.contextLength() + ")");
            Map<String, TorchModule> modules = new LinkedHashMap<>();
            List<String> files = new ArrayList<>(List.of(m.imageEncoderFile(), m.textEncoderFile(), m.mappingFile(),
                    m.synthesisFile()));
            if (m.ood() != null && m.ood().picture() != null) {
                files.add(m.ood().picture().module());
            }
            if (m.ood() != null && m.ood().orientationModule() != null) {
                files.add(m.ood().orientationModule());
            }
            for (String file : files) {
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
            PictureCheck pictureCheck = m.ood() == null || m.ood().picture() == null ? null : new PictureCheck(
                    modules.get(m.ood().picture().module()), OodStatistics.read(root, m.ood().picture()));
            LoadedBundle bundle = new LoadedBundle(location, root, m, sha, device, modules.get(m.imageEncoderFile()),
                    modules.get(m.textEncoderFile()), modules.get(m.mappingFile()), modules.get(m.synthesisFile()),
                    tokenizer, ood, pictureCheck, m.ood() == null ? null : modules.get(m.ood().orientationModule()),
                    temp);
            BundleSelfTest.run(bundle, report);
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

}
