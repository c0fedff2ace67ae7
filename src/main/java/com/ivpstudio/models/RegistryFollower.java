package com.ivpstudio.models;

import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.BundleRejectedException;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes this node follow the registry that all nodes share: when the registry's active bundle changes (activated,
 * rolled back on another node), this node materialises it if needed and switches its engine to it; bundles
 * registered elsewhere are materialised ahead of use, folders of bundles deleted elsewhere are removed, and copies
 * that no longer match their sha256 are replaced. It runs when another node announces a change and every
 * {@code ivp.cluster.reconcile-interval} for a node that missed the announcement. Retirement needs nothing here:
 * every node reads the status from the database.
 *
 * <p>It follows changes of the registry, not the engine: a node whose engine was switched by hand (tests, the
 * engine's own API) is left alone until the registry's active bundle changes again.
 */
@Component
public class RegistryFollower implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegistryFollower.class);

    private final ModelStore store;
    private final ModelRepository repository;
    private final BundleReplica replica;
    private final ObjectProvider<ModelRuntime> runtime;
    private final ExecutorService wakeups = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "registry-follower");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** The registry's active bundle this node last made its engine serve; null before start-up decided. */
    private volatile String followed;
    private volatile boolean started;

    RegistryFollower(ModelStore store, ModelRepository repository, BundleReplica replica,
            ObjectProvider<ModelRuntime> runtime) {
        this.store = store;
        this.repository = repository;
        this.replica = replica;
        this.runtime = runtime;
    }

    /** Start-up has made the engine serve the registry's active bundle {@code sha} (or none). */
    void following(String sha) {
        followed = sha;
        started = true;
    }

    /** Another node announced a change: reconcile soon, on this follower's own thread (never on the caller's). */
    public void wake() {
        if (wakeupPending.compareAndSet(false, true)) {
            wakeups.execute(() -> {
                wakeupPending.set(false);
                reconcile();
            });
        }
    }

    @Scheduled(initialDelayString = "${ivp.cluster.reconcile-interval:15s}",
            fixedDelayString = "${ivp.cluster.reconcile-interval:15s}")
    void scheduled() {
        reconcile();
    }

    /** One pass; never throws (a database outage is logged and the next pass tries again). */
    synchronized void reconcile() {
        if (!started) {
            return;
        }
        try {
            store.locally(() -> {
                followActive();
                materialiseOffered();
                removeDeleted();
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not reconcile with the model registry: {}", e.toString());
        }
    }

    private void followActive() {
        Optional<ModelBundle> active = repository.active();
        String sha = active.map(ModelBundle::manifestSha256).orElse(null);
        if (Objects.equals(sha, followed) || active.isEmpty()) {
            return;
        }
        ModelBundle b = active.get();
        ModelRuntime engine = runtime.getIfAvailable();
        if (engine == null) {
            return;
        }
        if (engine.current().map(BundleInfo::sha256).filter(sha::equals).isPresent()) {
            followed = sha;
            return;
        }
        Optional<Path> dir = replica.localCopy(b);
        if (dir.isEmpty()) {
            return; // logged by the replica; the next pass tries again
        }
        long t0 = System.nanoTime();
        try {
            engine.activate(dir.get());
            followed = sha;
            log.info("Followed the registry: now serving {} {} ({}), switched in {} ms", b.bundleId(), b.version(),
                    b.shortSha(), (System.nanoTime() - t0) / 1_000_000);
        } catch (BundleRejectedException e) {
            log.error("The registry's active model {} was refused by this node's engine: {}", b.label(),
                    e.report().firstFailure());
        }
    }

    /** Bundles that can be activated are copied ahead, so that an activation does not wait for the copy. */
    private void materialiseOffered() {
        for (ModelBundle b : repository.all()) {
            if (b.status() != ModelStatus.RETIRED) {
                replica.localCopy(b);
            }
        }
    }

    private void removeDeleted() {
        Set<String> registered = repository.all().stream().map(ModelBundle::manifestSha256)
                .collect(Collectors.toSet());
        if (!Files.isDirectory(store.root())) {
            return;
        }
        try (Stream<Path> s = Files.list(store.root())) {
            s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}"))
                    .filter(p -> !registered.contains(p.getFileName().toString()))
                    .forEach(p -> {
                        String sha = p.getFileName().toString();
                        boolean served = runtime.getIfAvailable() != null && runtime.getIfAvailable().current()
                                .map(BundleInfo::sha256).filter(sha::equals).isPresent();
                        if (!served) {
                            ModelStore.deleteTree(p);
                            replica.forget(sha);
                            log.info("Removed this node's copy of model bundle {}: deleted from the registry",
                                    sha.substring(0, 12));
                        }
                    });
        } catch (IOException e) {
            log.warn("Could not list the model store {}: {}", store.root(), e.toString());
        }
    }

    @Override
    public void destroy() {
        wakeups.shutdownNow();
    }
}
