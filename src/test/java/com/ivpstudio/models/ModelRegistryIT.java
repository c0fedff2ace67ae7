package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.IntegrationTest;
import com.ivpstudio.inference.BundleInfo;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.runtime.ModelRuntime;
import com.ivpstudio.common.UserFacingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registry with real bundle zips, the real engine and the real database. */
@IntegrationTest
@ExtendWith(RestoresModelRegistry.class)
class ModelRegistryIT {

    private static final AtomicInteger VERSION = new AtomicInteger((int) (System.nanoTime() % 1000) * 100);

    @Autowired
    ModelRegistry registry;

    @Autowired
    ModelRuntime runtime;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InferenceService inference;

    static String nextVersion() {
        return "1.0." + VERSION.incrementAndGet();
    }

    UploadOutcome upload(byte[] zip) {
        return registry.upload(new ByteArrayInputStream(zip), "bundle.zip", "admin");
    }

    ModelBundle uploadValid(Double psi) {
        UploadOutcome o = upload(BundleZips.zip(BundleZips.variant(nextVersion(), psi)));
        assertThat(o.accepted()).as(o.message()).isTrue();
        return o.bundle();
    }

    @Test
    void aValidBundleIsStoredAndActivatesAndTheChecksAreThoseOfTheLoader() throws IOException {
        String version = nextVersion();
        UploadOutcome o = upload(BundleZips.zip(BundleZips.variant(version, null), "tiny-bundle/"));

        assertThat(o.accepted()).as(o.message()).isTrue();
        assertThat(o.checks()).allMatch(UploadOutcome.Check::passed);
        assertThat(o.checks()).extracting(UploadOutcome.Check::name)
                .contains("upload", "zip safety", "manifest schema", "file mapping.pt", "load synthesis.pt",
                        "golden synthesis.pt b4", "tokenizer vectors", "z vectors", "registry");
        ModelBundle b = o.bundle();
        assertThat(b.version()).isEqualTo(version);
        assertThat(b.status()).isEqualTo(ModelStatus.AVAILABLE);
        assertThat(b.uploadedBy()).isEqualTo("admin");
        assertThat(b.archiveSha256()).hasSize(64);
        assertThat(registry.bundleDirectory(b.manifestSha256())).isPresent();
        assertThat(ManifestSummary.of(b.manifestJson()).sections()).extracting(ManifestSummary.Section::key)
                .startsWith("model");

        long t0 = System.nanoTime();
        ModelBundle active = registry.activate(b.id(), "admin");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[models] activation of the tiny bundle took " + ms + " ms; upload to accepted "
                + o.millis() + " ms");

