package com.ivpstudio;

import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An integration test's hold on the app's active model. All ITs share one application, so a test that needs a
 * model makes sure one is active (the demo bundle when the app found it, else the tiny real test bundle) and, on
 * close, puts back exactly what was active before — the same bundle, or none — whatever it did in between.
 */
public final class ActiveModel implements AutoCloseable {

    static final Path TINY = Path.of("src", "test", "resources", "inference", "tiny-bundle");
    static final Path DEMO = Path.of("models", "demo");

    private final ModelRuntime runtime;
    private final Optional<BundleInfo> before;

    private ActiveModel(ModelRuntime runtime) {
        this.runtime = runtime;
        this.before = runtime.current();
    }

    /** Remembers what is active and activates a model if none is. */
    public static ActiveModel ensure(InferenceService inference) {
        ActiveModel held = new ActiveModel(inference.runtime());
        if (held.before.isEmpty()) {
            held.runtime.activate(Files.isRegularFile(DEMO.resolve("manifest.json")) ? DEMO : TINY);
        }
        return held;
    }

    /** The model that was active when this hold began comes back (a reload only when something else is active). */
    @Override
    public void close() {
        String now = runtime.current().map(BundleInfo::sha256).orElse(null);
        if (Objects.equals(now, before.map(BundleInfo::sha256).orElse(null))) {
            return;
        }
        if (before.isPresent()) {
            runtime.activate(before.get().location());
        } else {
            runtime.deactivate();
        }
    }
}
