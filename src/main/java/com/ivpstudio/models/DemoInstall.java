package com.ivpstudio.models;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.inference.BundleRejectedException;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first start: a bundle folder (the demo bundle, {@code ivp.models.demo-bundle}) is copied into the store by
 * the same rules as an upload — manifest first, only its listed files, each size and sha256 checked while copying,
 * no pickles — then registered and made the active model.
 */
@Component
class DemoInstall {

    private static final Logger log = LoggerFactory.getLogger(DemoInstall.class);

    private final ModelStore store;
    private final ModelRepository repository;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final BundleReplica replica;

    DemoInstall(ModelStore store, ModelRepository repository, AuditLog audit, TransactionTemplate tx,
            BundleReplica replica) {
        this.store = store;
        this.repository = repository;
        this.audit = audit;
        this.tx = tx;
        this.replica = replica;
    }

    void install(ModelRuntime runtime, Path demo) {
        Path manifestFile = demo.resolve(ManifestFiles.MANIFEST);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            log.warn("No model registered and no demo bundle at {} (ivp.models.demo-bundle): starting without a model",
                    demo.toAbsolutePath());
            return;
        }
        Path work = null;
        try {
            if (Files.size(manifestFile) > ManifestFiles.MAX_MANIFEST_BYTES) {
                throw new BundleRefusedException(RefusalReason.MANIFEST, "manifest.json is larger than "
                        + ZipLimits.megabytes(ManifestFiles.MAX_MANIFEST_BYTES));
            }
            ManifestFiles manifest = ManifestFiles.of(Files.readAllBytes(manifestFile));
            String sha = manifest.sha256();
            if (repository.findBySha(sha).isPresent()) {
                log.info("The demo bundle {} is already registered", sha.substring(0, 12));
                return;
            }
            work = store.newWorkFolder("demo-");
            Path copy = Files.createDirectory(work.resolve("bundle"));
            copyListed(demo, copy, manifest);
            Optional<String> pickle = manifest.pickleIn(copy);
            if (pickle.isPresent()) {
                throw new BundleRefusedException(RefusalReason.PICKLE, pickle.get());
            }
            Path target = store.moveIntoPlace(copy, sha);
            long t0 = System.nanoTime();
            boolean alreadyServed = runtime.current().map(i -> i.sha256().equals(sha)).orElse(false);
            if (!alreadyServed) {
                try {
                    runtime.activate(target);
                } catch (BundleRejectedException e) {
                    ModelStore.deleteTree(target);
                    throw new BundleRefusedException(RefusalReason.VALIDATION, e.report().firstFailure());
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            register(manifest, target, alreadyServed ? null : ms, demo);
        } catch (BundleRefusedException e) {
            audit.recordAs("system", AuditAction.MODEL_REFUSED, null, BundleUpload.auditName(demo.toString()),
                    e.reason() + ": demo bundle: " + e.getMessage());
            log.error("The demo bundle at {} was refused ({}): {}; starting without a model", demo.toAbsolutePath(),
                    e.reason(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("Registering the demo bundle from {} failed; starting without a registered model",
                    demo.toAbsolutePath(), e);
        } finally {
            ModelStore.deleteTree(work);
        }
    }

    /** Copies the listed files only; anything else in the folder stays behind (and is named in the log). */
    private static void copyListed(Path demo, Path copy, ManifestFiles manifest) throws IOException {
        VerifiedCopy.Budget budget = new VerifiedCopy.Budget(manifest.totalBytes());
        Set<String> listed = new HashSet<>();
        for (ListedFile f : manifest.allFiles()) {
            listed.add(f.path());
            Path source = SafeZip.inside(demo.toAbsolutePath().normalize(), f.path());
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                throw new BundleRefusedException(RefusalReason.MISSING_FILE, "missing file: " + f.path());
            }
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                ModelStore.writeListed(in, copy, f, budget);
            }
        }
        List<String> left = ModelStore.contents(demo).stream()
                .filter(p -> !listed.contains(p) && Files.isRegularFile(demo.resolve(p), LinkOption.NOFOLLOW_LINKS))
                .toList();
        if (!left.isEmpty()) {
            log.warn("{} file(s) in the demo bundle folder are not in its manifest and were not copied: {}",
                    left.size(), left.stream().limit(5).map(BundleUpload::auditName).toList());
        }
    }

    private void register(ManifestFiles manifest, Path target, Long ms, Path demo) throws IOException {
        long size = ModelStore.sizeOf(target);
        String sha = manifest.sha256();
        var m = manifest.json();
        String label = m.path("name").asText() + " " + m.path("version").asText();
        Optional<ModelBundle> before = repository.active();
        long id = tx.execute(s -> {
            repository.demoteActive();
            long newId = repository.insert(manifest, null, size, "DEMO", ModelStatus.ACTIVE, "system");
            replica.publish(newId, target, manifest);
            repository.insertActivation(newId, before.map(ModelBundle::id).orElse(null), sha, label, "INSTALL",
                    "system", ms);
            return newId;
        });
        audit.recordAs("system", AuditAction.MODEL_INSTALLED, null, "model:" + id, m.path("id").asText() + " "
                + m.path("version").asText() + " " + sha.substring(0, 12) + " from "
                + BundleUpload.auditName(demo.toString()));
        log.info("Registered and activated the demo bundle {} {} ({})", m.path("id").asText(),
                m.path("version").asText(), sha.substring(0, 12));
    }
}