        assertThat(active.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(b.manifestSha256());
        assertThat(registry.active()).map(ModelBundle::id).contains(b.id());
        assertThat(registry.history(1)).first().satisfies(h -> {
            assertThat(h.modelBundleId()).isEqualTo(b.id());
            assertThat(h.kind()).isEqualTo("ACTIVATE");
        });
        assertThat(auditActions("model:" + b.id())).contains("MODEL_VALIDATED", "MODEL_UPLOADED", "MODEL_ACTIVATED");
        assertThatThrownBy(() -> registry.activate(b.id(), "admin")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("already the active model");
    }

    static Stream<Arguments> refusedBundles() {
        Map<String, byte[]> tampered = BundleZips.variant("9.9.1", null);
        byte[] mapping = tampered.get("mapping.pt").clone();
        mapping[mapping.length / 2] ^= 0x5a;
        tampered.put("mapping.pt", mapping);

        Map<String, byte[]> missing = BundleZips.variant("9.9.2", null);
        missing.remove("synthesis.pt");

        Map<String, byte[]> wrongShape = BundleZips.variant("9.9.3", null);
        BundleZips.replaceAndFixManifest(wrongShape, "image_encoder.pt", BundleZips.wrongShapeModule());

        Map<String, byte[]> slip = BundleZips.variant("9.9.4", null);
        slip.put("../escaped.txt", "gotcha".getBytes());

        Map<String, byte[]> absolute = BundleZips.variant("9.9.5", null);
        absolute.put("/tmp/absolute.txt", "gotcha".getBytes());

        return Stream.of(
                Arguments.of("tampered sha256", BundleZips.zip(tampered), "sha256 mismatch: mapping.pt"),
                Arguments.of("missing module", BundleZips.zip(missing), "missing file: synthesis.pt"),
                Arguments.of("wrong output shape", BundleZips.zip(wrongShape),
                        "image_encoder.pt output ["),
                Arguments.of("zip slip", BundleZips.zip(slip), "unsafe path (../escaped.txt)"),
                Arguments.of("absolute path", BundleZips.zip(absolute), "unsafe path (/tmp/absolute.txt)"),
                Arguments.of("symbolic link", BundleZips.withSymlink(BundleZips.variant("9.9.6", null)),
                        "symbolic link (golden/link)"),
                Arguments.of("not a zip", BundleZips.photo(), "This is not a zip file"),
                Arguments.of("empty file", new byte[0], "The file is empty"),
                Arguments.of("truncated zip", java.util.Arrays.copyOf(BundleZips.zip(BundleZips.tinyFiles()), 5000),
                        "damaged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBundles")
    void aBadBundleIsRefusedWithItsReasonAndLeavesNothingBehind(String what, byte[] zip, String expected)
            throws IOException {
        State before = state();

        UploadOutcome o = upload(zip);

        assertThat(o.accepted()).isFalse();
        assertThat(o.message()).contains(expected);
        assertThat(o.checks()).anyMatch(c -> !c.passed());
        assertThat(state()).isEqualTo(before);
        assertThat(registry.store().resolveSibling("escaped.txt")).doesNotExist();
        assertThat(registry.store().getParent().resolve("escaped.txt")).doesNotExist();
        assertThat(lastAudit()).isEqualTo("MODEL_REFUSED");
    }

    @Test
    void aZipBombIsStoppedByCountingTheInflatedBytesAndTooManyEntriesAreRefused() throws IOException {
        State before = state();
        ZipLimits small = new ZipLimits(10L << 20, 100, 4L << 20);
        byte[] bomb = BundleZips.bomb(BundleZips.tinyFiles(), 64L << 20);
        assertThat(bomb.length).isLessThan(200_000);

        UploadOutcome o = registry.upload(new ByteArrayInputStream(bomb), "bomb.zip", "admin", small);

        assertThat(o.accepted()).isFalse();
        assertThat(o.message()).contains("unpacks to more than 4.0 MB");
        assertThat(state()).isEqualTo(before);

        UploadOutcome many = registry.upload(new ByteArrayInputStream(BundleZips.zip(BundleZips.tinyFiles())),
                "many.zip", "admin", new ZipLimits(10L << 20, 5, 100L << 20));
        assertThat(many.message()).contains("more than the limit of 5");
        assertThat(state()).isEqualTo(before);

        UploadOutcome big = registry.upload(new ByteArrayInputStream(BundleZips.zip(BundleZips.tinyFiles())),
                "big.zip", "admin", new ZipLimits(100_000, 100, 100L << 20));
        assertThat(big.message()).contains("larger than the limit");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theSameBundleTwiceIsRefusedAsAlreadyRegistered() throws IOException {
        byte[] zip = BundleZips.zip(BundleZips.variant(nextVersion(), null));
        assertThat(upload(zip).accepted()).isTrue();
        State before = state();

        UploadOutcome again = upload(zip);

        assertThat(again.accepted()).isFalse();
        assertThat(again.message()).contains("already in the registry");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void rollbackRestoresThePreviousModelAndRetiredOrActiveBundlesAreProtected() {
        ModelBundle a = uploadValid(null);
        ModelBundle b = uploadValid(0.5);
        registry.activate(a.id(), "admin");
        registry.activate(b.id(), "admin");
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(b.manifestSha256());
        assertThat(registry.rollbackTarget()).map(ModelBundle::id).contains(a.id());

        ModelBundle back = registry.rollback("admin");

        assertThat(back.id()).isEqualTo(a.id());
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(a.manifestSha256());
        assertThat(registry.find(b.id())).map(ModelBundle::status).contains(ModelStatus.AVAILABLE);
        assertThat(registry.history(1).get(0).kind()).isEqualTo("ROLLBACK");
        assertThat(auditActions("model:" + a.id())).contains("MODEL_ROLLED_BACK");

        assertThatThrownBy(() -> registry.retire(a.id(), "admin")).hasMessageContaining("active model");
        assertThatThrownBy(() -> registry.delete(a.id(), "admin")).hasMessageContaining("active model");
        ModelBundle retired = registry.retire(b.id(), "admin");
        assertThat(retired.status()).isEqualTo(ModelStatus.RETIRED);
        assertThat(registry.bundleDirectory(b.manifestSha256())).as("kept for snapshots").isPresent();
        assertThatThrownBy(() -> registry.activate(b.id(), "admin")).hasMessageContaining("retired");
        assertThat(registry.rollbackTarget()).as("a retired model is no rollback target").isEmpty();
        registry.restore(b.id(), "admin");
        assertThat(registry.find(b.id())).map(ModelBundle::status).contains(ModelStatus.AVAILABLE);
    }

    @Test
    void deletingABundleForgetsTheEmbeddingsComputedWithItAndThePromptsTheyKeep() {
        ModelBundle previous = registry.active().orElseThrow();
        ModelBundle b = uploadValid(null);
        registry.activate(b.id(), "admin");
        String prompt = "crowded lower incisors " + System.nanoTime();
        inference.embedText(prompt);
        long otherRows = embeddingRows(previous.manifestSha256());
        assertThat(embeddingRows(b.manifestSha256())).isEqualTo(1);
        registry.activate(previous.id(), "admin");

        registry.delete(b.id(), "admin");

        assertThat(embeddingRows(b.manifestSha256())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM inference_embedding WHERE prompt LIKE :p")
                .param("p", "%" + prompt.substring(prompt.lastIndexOf(' ') + 1) + "%").query(Long.class).single())
                .as("the prompt is gone with the bundle").isZero();
        assertThat(embeddingRows(previous.manifestSha256())).as("other bundles keep theirs").isEqualTo(otherRows);
    }

    private long embeddingRows(String bundleSha256) {
        return jdbc.sql("SELECT count(*) FROM inference_embedding WHERE bundle_sha256 = :sha")
                .param("sha", bundleSha256).query(Long.class).single();
    }

    @Test
    void deletingIsRefusedWhileSnapshotsReferenceTheBundle() {
        ModelBundle b = uploadValid(null);
        assertThat(registry.references(b)).isEmpty();
        long caseId = jdbc.sql("""
                INSERT INTO patient_case (patient_code, created_by, updated_by)
                VALUES (:code, 'admin', 'admin') RETURNING id""")
                .param("code", "MODELS-REF-" + System.nanoTime()).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO snapshot (case_id, title, kind, operation, bundle_id, bundle_version, bundle_sha256,
                                      provenance, image_count, created_by)
                VALUES (:case, 'kept', 'VIEWS', 'views', :id, :version, :sha, '{}', 0, 'admin')""")
                .param("case", caseId).param("id", b.bundleId()).param("version", b.version())
                .param("sha", b.manifestSha256()).update();
        try {
            assertThat(registry.references(b)).containsExactly("1 snapshot was made with it");
            assertThatThrownBy(() -> registry.delete(b.id(), "admin")).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("1 snapshot was made with it");
            assertThat(registry.find(b.id())).isPresent();
            assertThat(registry.store().resolve(b.manifestSha256())).isDirectory();
        } finally {
            jdbc.sql("DELETE FROM snapshot WHERE case_id = :case").param("case", caseId).update();
            jdbc.sql("DELETE FROM patient_case WHERE id = :case").param("case", caseId).update();
        }
        registry.delete(b.id(), "admin");
        assertThat(registry.find(b.id())).isEmpty();
        assertThat(registry.store().resolve(b.manifestSha256())).doesNotExist();
        assertThat(auditActions("model:" + b.id())).contains("MODEL_DELETED");
    }

    @Test
    void aBundleFolderIsInstalledAtFirstStartAndAfterARestartTheRegistrysActiveModelIsServed(@TempDir Path tmp)
            throws IOException {
        Map<String, byte[]> files = BundleZips.variant(nextVersion(), null);
        Path demo = tmp.resolve("demo");
        for (var f : files.entrySet()) {
            Files.createDirectories(demo.resolve(f.getKey()).getParent());
            Files.write(demo.resolve(f.getKey()), f.getValue());
        }
        String sha = BundleZips.sha256(files.get("manifest.json"));
        long rows = jdbc.sql("SELECT count(*) FROM model_bundle").query(Long.class).single();

        registry.installDemo(runtime, tmp.resolve("missing"));
        assertThat(jdbc.sql("SELECT count(*) FROM model_bundle").query(Long.class).single()).isEqualTo(rows);

        registry.installDemo(runtime, demo);

        ModelBundle b = registry.findBySha(sha).orElseThrow();
        assertThat(b.source()).isEqualTo("DEMO");
        assertThat(b.status()).isEqualTo(ModelStatus.ACTIVE);
        assertThat(b.uploadedBy()).isEqualTo("system");
        assertThat(registry.bundleDirectory(sha)).isPresent();
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(sha);
        assertThat(runtime.current()).map(i -> i.location().toString()).hasValueSatisfying(
                l -> assertThat(l).as("served from the store, not from the demo folder").contains(sha));
        assertThat(registry.history(1).get(0).kind()).isEqualTo("INSTALL");
        assertThat(auditActions("model:" + b.id())).contains("MODEL_INSTALLED");
        registry.installDemo(runtime, demo);
        assertThat(jdbc.sql("SELECT count(*) FROM model_bundle").query(Long.class).single()).isEqualTo(rows + 1);

        // A restart: the engine comes up without this model; the registry makes it serve its active one.
        runtime.deactivate();
        registry.onStart();
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(sha);
        registry.onStart();
        assertThat(runtime.current()).map(BundleInfo::sha256).contains(sha);
    }

    // ------------------------------------------------------------------ helpers

    record State(Set<String> store, Set<String> incoming, long rows, Optional<String> serving, Optional<Long> active) {
    }

    State state() throws IOException {
        Path store = registry.store();
        Set<String> entries = new TreeSet<>();
        Set<String> incoming = new TreeSet<>();
        if (Files.isDirectory(store)) {
            try (Stream<Path> s = Files.list(store)) {
                s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(ModelStore.INCOMING))
                        .forEach(entries::add);
            }
            Path inc = store.resolve(ModelStore.INCOMING);
            if (Files.isDirectory(inc)) {
                try (Stream<Path> s = Files.list(inc)) {
                    s.map(p -> p.getFileName().toString()).forEach(incoming::add);
                }
            }
        }
        long rows = jdbc.sql("SELECT count(*) FROM model_bundle").query(Long.class).single();
        return new State(entries, incoming, rows, runtime.current().map(BundleInfo::sha256),
                registry.active().map(ModelBundle::id));
    }

    Set<String> auditActions(String target) {
        return jdbc.sql("SELECT action FROM audit_event WHERE target_id = :t").param("t", target)
                .query(String.class).list().stream().collect(Collectors.toSet());
    }

    String lastAudit() {
        return jdbc.sql("SELECT action FROM audit_event ORDER BY id DESC LIMIT 1").query(String.class).single();
    }
}
