package com.ivpstudio.models;

import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.runtime.ModelRuntime;
import com.ivpstudio.inference.bundle.ValidationReport;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The model registry as the admin screens and the studio see it: accepted bundles in the model store
 * ({@link ModelStore}, {@code ivp.models.store/<manifest sha256>/}) with their metadata in PostgreSQL. Uploads are
 * accepted by {@link BundleUpload}, activation, rollback, retirement and deletion happen in {@link ModelLifecycle},
 * the first start and the start-up sweep in {@link ModelStartup}. Every action is audited; one change at a time.
 */
@Service
public class ModelRegistry {

    private final ModelRepository repository;
    private final ModelProperties properties;
    private final ModelStore store;
    private final BundleUpload uploads;
    private final ModelLifecycle lifecycle;
    private final ModelStartup startup;
    private final BundleReplica replica;
    private final RegistryAnnouncements announcements;

    ModelRegistry(ModelRepository repository, ModelProperties properties, ModelStore store, BundleUpload uploads,
            ModelLifecycle lifecycle, ModelStartup startup, BundleReplica replica,
            RegistryAnnouncements announcements) {
        this.replica = replica;
        this.announcements = announcements;
        this.repository = repository;
        this.properties = properties;
        this.store = store;
        this.uploads = uploads;
        this.lifecycle = lifecycle;
        this.startup = startup;
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
        return lifecycle.serving();
    }

    public List<ModelActivation> history(int limit) {
        return repository.history(limit);
    }

    /** The bundle a rollback would activate, if any. */
    public Optional<ModelBundle> rollbackTarget() {
        return lifecycle.rollbackTarget();
    }

    /**
     * The folder of this node's verified copy of a registered bundle (also of retired ones: snapshots that reference
     * them are regenerated from here), materialised from the database when this node lacks it.
     */
    public Optional<Path> bundleDirectory(String manifestSha256) {
        return repository.findBySha(manifestSha256).flatMap(b -> store.locally(() -> replica.localCopy(b)));
    }

    /** What other features hold that was made with this bundle, in words; empty when it may be deleted. */
    public List<String> references(ModelBundle bundle) {
        return lifecycle.referencesTo(bundle);
    }

    public ModelProperties properties() {
        return properties;
    }

    Path store() {
        return store.root();
    }

    // ------------------------------------------------------------------ changes

    /** Uploads a zip with the configured limits. */
    public UploadOutcome upload(InputStream zip, String fileName, String user) {
        return upload(zip, fileName, user, properties.zipLimits());
    }

    /**
     * Receives, unpacks (manifest first), validates and registers a bundle zip (status AVAILABLE; activate it
     * separately). Never throws for a bad bundle: the outcome says what failed, and nothing is left in the store or
     * the database.
     */
    public UploadOutcome upload(InputStream zip, String fileName, String user, ZipLimits limits) {
        UploadOutcome outcome = uploads.upload(zip, fileName, user, limits);
        if (outcome.accepted()) {
            announcements.changed("uploaded " + outcome.bundle().id());
        }
        return outcome;
    }

    /** Activates a registered bundle (atomic switch in the engine), records it in the history. */
    public ModelBundle activate(long id, String user) {
        return announced("activated", lifecycle.activate(id, user));
    }

    /** Re-activates the bundle that was active before the current one. */
    public ModelBundle rollback(String user) {
        return announced("rolled back to", lifecycle.rollback(user));
    }

    /** Retires a bundle that is not active: no longer offered, kept for snapshots. */
    public ModelBundle retire(long id, String user) {
        return announced("retired", lifecycle.retire(id, user));
    }

    /** Makes a retired bundle available again. */
    public ModelBundle restore(long id, String user) {
        return announced("restored", lifecycle.restore(id, user));
    }

    /** Deletes a bundle's files and row; refused for the active one and while other features reference it. */
    public void delete(long id, String user) {
        lifecycle.delete(id, user);
        announcements.changed("deleted " + id);
    }

    /** Other nodes hear of a change at once (they would otherwise notice within their reconcile interval). */
    private ModelBundle announced(String what, ModelBundle b) {
        announcements.changed(what + " " + b.id());
        return b;
    }

    /** Runs the loader's checks again on a stored bundle (audited). */
    public ValidationReport revalidate(long id, String user) {
        return lifecycle.revalidate(id, user);
    }

    // ------------------------------------------------------------------ start-up (tests call these directly)

    void onStart() {
        startup.onStart();
    }

    void installDemo(ModelRuntime runtime, Path demo) {
        startup.installDemo(runtime, demo);
    }
}
