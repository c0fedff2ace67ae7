package com.ivpstudio.models;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.inference.bundle.BundleValidator;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.bundle.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepting an uploaded bundle zip: streamed into {@code <store>/.incoming/<random>/} (size limit), unpacked
 * manifest first by {@link BundleArchive}, validated exactly as the engine loads a bundle ({@link BundleValidator})
 * and only then moved into place and registered (status AVAILABLE). A refused upload leaves nothing behind and is
 * audited with its {@link RefusalReason}.
 */
@Component
class BundleUpload {

    private static final Logger log = LoggerFactory.getLogger(BundleUpload.class);

    private final ModelStore store;
    private final ModelRepository repository;
    private final AuditLog audit;
    private final BundleReplica replica;
    private final TransactionTemplate tx;

    BundleUpload(ModelStore store, ModelRepository repository, AuditLog audit, BundleReplica replica,
            TransactionTemplate tx) {
        this.store = store;
        this.repository = repository;
        this.audit = audit;
        this.replica = replica;
        this.tx = tx;
    }

    /** Never throws for a bad bundle: the outcome says what failed, and nothing is left in the store or database. */
    UploadOutcome upload(InputStream zip, String fileName, String user, ZipLimits limits) {
        long t0 = System.nanoTime();
        List<UploadOutcome.Check> checks = new ArrayList<>();
        String name = fileName == null || fileName.isBlank() ? "upload.zip" : fileName;
        Path work = null;
        try {
            work = store.newWorkFolder("upload-");
            Path file = work.resolve("upload.zip");
            String archiveSha = receive(zip, file, limits);
            checks.add(new UploadOutcome.Check("upload", true, ZipLimits.megabytes(Files.size(file))
                    + " received (limit " + ZipLimits.megabytes(limits.maxUploadBytes()) + ")"));
            BundleArchive.Unpacked u = BundleArchive.unpack(file, Files.createDirectory(work.resolve("bundle")),
                    limits);
            Files.delete(file);
            checks.add(new UploadOutcome.Check("zip safety", true, u.extracted().entries() + " entries, "
                    + u.extracted().files() + " files, " + ZipLimits.megabytes(u.extracted().bytes())
                    + " unpacked; only the manifest's files, each size and sha256 checked while writing; "
                    + "no links, no unsafe paths, no pickles"));
            ValidationReport report = BundleValidator.validate(u.root());
            report.checks().forEach(c -> checks.add(new UploadOutcome.Check(c.name(), c.passed(), c.message())));
            if (!report.ok()) {
                return refused(checks, name, user, RefusalReason.VALIDATION, "The bundle was refused: "
                        + report.firstFailure() + ". Nothing was stored; the active model keeps serving.", t0,
                        BundleRefusedException.keyOf(RefusalReason.VALIDATION), report.firstFailure());
            }
            int passed = report.checks().size();
            return store.exclusively(() -> register(u, archiveSha, passed, checks, name, user, t0));
        } catch (BundleRefusedException e) {
            checks.add(new UploadOutcome.Check(checks.isEmpty() ? "upload" : "zip safety", false, e.getMessage()));
            return refused(checks, name, user, e.reason(), e.getMessage(), t0, e.messageKey(), e.detail());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Model upload {} failed: {}", auditName(name), e.toString());
            checks.add(new UploadOutcome.Check("upload", false, "the upload could not be read or stored"));
            return refused(checks, name, user, RefusalReason.STORAGE,
                    "The upload was interrupted or could not be stored. Nothing was stored.", t0,
                    BundleRefusedException.keyOf(RefusalReason.STORAGE));
        } finally {
            ModelStore.deleteTree(work);
        }
    }

    private UploadOutcome register(BundleArchive.Unpacked u, String archiveSha, int passed,
            List<UploadOutcome.Check> checks, String name, String user, long t0) {
        String sha = u.manifest().sha256();
        Optional<ModelBundle> existing = repository.findBySha(sha);
        if (existing.isPresent()) {
            checks.add(new UploadOutcome.Check("registry", false, "already registered"));
            return refused(checks, name, user, RefusalReason.ALREADY_REGISTERED, "This bundle is already in the "
                    + "registry (" + existing.get().label() + ", uploaded by " + existing.get().uploadedBy()
                    + "). Nothing was stored.", t0, BundleRefusedException.keyOf(RefusalReason.ALREADY_REGISTERED),
                    existing.get().label(), existing.get().uploadedBy());
        }
        try {
            long size = ModelStore.sizeOf(u.root());
            Path target = store.moveIntoPlace(u.root(), sha);
            long id;
            try {
                // The row and the files in the database together: another node sees the bundle only complete.
                id = tx.execute(s -> {
                    long newId = repository.insert(u.manifest(), archiveSha, size, "UPLOAD", ModelStatus.AVAILABLE,
                            user);
                    replica.publish(newId, target, u.manifest());
                    return newId;
                });
            } catch (RuntimeException e) {
                ModelStore.deleteTree(target);
                throw e;
            }
            ModelBundle b = repository.find(id).orElseThrow();
            checks.add(new UploadOutcome.Check("registry", true, "stored as " + b.label() + " (" + b.shortSha() + ")"));
            audit.recordAs(user, AuditAction.MODEL_VALIDATED, null, "model:" + id,
                    "passed " + passed + " checks: " + b.bundleId() + " " + b.version());
            audit.recordAs(user, AuditAction.MODEL_UPLOADED, null, "model:" + id,
                    b.bundleId() + " " + b.version() + " sha256 " + b.shortSha() + " from " + auditName(name));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log.info("Model bundle {} {} ({}) uploaded by {}, accepted in {} ms", b.bundleId(), b.version(),
                    b.shortSha(), user, ms);
            return new UploadOutcome(checks, b, "Accepted: " + b.label() + ". It is stored and can be activated.", ms,
                    "admin.models.upload.accepted", List.of(b.label()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UploadOutcome refused(List<UploadOutcome.Check> checks, String fileName, String user,
            RefusalReason reason, String message, long t0, String messageKey, String... params) {
        String first = checks.stream().filter(c -> !c.passed()).map(c -> c.name() + ": " + c.message()).findFirst()
                .orElse(message);
        audit.recordAs(user, AuditAction.MODEL_REFUSED, null, auditName(fileName), reason + ": " + first);
        log.info("Model upload refused ({}) for {}", reason, user);
        return new UploadOutcome(checks, null, message, (System.nanoTime() - t0) / 1_000_000, messageKey,
                List.of(params));
    }

    private static String receive(InputStream in, Path file, ZipLimits limits) throws IOException {
        MessageDigest sha = Hashing.sha256Digest();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (DigestInputStream din = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = din.read(buffer)) > 0) {
                total += n;
                if (total > limits.maxUploadBytes()) {
                    throw BundleRefusedException.tooLarge(ZipLimits.megabytes(limits.maxUploadBytes()));
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw BundleRefusedException.empty();
        }
        return Hashing.hex(sha);
    }

    /** A file name or path as the audit trail and the log may show it: printable, at most 60 characters. */
    static String auditName(String s) {
        String clean = s.replaceAll("[^\\p{L}\\p{N}._ /-]", "_");
        return clean.length() > 60 ? clean.substring(0, 60) : clean;
    }
}
