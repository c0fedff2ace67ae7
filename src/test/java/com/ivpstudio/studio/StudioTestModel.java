package com.ivpstudio.studio;

import com.ivpstudio.inference.InferenceService;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes sure the app's inference runtime has a model for studio tests: the demo bundle when the app found it,
 * else the tiny real test bundle. Nothing is restored afterwards (all ITs share one context; every test that
 * needs a model activates one).
 */
final class StudioTestModel {

    static final Path TINY = Path.of("src", "test", "resources", "inference", "tiny-bundle");
    static final Path DEMO = Path.of("models", "demo");

    private StudioTestModel() {
    }

    static void ensureActive(InferenceService inference) {
        if (inference.activeBundle().isEmpty()) {
            inference.runtime().activate(Files.isRegularFile(DEMO.resolve("manifest.json")) ? DEMO : TINY);
        }
    }
}
