package com.ivpstudio.models;

import com.ivpstudio.inference.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's copy of a bundle whose source of truth is the database ({@link BundleFileRepository}). A copy is
 * trusted only once every file's sha256 matched; it is checked again by sha256 whenever a file's size or
 * modification time changes (a cheap look on every reconcile). A bundle the node lacks, or whose copy no longer
 * matches — the file corrupted on one node's disk — is materialised again from the database, file by file through
 * {@link VerifiedCopy}, into {@code .incoming} and moved into place, so a half-written copy is never seen.
 */
@Component
class BundleReplica {

    private static final Logger log = LoggerFactory.getLogger(BundleReplica.class);

    private final ModelStore store;
    private final BundleFileRepository files;
    private final TransactionTemplate tx;
    /** Per bundle sha: the (size, modified) of every file when its sha256 last matched. */
    private final Map<String, Map<String, Stamp>> verified = new ConcurrentHashMap<>();

    private record Stamp(long size, long modified) {
    }

    BundleReplica(ModelStore store, BundleFileRepository files, TransactionTemplate tx) {
        this.store = store;
        this.files = files;
        this.tx = tx;
    }

    /** Puts the files of a bundle that is in this node's store into the database (upload, demo install). */
    void publish(long bundleId, Path dir, ManifestFiles manifest) {
        files.store(bundleId, dir, manifest);
        verified.remove(manifest.sha256());
    }

    /**
     * Bundles registered before the database held bundle files: the node that has a verified copy publishes it, so
     * that the others can materialise it.
     */
    void publishIfMissing(ModelBundle b) {
        if (files.holds(b.id())) {
            return;
        }
        Optional<Path> dir = store.bundleDirectory(b.manifestSha256()).filter(d -> matches(b.manifestSha256(), d));
        if (dir.isEmpty()) {
            log.warn("Model bundle {} ({}) is neither in the database nor verified in this node's store",
                    b.label(), b.shortSha());
            return;
        }
        try {
            ManifestFiles manifest = ManifestFiles.of(Files.readAllBytes(dir.get().resolve(ManifestFiles.MANIFEST)));
            tx.executeWithoutResult(s -> files.store(b.id(), dir.get(), manifest));
            log.info("Published model bundle {} ({}) from this node's store to the database", b.label(), b.shortSha());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder of a verified local copy of {@code b}, materialised from the database when missing or no longer
     * matching; empty when neither this node nor the database has a good copy. Call inside {@link ModelStore#exclusively}.
     */
    Optional<Path> localCopy(ModelBundle b) {
        String sha = b.manifestSha256();
        Optional<Path> dir = store.bundleDirectory(sha);
        if (dir.isPresent() && matches(sha, dir.get())) {
            return dir;
        }
        if (dir.isPresent()) {
            log.warn("This node's copy of model bundle {} ({}) no longer matches its sha256; materialising it again "
                    + "from the database", b.label(), b.shortSha());
        }
        return materialise(b);
    }

    /** Whether the copy in {@code dir} is that bundle: its manifest's and every listed file's sha256 match. */
    boolean matches(String sha, Path dir) {
        try {
            Map<String, Stamp> stamps = verified.get(sha);
            if (stamps != null && stamps.equals(stamps(dir, stamps.keySet().stream().toList()))) {
                return true;
            }
            Path manifestFile = dir.resolve(ManifestFiles.MANIFEST);
            if (!Hashing.sha256(manifestFile).equals(sha)) {
                return false;
            }
            ManifestFiles manifest = ManifestFiles.of(Files.readAllBytes(manifestFile));
            List<String> paths = manifest.allFiles().stream().map(ListedFile::path).toList();
            for (ListedFile f : manifest.files()) {
                Path file = SafeZip.inside(dir, f.path());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != f.size()
                        || !Hashing.sha256(file).equals(f.sha256())) {
                    verified.remove(sha);
                    return false;
                }
            }
            verified.put(sha, stamps(dir, paths));
            return true;
        } catch (IOException | BundleRefusedException e) {
            verified.remove(sha);
            return false;
        }
    }

    /** Forgets what was verified of a bundle (its folder was removed). */
    void forget(String sha) {
        verified.remove(sha);
    }

    private Optional<Path> materialise(ModelBundle b) {
        long t0 = System.nanoTime();
        Path work = null;
        try (InputStream manifestIn = files.open(b.id(), ManifestFiles.MANIFEST).orElse(null)) {
            if (manifestIn == null) {
                log.error("Model bundle {} ({}) is not in this node's store and its files are not in the database",
                        b.label(), b.shortSha());
                return Optional.empty();
            }
            byte[] manifestBytes = manifestIn.readNBytes((int) ManifestFiles.MAX_MANIFEST_BYTES + 1);
            ManifestFiles manifest = ManifestFiles.of(manifestBytes);
            if (!manifest.sha256().equals(b.manifestSha256())) {
                log.error("The database's manifest of model bundle {} does not match its sha256 {}", b.label(),
                        b.shortSha());
                return Optional.empty();
            }
            work = store.newWorkFolder("replica-");
            Path copy = Files.createDirectory(work.resolve("bundle"));
            VerifiedCopy.Budget budget = new VerifiedCopy.Budget(manifest.totalBytes());
            for (ListedFile f : manifest.allFiles()) {
                Path out = SafeZip.inside(copy, f.path());
                Files.createDirectories(out.getParent());
                try (InputStream in = files.open(b.id(), f.path()).orElseThrow(() -> new BundleRefusedException(
                        RefusalReason.MISSING_FILE, "missing file in the database: " + f.path()))) {
                    VerifiedCopy.copy(in, out, f, budget);
                }
            }
            verified.remove(b.manifestSha256());
            Path target = store.moveIntoPlace(copy, b.manifestSha256());
            log.info("Materialised model bundle {} ({}) from the database: {} in {} ms", b.label(), b.shortSha(),
                    ZipLimits.megabytes(budget.used()), (System.nanoTime() - t0) / 1_000_000);
            return Optional.of(target);
        } catch (BundleRefusedException e) {
            log.error("Model bundle {} ({}) could not be materialised from the database: {}", b.label(),
                    b.shortSha(), e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            log.error("Model bundle {} ({}) could not be materialised from the database: {}", b.label(),
                    b.shortSha(), e.toString());
            return Optional.empty();
        } finally {
            ModelStore.deleteTree(work);
        }
    }

    private static Map<String, Stamp> stamps(Path dir, List<String> paths) throws IOException {
        Map<String, Stamp> m = new HashMap<>();
        for (String p : paths) {
            Path file = dir.resolve(p);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Map.of();
            }
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            m.put(p, new Stamp(a.size(), a.lastModifiedTime().toMillis()));
        }
        return m;
    }
}
