package com.ivpstudio.models;

import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.BundleRejectedException;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.bundle.BundleValidator;
import com.ivpstudio.inference.runtime.ModelRuntime;
import com.ivpstudio.inference.bundle.ValidationReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to an accepted bundle: activation through {@link ModelRuntime} (atomic: requests in flight finish
 * on the old model), rollback, retirement, restoring, deletion (refused while other features reference the bundle,
 * see {@link BundleReferences}) and checking the stored files again. Every action is audited.
 */
@Component
class ModelLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelLifecycle.class);

    private final ModelRepository repository;
    private final ModelStore store;
    private final ObjectProvider<ModelRuntime> runtime;
    private final ObjectProvider<BundleReferences> references;
    private final ObjectProvider<InferenceService> inference;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final MeterRegistry meters;
    private final Timer activationTimer;
    private final BundleReplica replica;

    ModelLifecycle(ModelRepository repository, ModelStore store, ObjectProvider<ModelRuntime> runtime,
            ObjectProvider<BundleReferences> references, ObjectProvider<InferenceService> inference, AuditLog audit,
            TransactionTemplate tx, ObjectProvider<MeterRegistry> meters, BundleReplica replica) {
        this.replica = replica;
        this.inference = inference;
        this.repository = repository;
        this.store = store;
        this.runtime = runtime;
        this.references = references;
        this.audit = audit;
        this.tx = tx;
        this.meters = meters.getIfAvailable();
        this.activationTimer = this.meters == null ? null : Timer.builder("ivp.models.activation")
                .description("model bundle activations").register(this.meters);
        if (this.meters != null) {
            Gauge.builder("ivp.models.active", this, l -> l.serving().isPresent() ? 1 : 0)
                    .description("1 while a model bundle serves predictions").register(this.meters);
            Gauge.builder("ivp.models.registered", repository, ModelRepository::count)
                    .description("model bundles in the registry").register(this.meters);
        }
    }

    Optional<ModelRuntime> runtime() {
        return Optional.ofNullable(runtime.getIfAvailable());
    }

    Optional<BundleInfo> serving() {
        return runtime().flatMap(ModelRuntime::current);
    }

    Optional<ModelBundle> rollbackTarget() {
        return repository.active().flatMap(a -> repository.previousOf(a.id())).flatMap(repository::find)
                .filter(b -> b.status() == ModelStatus.AVAILABLE && !b.flagged());
    }

    ModelBundle activate(long id, String user) {
        return store.exclusively(() -> {
            ModelBundle b = existing(id);
            if (b.status() == ModelStatus.RETIRED) {
                throw new UserFacingException(b.label() + " is retired. Make it available again before activating it.");
            }
            if (b.status() == ModelStatus.ACTIVE && serving().map(i -> i.sha256().equals(b.manifestSha256()))
                    .orElse(false)) {
                throw new UserFacingException(b.label() + " is already the active model.");
            }
            return switchTo(b, "ACTIVATE", user);
        });
    }

    ModelBundle rollback(String user) {
        return store.exclusively(() -> switchTo(rollbackTarget().orElseThrow(() -> new UserFacingException(
                "There is no previous model to roll back to.")), "ROLLBACK", user));
    }

    private ModelBundle switchTo(ModelBundle b, String kind, String user) {
        if (b.flagged()) {
            audit.recordAs(user, AuditAction.MODEL_REFUSED, null, "model:" + b.id(),
                    b.flag().reason() + ": activation refused, flagged at start-up");
            throw new UserFacingException(b.label() + " is flagged: " + b.flag().message()
                    + ". It would be refused today, so it cannot be activated.");
        }
        ModelRuntime engine = runtime().orElseThrow(() -> new UserFacingException(
                "The inference engine is not available; no model can be activated."));
        Path dir = replica.localCopy(b).orElseThrow(() -> new UserFacingException(
                "The files of " + b.label() + " are missing from the model store (" + store.root() + ") and from "
                        + "the database."));
        Optional<ModelBundle> before = repository.active();
        long t0 = System.nanoTime();
        try {
            engine.activate(dir);
        } catch (BundleRejectedException e) {
            String why = e.report().firstFailure();
            audit.recordAs(user, AuditAction.MODEL_REFUSED, null, "model:" + b.id(),
                    RefusalReason.VALIDATION + ": activation refused: " + why);
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

    ModelBundle retire(long id, String user) {
        return store.exclusively(() -> {
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
        });
    }

    ModelBundle restore(long id, String user) {
        return store.exclusively(() -> {
            ModelBundle b = existing(id);
            if (b.status() != ModelStatus.RETIRED) {
                return b;
            }
            repository.setStatus(id, ModelStatus.AVAILABLE);
            audit.recordAs(user, AuditAction.MODEL_RESTORED, null, "model:" + id, b.bundleId() + " " + b.version());
            return repository.find(id).orElseThrow();
        });
    }

    /** What references a bundle, in words ("2 snapshots were made with it"); empty when nothing does. */
    List<String> referencesTo(ModelBundle b) {
        return references.orderedStream().map(r -> {
            long n = r.count(b.manifestSha256());
            return n > 0 ? r.describe(n) : null;
        }).filter(Objects::nonNull).toList();
    }

    void delete(long id, String user) {
        store.exclusively(() -> {
            ModelBundle b = existing(id);
            if (b.status() == ModelStatus.ACTIVE) {
                throw new UserFacingException(b.label() + " is the active model. Activate another model first.");
            }
            List<String> refs = referencesTo(b);
            if (!refs.isEmpty()) {
                throw new UserFacingException(b.label() + " cannot be deleted: " + String.join("; ", refs)
                        + " and must stay reproducible. Retire it instead.");
            }
            ModelStore.Removal removal;
            try {
                removal = store.remove(b.manifestSha256());
            } catch (java.io.IOException e) {
                throw new UserFacingException("The files of " + b.label() + " could not be removed: " + e.getMessage(),
                        e);
            }
            try {
                repository.delete(id);
            } catch (RuntimeException e) {
                removal.undo();
                throw e;
            }
            removal.finish();
            replica.forget(b.manifestSha256());
            // embeddings are derived from the bundle and keep normalised prompts: they go with it
            inference.ifAvailable(service -> service.forgetModel(b.manifestSha256()));
            audit.recordAs(user, AuditAction.MODEL_DELETED, null, "model:" + id,
                    b.bundleId() + " " + b.version() + " " + b.shortSha());
            return null;
        });
    }

    ValidationReport revalidate(long id, String user) {
        ModelBundle b = existing(id);
        Path dir = store.locally(() -> replica.localCopy(b)).orElseThrow(() -> new UserFacingException(
                "The files of " + b.label() + " are missing from the model store and from the database."));
        ValidationReport r = BundleValidator.validate(dir);
        audit.recordAs(user, r.ok() ? AuditAction.MODEL_VALIDATED : AuditAction.MODEL_REFUSED, null, "model:" + id,
                r.ok() ? "passed " + r.checks().size() + " checks"
                        : RefusalReason.VALIDATION + ": failed: " + r.firstFailure());
        return r;
    }

    private ModelBundle existing(long id) {
        return repository.find(id).orElseThrow(() -> new UserFacingException("This model no longer exists."));
    }
}
