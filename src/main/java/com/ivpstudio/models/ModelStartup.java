package com.ivpstudio.models;

import com.ivpstudio.inference.BundleRejectedException;
import com.ivpstudio.inference.runtime.ModelRuntime;
import com.ivpstudio.inference.StartupModelActivation;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The registry decides what the engine serves at start: leftovers of interrupted uploads are removed, the stored
 * bundles are swept ({@link StoreSweep}), the demo bundle is registered and activated on the first start, and on
 * later starts the registry's active bundle is activated unless the engine already serves it. One node at a time
 * (the registry's advisory lock): when two start on an empty database, one installs the demo bundle and the other
 * materialises it from the database. It runs before the
 * demo data seeding (order 10), which takes half a minute on a first start: the web server already answers then,
 * and a clinician who signs in should find the model there.
 */
@Component
@Order(1)
class ModelStartup implements StartupModelActivation, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelStartup.class);

    private final ModelStore store;
    private final ModelRepository repository;
    private final ModelLifecycle lifecycle;
    private final StoreSweep sweep;
    private final DemoInstall demo;
    private final ModelProperties properties;
    private final BundleReplica replica;
    private final RegistryFollower follower;

    ModelStartup(ModelStore store, ModelRepository repository, ModelLifecycle lifecycle, StoreSweep sweep,
            DemoInstall demo, ModelProperties properties, BundleReplica replica, RegistryFollower follower) {
        this.replica = replica;
        this.follower = follower;
        this.store = store;
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.sweep = sweep;
        this.demo = demo;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        onStart();
    }

    void onStart() {
        store.exclusively(() -> {
            store.cleanIncoming();
            long t0 = System.nanoTime();
            syncWithDatabase();
            int flagged = sweep.sweep();
            log.info("Swept the model store in {} ms: {} of {} bundles flagged", (System.nanoTime() - t0) / 1_000_000,
                    flagged, repository.count());
            serveRegistryModel();
            follower.following(repository.active().map(ModelBundle::manifestSha256).orElse(null));
            return null;
        });
    }

    void installDemo(ModelRuntime runtime, Path folder) {
        store.exclusively(() -> {
            demo.install(runtime, folder);
            return null;
        });
    }

    /**
     * The database is the source of truth of every bundle's files: a bundle only this node has (registered before
     * the database held files) is published, one this node lacks or whose copy no longer matches is materialised.
     */
    private void syncWithDatabase() {
        for (ModelBundle b : repository.all()) {
            replica.publishIfMissing(b);
            replica.localCopy(b);
        }
    }

    private void serveRegistryModel() {
        Optional<ModelRuntime> runtime = lifecycle.runtime();
        if (runtime.isEmpty()) {
            log.warn("No inference engine: the model registry cannot activate models");
            return;
        }
        if (repository.count() == 0) {
            demo.install(runtime.get(), DemoBundleSource.folder(properties.demoBundle()));
            return;
        }
        Optional<ModelBundle> active = repository.active();
        if (active.isEmpty()) {
            log.info("The model registry has no active model; the engine serves {}",
                    lifecycle.serving().map(i -> i.id() + " " + i.version()).orElse("nothing"));
            return;
        }
        ModelBundle b = active.get();
        if (lifecycle.serving().map(i -> i.sha256().equals(b.manifestSha256())).orElse(false)) {
            log.info("Active model {} {} ({}) is already served", b.bundleId(), b.version(), b.shortSha());
            return;
        }
        Optional<Path> dir = replica.localCopy(b);
        if (dir.isEmpty()) {
            log.error("The active model {} {} is missing from the model store {} and from the database", b.label(),
                    b.shortSha(), store.root());
            return;
        }
        // A flagged active bundle keeps serving (the engine loads TorchScript only, never a pickle): switching the
        // model off silently would be worse. The Models page shows the flag; the administrator decides.
        long t0 = System.nanoTime();
        try {
            runtime.get().activate(dir.get());
            log.info("Activated the registry's model {} {} ({}) in {} ms", b.bundleId(), b.version(), b.shortSha(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (BundleRejectedException e) {
            log.error("The registry's active model {} was refused by the engine: {}", b.label(),
                    e.report().firstFailure());
        }
    }
}
