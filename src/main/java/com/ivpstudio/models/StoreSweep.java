package com.ivpstudio.models;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * At start-up, every registered bundle's folder is checked against today's rules: exactly the manifest's files
 * (nothing unlisted, nothing missing, no links), each of its declared size, no pickles. A bundle that would now be
 * refused is flagged — never deleted: the administrator sees why on the Models page, it cannot be activated, and
 * the flag is audited and logged (bundle id, version and sha256 only). sha256 is not recomputed here, to keep the
 * start fast; "Check the stored files again" does that.
 */
@Component
class StoreSweep {

    private static final Logger log = LoggerFactory.getLogger(StoreSweep.class);
    /** The width of model_bundle.flag_message. */
    private static final int MAX_MESSAGE = 500;

    private final ModelStore store;
    private final ModelRepository repository;
    private final AuditLog audit;

    StoreSweep(ModelStore store, ModelRepository repository, AuditLog audit) {
        this.store = store;
        this.repository = repository;
        this.audit = audit;
    }

    /** Flags what would now be refused, clears flags that no longer apply; returns how many are flagged. */
    int sweep() {
        int flagged = 0;
        for (ModelBundle b : repository.all()) {
            Optional<BundleRefusedException> finding = store.bundleDirectory(b.manifestSha256())
                    .map(StoreSweep::check)
                    .orElseGet(() -> Optional.of(new BundleRefusedException(RefusalReason.MISSING_FILE,
                            "its folder is missing from the model store")));
            if (finding.isPresent()) {
                flagged++;
                BundleRefusedException f = finding.get();
                String message = f.getMessage().length() > MAX_MESSAGE ? f.getMessage().substring(0, MAX_MESSAGE)
                        : f.getMessage();
                if (b.flag() == null || b.flag().reason() != f.reason()
                        || !Objects.equals(b.flag().message(), message)) {
                    repository.setFlag(b.id(), f.reason(), message);
                    audit.recordAs("system", AuditAction.MODEL_REFUSED, null, "model:" + b.id(),
                            f.reason() + ": flagged at start-up: " + message);
                }
                log.error("Model bundle {} {} ({}) is flagged ({}): {}. It stays stored and cannot be activated.",
                        b.bundleId(), b.version(), b.shortSha(), f.reason(), message);
            } else if (b.flagged()) {
                repository.setFlag(b.id(), null, null);
                log.info("Model bundle {} {} ({}) passes the store checks again; its flag is cleared", b.bundleId(),
                        b.version(), b.shortSha());
            }
        }
        return flagged;
    }

    /** Why a stored bundle folder would be refused today, or empty. */
    static Optional<BundleRefusedException> check(Path dir) {
        try {
            ManifestFiles manifest = ManifestFiles.of(Files.readAllBytes(dir.resolve(ManifestFiles.MANIFEST)));
            Set<String> allowed = new HashSet<>();
            for (ListedFile f : manifest.allFiles()) {
                for (String p = f.path(); p != null; p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : null) {
                    allowed.add(p);
                }
            }
            for (String p : ModelStore.contents(dir)) {
                if (Files.isSymbolicLink(dir.resolve(p))) {
                    return Optional.of(new BundleRefusedException(RefusalReason.SYMLINK, p + " is a symbolic link"));
                }
                if (!allowed.contains(p)) {
                    return Optional.of(new BundleRefusedException(RefusalReason.UNLISTED_FILE, "the store holds "
                            + BundleUpload.auditName(p) + ", which manifest.json does not list"));
                }
            }
            for (ListedFile f : manifest.files()) {
                Path file = dir.resolve(f.path());
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.of(new BundleRefusedException(RefusalReason.MISSING_FILE, "missing file: "
                            + f.path()));
                }
                if (Files.size(file) != f.size()) {
                    return Optional.of(new BundleRefusedException(RefusalReason.SIZE_MISMATCH, "size mismatch: "
                            + f.path()));
                }
            }
            return manifest.pickleIn(dir).map(why -> new BundleRefusedException(RefusalReason.PICKLE, why));
        } catch (BundleRefusedException e) {
            return Optional.of(e);
        } catch (IOException e) {
            return Optional.of(new BundleRefusedException(RefusalReason.STORAGE, "its files cannot be read ("
                    + e.getClass().getSimpleName() + ")"));
        }
    }
}
