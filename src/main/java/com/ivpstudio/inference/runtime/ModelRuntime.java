package com.ivpstudio.inference.runtime;

import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.BundleRejectedException;
import com.ivpstudio.inference.NoActiveModelException;
import com.ivpstudio.inference.bundle.BundleLoader;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.bundle.ValidationReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active model bundle, swapped atomically. Requests in flight keep a reference to the bundle they started on
 * and finish there; new requests get the new bundle; the old one closes when its last request ends. Caches are
 * keyed by the bundle's sha256, so nothing mixes.
 */
public class ModelRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ModelRuntime.class);

    private final BundleLoader loader;
    private final AtomicReference<LoadedBundle> active = new AtomicReference<>();
    private final Object activation = new Object();

    public ModelRuntime(BundleLoader loader) {
        this.loader = loader;
    }

    /**
     * Validates, loads and self-tests the bundle (folder or zip), then makes it the active one. On failure the
     * current bundle keeps serving and {@link BundleRejectedException} carries the report.
     */
    public ValidationReport activate(Path bundleDirOrZip) {
        synchronized (activation) {
            long t0 = System.nanoTime();
            BundleLoader.Result r = loader.load(bundleDirOrZip);
            if (r.bundle() == null) {
                log.warn("Model bundle {} refused: {}", bundleDirOrZip, r.report().firstFailure());
                throw new BundleRejectedException(r.report());
            }
            LoadedBundle old = active.getAndSet(r.bundle());
            log.info("Active model bundle: {} {} (sha256 {}) from {} on {}, loaded and self-tested in {} ms",
                    r.bundle().manifest().id(), r.bundle().manifest().version(), r.bundle().sha256(), bundleDirOrZip,
                    r.bundle().info().device(), (System.nanoTime() - t0) / 1_000_000);
            if (old != null) {
                old.release();
            }
            return r.report();
        }
    }

    /** The active bundle, if any. */
    public Optional<BundleInfo> current() {
        LoadedBundle b = active.get();
        return b == null ? Optional.empty() : Optional.of(b.info());
    }

    /** No active bundle any more (requests in flight finish). */
    public void deactivate() {
        synchronized (activation) {
            LoadedBundle old = active.getAndSet(null);
            if (old != null) {
                log.info("Model bundle {} deactivated", old.manifest().id());
                old.release();
            }
        }
    }

    /** A reference to the active bundle for one operation; close it when done. */
    public Lease acquire() {
        while (true) {
            LoadedBundle b = active.get();
            if (b == null) {
                throw new NoActiveModelException();
            }
            if (b.tryRetain()) {
                return new Lease(b);
            }
        }
    }

    @Override
    public void close() {
        deactivate();
    }

    /** One operation's hold on a bundle. */
    public static final class Lease implements AutoCloseable {
        private final LoadedBundle bundle;
        private boolean released;

        Lease(LoadedBundle bundle) {
            this.bundle = bundle;
        }

        public LoadedBundle bundle() {
            return bundle;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                bundle.release();
            }
        }
    }
}
