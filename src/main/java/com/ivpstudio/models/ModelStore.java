package com.ivpstudio.models;

import com.ivpstudio.database.AdvisoryLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The model store on disk: {@code ivp.models.store/<manifest sha256>/} holds exactly the files of that bundle's
 * manifest. New bundles are prepared in {@code .incoming/<random>/} and moved into place with an atomic rename;
 * deleted ones are renamed into {@code .incoming} first, so a failure can put them back. Store and registry rows
 * change together, one change at a time across every node sharing the database ({@link #exclusively}: a PostgreSQL
 * advisory lock, then this node's lock); work on this node's copies alone takes only this node's lock
 * ({@link #locally}).
 */
@Component
public class ModelStore {

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);
    static final String INCOMING = ".incoming";

    static final String REGISTRY_LOCK = "model-registry";

    private final ModelProperties properties;
    private final AdvisoryLock clusterLock;
    private final Object lock = new Object();
    /** Set while this thread holds the cluster-wide lock: a nested change must not wait for itself. */
    private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

    ModelStore(ModelProperties properties, AdvisoryLock clusterLock) {
        this.properties = properties;
        this.clusterLock = clusterLock;
    }

    Path root() {
        return properties.store().toAbsolutePath().normalize();
    }

    /** The folder of a stored bundle (also of retired ones: snapshots made with them are regenerated from here). */
    Optional<Path> bundleDirectory(String manifestSha256) {
        if (manifestSha256 == null || !manifestSha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path dir = root().resolve(manifestSha256);
        return Files.isRegularFile(dir.resolve(ManifestFiles.MANIFEST)) ? Optional.of(dir) : Optional.empty();
    }

    /** A change of the registry and the store: one at a time on all nodes. */
    <T> T exclusively(Supplier<T> change) {
        if (holding.get()) {
            return locally(change);
        }
        return clusterLock.exclusively(REGISTRY_LOCK, () -> {
            holding.set(true);
            try {
                return locally(change);
            } finally {
                holding.set(false);
            }
        });
    }

    /** Work on this node's copies only (materialising, following the registry): never waits for another node. */
    <T> T locally(Supplier<T> work) {
        synchronized (lock) {
            return work.get();
        }
    }

    /** A new empty work folder under {@code .incoming}; the caller deletes it. */
    Path newWorkFolder(String prefix) throws IOException {
        Path incoming = Files.createDirectories(root().resolve(INCOMING));
        return Files.createTempDirectory(incoming, prefix);
    }

    /** Moves a prepared bundle folder to {@code <store>/<sha>} (replacing a leftover without a registry row). */
    Path moveIntoPlace(Path prepared, String sha) throws IOException {
        Path target = root().resolve(sha);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(target);
        }
        moveAtomically(prepared, target);
        return target;
    }

    /** Writes a listed file from a stream, checked as {@link VerifiedCopy} checks it. */
    static void writeListed(InputStream in, Path root, ListedFile file, VerifiedCopy.Budget budget) throws IOException {
        Path out = SafeZip.inside(root, file.path());
        Files.createDirectories(out.getParent());
        VerifiedCopy.copy(in, out, file, budget);
    }

    /** Takes a bundle's folder out of the store; the returned handle puts it back or finishes the removal. */
    Removal remove(String sha) throws IOException {
        Path dir = root().resolve(sha);
        Path trash = Files.createDirectories(root().resolve(INCOMING)).resolve("deleted-" + UUID.randomUUID());
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            moveAtomically(dir, trash);
        }
        return new Removal(dir, trash);
    }

    /** A bundle folder moved aside: {@link #undo} puts it back, {@link #finish} deletes it. */
    record Removal(Path dir, Path trash) {

        void undo() {
            try {
                if (Files.exists(trash, LinkOption.NOFOLLOW_LINKS)) {
                    moveAtomically(trash, dir);
                }
            } catch (IOException back) {
                log.error("Could not put back {} after a failed delete", dir, back);
            }
        }

        void finish() {
            deleteTree(trash);
        }
    }

    /** Removes what interrupted uploads left in {@code .incoming}. */
    void cleanIncoming() {
        Path incoming = root().resolve(INCOMING);
        if (Files.isDirectory(incoming)) {
            try (Stream<Path> s = Files.list(incoming)) {
                s.forEach(ModelStore::deleteTree);
            } catch (IOException e) {
                log.warn("Could not clean {}: {}", incoming, e.toString());
            }
        }
    }

    /** Every file and folder under a bundle folder, relative, '/'-separated (links included, not followed). */
    static List<String> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("Could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same store folder, so this happens only on exotic file systems; the target did not exist.
            Files.move(from, to);
        }
    }
}
