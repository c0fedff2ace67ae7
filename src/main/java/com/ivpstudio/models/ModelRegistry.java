package com.ivpstudio.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.BundleRejectedException;
import com.ivpstudio.inference.BundleValidator;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.ModelRuntime;
import com.ivpstudio.inference.ValidationReport;
import com.ivpstudio.common.UserFacingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The model registry: accepted bundles in the model store ({@code ivp.models.store/<manifest sha256>/}) with their
 * metadata in PostgreSQL, activation through {@link ModelRuntime} (atomic: requests in flight finish on the old
 * model), rollback, retirement and deletion. Every action is audited. One registry operation at a time.
 *
 * <p>An upload is streamed into {@code <store>/.incoming/<random>/} (size limit), extracted there by
 * {@link SafeZip}, validated exactly as the engine loads a bundle ({@link BundleValidator}) and only then moved into
 * place with an atomic rename and registered; a refused upload leaves nothing behind.
 */
@Service
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);
    static final String INCOMING = ".incoming";

    private final ModelRepository repository;
    private final ModelProperties properties;
    private final ObjectProvider<ModelRuntime> runtimeProvider;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final Timer activationTimer;
    private final MeterRegistry meters;
    private volatile Function<Path, ValidationReport> validator = BundleValidator::validate;

    ModelRegistry(ModelRepository repository, ModelProperties properties, ObjectProvider<ModelRuntime> runtime,
            AuditLog audit, TransactionTemplate tx, ObjectProvider<MeterRegistry> meters) {
        this.repository = repository;
        this.properties = properties;
        this.runtimeProvider = runtime;
        this.audit = audit;
        this.tx = tx;
        this.meters = meters.getIfAvailable();
        if (this.meters != null) {
            activationTimer = Timer.builder("ivp.models.activation").description("model bundle activations")
                    .register(this.meters);
            Gauge.builder("ivp.models.active", this, r -> r.runtime().flatMap(ModelRuntime::current).isPresent() ? 1 : 0)
                    .description("1 while a model bundle serves predictions").register(this.meters);
            Gauge.builder("ivp.models.registered", repository, ModelRepository::count)
                    .description("model bundles in the registry").register(this.meters);
        } else {
            activationTimer = null;
        }
    }

    // ------------------------------------------------------------------ queries

    public List<ModelBundle> bundles() {
        return repository.all();
    }

    public Optional<ModelBundle> find(long id) {
        return repository.find(id);
    }

    public Optional<ModelBundle> findBySha(String manifestSha256) {
        return repository.findBySha(manifestSha256);
    }

    /** The registry's active bundle. */
    public Optional<ModelBundle> active() {
        return repository.active();
    }

    /** What the engine serves right now (may differ from the registry only while starting). */
    public Optional<BundleInfo> serving() {
        return runtime().flatMap(ModelRuntime::current);
    }

    public List<ModelActivation> history(int limit) {
        return repository.history(limit);
    }

    /** The bundle a rollback would activate, if any. */
    public Optional<ModelBundle> rollbackTarget() {
        return repository.active()
                .flatMap(a -> repository.previousOf(a.id()))
                .flatMap(repository::find)
                .filter(b -> b.status() == ModelStatus.AVAILABLE);
    }

    /** The folder of a stored bundle (also for retired ones: snapshots that reference them are regenerated from here). */
    public Optional<Path> bundleDirectory(String manifestSha256) {
        if (manifestSha256 == null || !manifestSha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path dir = store().resolve(manifestSha256);
        return Files.isRegularFile(dir.resolve("manifest.json")) ? Optional.of(dir) : Optional.empty();
    }

    /** Snapshots that reference a bundle (0 before the studio's snapshot table exists). */
    public long snapshotReferences(ModelBundle bundle) {
        return repository.snapshotReferences(bundle.manifestSha256());
    }

    public ModelProperties properties() {
        return properties;
    }

    Path store() {
        return properties.store().toAbsolutePath().normalize();
    }

    // ------------------------------------------------------------------ upload

    /** Uploads a zip with the configured limits. */
    public UploadOutcome upload(InputStream zip, String fileName, String user) {
        return upload(zip, fileName, user, properties.zipLimits());
    }

    /**
     * Receives, extracts, validates and registers a bundle zip (status AVAILABLE; activate it separately). Never
     * throws for a bad bundle: the outcome says what failed, and nothing is left in the store or the database.
     */
    public UploadOutcome upload(InputStream zip, String fileName, String user, ZipLimits limits) {
        long t0 = System.nanoTime();
        List<UploadOutcome.Check> checks = new ArrayList<>();
        String name = fileName == null || fileName.isBlank() ? "upload.zip" : fileName;
        Path work = null;
        try {
            Path incoming = store().resolve(INCOMING);
            Files.createDirectories(incoming);
            work = Files.createTempDirectory(incoming, "upload-");
            Path file = work.resolve("upload.zip");
            String archiveSha = receive(zip, file, limits);
            checks.add(new UploadOutcome.Check("upload", true, ZipLimits.megabytes(Files.size(file))
                    + " received (limit " + ZipLimits.megabytes(limits.maxUploadBytes()) + ")"));
            Path extracted = Files.createDirectory(work.resolve("bundle"));
            SafeZip.Extracted x = SafeZip.extract(file, extracted, limits);
            Files.delete(file);
            checks.add(new UploadOutcome.Check("zip safety", true, x.entries() + " entries, " + x.files()
                    + " files, " + ZipLimits.megabytes(x.bytes()) + " unpacked; no links, no unsafe paths"));
            Path root = SafeZip.bundleRoot(extracted);
            ValidationReport report = validator.apply(root);
            report.checks().forEach(c -> checks.add(new UploadOutcome.Check(c.name(), c.passed(), c.message())));
            if (!report.ok()) {
                return refused(checks, name, user, "The bundle was refused: " + report.firstFailure()
                        + ". Nothing was stored; the active model keeps serving.", t0);
            }
            synchronized (lock) {
                String sha = report.bundleSha256();
                Optional<ModelBundle> existing = repository.findBySha(sha);
                if (existing.isPresent()) {
                    checks.add(new UploadOutcome.Check("registry", false, "already registered"));
                    return refused(checks, name, user, "This bundle is already in the registry ("
                            + existing.get().label() + ", uploaded by " + existing.get().uploadedBy()
                            + "). Nothing was stored.", t0);
                }
                String manifestJson = Files.readString(root.resolve("manifest.json"));
                JsonNode m = json.readTree(manifestJson);
                long size = sizeOf(root);
                Path target = store().resolve(sha);
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // Left over by an interrupted earlier attempt: there is no row for it.
                    deleteTree(target);
                }
                moveAtomically(root, target);
                long id;
                try {
                    id = repository.insert(m.path("id").asText(), m.path("name").asText(), m.path("version").asText(),
                            sha, archiveSha, size, m.path("synthetic").asBoolean(), "UPLOAD", ModelStatus.AVAILABLE,
                            manifestJson, user);
                } catch (RuntimeException e) {
                    deleteTree(target);
                    throw e;
                }
                ModelBundle b = repository.find(id).orElseThrow();
                checks.add(new UploadOutcome.Check("registry", true, "stored as " + b.label() + " (" + b.shortSha() + ")"));
                audit.recordAs(user, AuditAction.MODEL_VALIDATED, null, "model:" + id,
                        "passed " + report.checks().size() + " checks: " + b.bundleId() + " " + b.version());
                audit.recordAs(user, AuditAction.MODEL_UPLOADED, null, "model:" + id,
                        b.bundleId() + " " + b.version() + " sha256 " + b.shortSha() + " from " + shorten(name));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                log.info("Model bundle {} {} ({}) uploaded by {}, accepted in {} ms", b.bundleId(), b.version(),
                        b.shortSha(), user, ms);
                return new UploadOutcome(checks, b, "Accepted: " + b.label() + ". It is stored and can be activated.",
                        ms);
            }
        } catch (BundleRefusedException e) {
            checks.add(new UploadOutcome.Check(checks.isEmpty() ? "upload" : "zip safety", false, e.getMessage()));
            return refused(checks, name, user, e.getMessage(), t0);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Model upload {} failed: {}", name, e.toString());
            checks.add(new UploadOutcome.Check("upload", false, "the upload could not be read or stored"));
            return refused(checks, name, user, "The upload was interrupted or could not be stored. Nothing was stored.",
                    t0);
        } finally {
            deleteTree(work);
        }
    }

    private UploadOutcome refused(List<UploadOutcome.Check> checks, String fileName, String user, String message,
            long t0) {
        String first = checks.stream().filter(c -> !c.passed()).map(c -> c.name() + ": " + c.message()).findFirst()
                .orElse(message);
        audit.recordAs(user, AuditAction.MODEL_REFUSED, null, shorten(fileName), first);
        return new UploadOutcome(checks, null, message, (System.nanoTime() - t0) / 1_000_000);
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
                    throw new BundleRefusedException("The file is larger than the limit of "
                            + ZipLimits.megabytes(limits.maxUploadBytes()) + " (ivp.models.max-upload-bytes). "
                            + "Nothing was stored.");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new BundleRefusedException("The file is empty. Nothing was stored.");
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    // ------------------------------------------------------------------ activation

    /** Activates a registered bundle (atomic switch in the engine), records it in the history. */
    public ModelBundle activate(long id, String user) {
        synchronized (lock) {
            ModelBundle b = existing(id);
            if (b.status() == ModelStatus.RETIRED) {
                throw new UserFacingException(b.label() + " is retired. Make it available again before activating it.");
            }
            if (b.status() == ModelStatus.ACTIVE && serving().map(i -> i.sha256().equals(b.manifestSha256())).orElse(false)) {
                throw new UserFacingException(b.label() + " is already the active model.");
            }
            return switchTo(b, "ACTIVATE", user);
        }
    }

    /** Re-activates the bundle that was active before the current one. */
    public ModelBundle rollback(String user) {
        synchronized (lock) {
            ModelBundle target = rollbackTarget().orElseThrow(() -> new UserFacingException(
                    "There is no previous model to roll back to."));
            return switchTo(target, "ROLLBACK", user);
        }
    }

    private ModelBundle switchTo(ModelBundle b, String kind, String user) {
        ModelRuntime runtime = runtime().orElseThrow(() -> new UserFacingException(
                "The inference engine is not available; no model can be activated."));
        Path dir = bundleDirectory(b.manifestSha256()).orElseThrow(() -> new UserFacingException(
                "The files of " + b.label() + " are missing from the model store (" + store() + ")."));
        Optional<ModelBundle> before = repository.active();
        long t0 = System.nanoTime();
        try {
            runtime.activate(dir);
        } catch (BundleRejectedException e) {
            String why = e.report().firstFailure();
            audit.recordAs(user, AuditAction.MODEL_REFUSED, null, "model:" + b.id(), "activation refused: " + why);
            throw new UserFacingException("The engine refused " + b.label() + ": " + why
                    + ". The previous model keeps serving.", e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (activationTimer != null) {
            activationTimer.record(Duration.ofMillis(ms));
            Counter.builder("ivp.models.switches").tag("kind", kind.toLowerCase()).register(meters).increment();
        }
        tx.executeWithoutResult(s -> {
            repository.demoteActive();
            repository.setStatus(b.id(), ModelStatus.ACTIVE);
            repository.insertActivation(b.id(), before.map(ModelBundle::id).filter(p -> p != b.id()).orElse(null),
                    b.manifestSha256(), b.label(), kind, user, ms);
        });
        String from = before.filter(p -> p.id() != b.id()).map(p -> " (was " + p.bundleId() + " " + p.version() + ")")
                .orElse("");
        audit.recordAs(user, kind.equals("ROLLBACK") ? AuditAction.MODEL_ROLLED_BACK : AuditAction.MODEL_ACTIVATED,
                null, "model:" + b.id(), b.bundleId() + " " + b.version() + " " + b.shortSha() + " in " + ms + " ms"
                        + from);
        log.info("Model {} {} ({}) {} by {} in {} ms{}", b.bundleId(), b.version(), b.shortSha(),
                kind.equals("ROLLBACK") ? "rolled back to" : "activated", user, ms, from);
        return repository.find(b.id()).orElseThrow();
    }

    // ------------------------------------------------------------------ retire, restore, delete

    /** Retires a bundle that is not active: no longer offered, kept for snapshots. */
    public ModelBundle retire(long id, String user) {
        synchronized (lock) {
            ModelBundle b = existing(id);
            if (b.status() == ModelStatus.ACTIVE) {
                throw new UserFacingException(b.label() + " is the active model. Activate another model first.");
            }
            if (b.status() == ModelStatus.RETIRED) {
                return b;
            }
            repository.setStatus(id, ModelStatus.RETIRED);
            audit.recordAs(user, AuditAction.MODEL_RETIRED, null, "model:" + id, b.bundleId() + " " + b.version());
            return repository.find(id).orElseThrow();
        }
    }

    /** Makes a retired bundle available again. */
    public ModelBundle restore(long id, String user) {
        synchronized (lock) {
            ModelBundle b = existing(id);
            if (b.status() != ModelStatus.RETIRED) {
                return b;
            }
            repository.setStatus(id, ModelStatus.AVAILABLE);
            audit.recordAs(user, AuditAction.MODEL_RESTORED, null, "model:" + id, b.bundleId() + " " + b.version());
            return repository.find(id).orElseThrow();
        }
    }

    /** Deletes a bundle's files and row; refused for the active one and while snapshots reference it. */
    public void delete(long id, String user) {
        synchronized (lock) {
            ModelBundle b = existing(id);
            if (b.status() == ModelStatus.ACTIVE) {
                throw new UserFacingException(b.label() + " is the active model. Activate another model first.");
            }
            long refs = repository.snapshotReferences(b.manifestSha256());
            if (refs > 0) {
                throw new UserFacingException(b.label() + " cannot be deleted: " + refs + " snapshot"
                        + (refs == 1 ? " was" : "s were") + " made with it and must stay reproducible. Retire it instead.");
            }
            Path dir = store().resolve(b.manifestSha256());
            Path trash = store().resolve(INCOMING).resolve("deleted-" + UUID.randomUUID());
            try {
                Files.createDirectories(trash.getParent());
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    moveAtomically(dir, trash);
                }
            } catch (IOException e) {
                throw new UserFacingException("The files of " + b.label() + " could not be removed: " + e.getMessage(), e);
            }
            try {
                repository.delete(id);
            } catch (RuntimeException e) {
                try {
                    moveAtomically(trash, dir);
                } catch (IOException back) {
                    log.error("Could not put back {} after a failed delete", dir, back);
                }
                throw e;
            }
            deleteTree(trash);
            audit.recordAs(user, AuditAction.MODEL_DELETED, null, "model:" + id,
                    b.bundleId() + " " + b.version() + " " + b.shortSha());
        }
    }

    /** Runs the loader's checks again on a stored bundle (audited). */
    public ValidationReport revalidate(long id, String user) {
        ModelBundle b = existing(id);
        Path dir = bundleDirectory(b.manifestSha256()).orElseThrow(() -> new UserFacingException(
                "The files of " + b.label() + " are missing from the model store."));
        ValidationReport r = validator.apply(dir);
        audit.recordAs(user, r.ok() ? AuditAction.MODEL_VALIDATED : AuditAction.MODEL_REFUSED, null, "model:" + id,
                (r.ok() ? "passed " + r.checks().size() + " checks" : "failed: " + r.firstFailure()));
        return r;
    }

    private ModelBundle existing(long id) {
        return repository.find(id).orElseThrow(() -> new UserFacingException("This model no longer exists."));
    }

    // ------------------------------------------------------------------ start-up

    /**
     * At start: register and activate the demo bundle when the registry is empty; otherwise make the engine serve
     * the registry's active bundle (nothing to do when it already serves the same sha256).
     */
    void onStart() {
        synchronized (lock) {
            cleanIncoming();
            Optional<ModelRuntime> runtime = runtime();
            if (runtime.isEmpty()) {
                log.warn("No inference engine: the model registry cannot activate models");
                return;
            }
            if (repository.count() == 0) {
                installDemo(runtime.get(), DemoBundleSource.folder(properties.demoBundle()));
                return;
            }
            Optional<ModelBundle> active = repository.active();
            if (active.isEmpty()) {
                log.info("The model registry has no active model; the engine serves {}",
                        serving().map(i -> i.id() + " " + i.version()).orElse("nothing"));
                return;
            }
            ModelBundle b = active.get();
            if (serving().map(i -> i.sha256().equals(b.manifestSha256())).orElse(false)) {
                log.info("Active model {} {} ({}) is already served", b.bundleId(), b.version(), b.shortSha());
                return;
            }
            Optional<Path> dir = bundleDirectory(b.manifestSha256());
            if (dir.isEmpty()) {
                log.error("The active model {} {} is missing from the model store {}", b.label(), b.shortSha(), store());
                return;
            }
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

    /** Copies a bundle folder into the store, registers it and makes it the active model (first start). */
    void installDemo(ModelRuntime runtime, Path demo) {
        if (!Files.isRegularFile(demo.resolve("manifest.json"))) {
            log.warn("No model registered and no demo bundle at {} (ivp.models.demo-bundle): starting without a model",
                    demo.toAbsolutePath());
            return;
        }
        Path work = null;
        try {
            byte[] manifestBytes = Files.readAllBytes(demo.resolve("manifest.json"));
            String sha = Hashing.sha256(manifestBytes);
            if (repository.findBySha(sha).isPresent()) {
                log.info("The demo bundle {} is already registered", sha.substring(0, 12));
                return;
            }
            Path incoming = store().resolve(INCOMING);
            Files.createDirectories(incoming);
            work = Files.createTempDirectory(incoming, "demo-");
            Path copy = work.resolve("bundle");
            copyTree(demo, copy);
            Path target = store().resolve(sha);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(target);
            }
            moveAtomically(copy, target);
            long t0 = System.nanoTime();
            boolean alreadyServed = runtime.current().map(i -> i.sha256().equals(sha)).orElse(false);
            if (!alreadyServed) {
                try {
                    runtime.activate(target);
                } catch (BundleRejectedException e) {
                    deleteTree(target);
                    log.error("The demo bundle at {} was refused: {}; starting without a model", demo.toAbsolutePath(),
                            e.report().firstFailure());
                    return;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String manifestJson = new String(manifestBytes, java.nio.charset.StandardCharsets.UTF_8);
            JsonNode m = json.readTree(manifestJson);
            long size = sizeOf(target);
            Optional<ModelBundle> before = repository.active();
            long id = tx.execute(s -> {
                repository.demoteActive();
                long newId = repository.insert(m.path("id").asText(), m.path("name").asText(),
                        m.path("version").asText(), sha, null, size, m.path("synthetic").asBoolean(), "DEMO",
                        ModelStatus.ACTIVE, manifestJson, "system");
                repository.insertActivation(newId, before.map(ModelBundle::id).orElse(null), sha,
                        m.path("name").asText() + " " + m.path("version").asText(),
                        "INSTALL", "system", alreadyServed ? null : ms);
                return newId;
            });
            audit.recordAs("system", AuditAction.MODEL_INSTALLED, null, "model:" + id,
                    m.path("id").asText() + " " + m.path("version").asText() + " " + sha.substring(0, 12) + " from "
                            + shorten(demo.toString()));
            log.info("Registered and activated the demo bundle {} {} ({})", m.path("id").asText(),
                    m.path("version").asText(), sha.substring(0, 12));
        } catch (IOException | RuntimeException e) {
            log.error("Registering the demo bundle from {} failed; starting without a registered model",
                    demo.toAbsolutePath(), e);
        } finally {
            deleteTree(work);
        }
    }

    private void cleanIncoming() {
        Path incoming = store().resolve(INCOMING);
        if (Files.isDirectory(incoming)) {
            try (Stream<Path> s = Files.list(incoming)) {
                s.forEach(ModelRegistry::deleteTree);
            } catch (IOException e) {
                log.warn("Could not clean {}: {}", incoming, e.toString());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    Optional<ModelRuntime> runtime() {
        return Optional.ofNullable(runtimeProvider.getIfAvailable());
    }

    /** For tests: a different validator (e.g. one that counts calls). */
    void validator(Function<Path, ValidationReport> v) {
        this.validator = v;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same store folder, so this happens only on exotic file systems; the target did not exist.
            Files.move(from, to);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
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

    private static String shorten(String s) {
        String clean = s.replaceAll("[^\\p{L}\\p{N}._ /-]", "_");
        return clean.length() > 60 ? clean.substring(0, 60) : clean;
    }
}
