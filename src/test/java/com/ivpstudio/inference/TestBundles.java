package com.ivpstudio.inference;

import com.ivpstudio.inference.bundle.BundleLoader;
import com.ivpstudio.inference.bundle.ManifestValidator;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Where the test bundles are: the one constant to change when the demo bundle moves. */
public final class TestBundles {

    /** The shipped demo bundle (trained in training/, committed under models/demo). */
    public static final Path DEMO = Path.of("models/demo");

    /** A tiny real bundle (32 px) committed for the tests. */
    public static final Path TINY = Path.of("src/test/resources/inference/tiny-bundle");

    /**
     * A small bundle made by training/ivp_training/import_reference from random-weight networks in the CLIP-IVP
     * reference layout (training/scripts/make_reference_test_bundle.py).
     */
    public static final Path REFERENCE_IMPORT = Path.of("src/test/resources/inference/reference-bundle");

    private TestBundles() {
    }

    public static boolean demoPresent() {
        return Files.isRegularFile(DEMO.resolve("manifest.json"));
    }

    /** A copy of a bundle folder in a fresh temporary directory (for tampering). */
    public static Path copy(Path bundle) {
        try {
            Path target = Files.createTempDirectory("ivp-test-bundle-");
            try (Stream<Path> s = Files.walk(bundle)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path t = target.resolve(bundle.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InferenceProperties props(int queueCapacity, int maxBatch) {
        return new InferenceProperties("auto", 0, 2, 10_000, 1, maxBatch, 2_000, queueCapacity, 60_000, 1000, 1000,
                16L << 20, 256);
    }

    public static ModelRuntime runtime() {
        return new ModelRuntime(new BundleLoader(ManifestValidator.standard(), BundleLoader.Settings.defaults()));
    }
}
