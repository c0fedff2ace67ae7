package com.ivpstudio.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.common.UserFacingException;
import com.microsoft.playwright.Page;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hostile bundles of the security sweep, end to end through the registry: pickles (unlisted, or listed with
 * their correct sha256), zip bombs (watched in the staging folder while they are refused), and a bad bundle planted
 * in the store that the start-up sweep flags.
 */
@IntegrationTest
@ExtendWith(RestoresModelRegistry.class)
class HostileBundleIT {

    @Autowired
    ModelRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Map<String, byte[]> demoFiles() {
        Path demo = registry.properties().demoBundle();
        assumeTrue(Files.isRegularFile(demo.resolve("manifest.json")), "no demo bundle in " + demo);
        Map<String, byte[]> files = BundleZips.files(demo);
        BundleZips.editManifest(files, m -> m.put("version", ModelRegistryIT.nextVersion()));
        return files;
    }

    UploadOutcome upload(byte[] zip) {
        return registry.upload(new ByteArrayInputStream(zip), "hostile.zip", "admin");
    }

    @Test
    void theDemoBundleWithAnUnlistedPickleIsRefusedAndThePickleIsNotStored() throws IOException {
        Map<String, byte[]> files = demoFiles();
        files.put("evil.pkl", HostileFiles.EVIL_PICKLE);
        List<String> before = storeContents();

        UploadOutcome o = upload(BundleZips.zip(files, "demo/"));

        assertThat(o.accepted()).isFalse();
        assertThat(o.message()).contains("evil.pkl, which manifest.json does not list");
        assertThat(storeContents()).isEqualTo(before).noneMatch(p -> p.endsWith("evil.pkl"));
        assertThat(lastAudit()).isEqualTo("MODEL_REFUSED UNLISTED_FILE");
    }

    @Test
    void theDemoBundleWithAPickleListedWithItsCorrectSha256IsRefused() throws IOException {
        Map<String, byte[]> files = demoFiles();
        BundleZips.addListed(files, "evil.pkl", HostileFiles.EVIL_PICKLE);
        List<String> before = storeContents();

        UploadOutcome o = upload(BundleZips.zip(files));

        assertThat(o.accepted()).isFalse();
        assertThat(o.message()).contains("evil.pkl is a Python pickle (protocol 2)");
        assertThat(o.checks()).anyMatch(c -> !c.passed() && c.message().contains("evil.pkl"));
        assertThat(storeContents()).isEqualTo(before).noneMatch(p -> p.endsWith("evil.pkl"));
        assertThat(lastAudit()).isEqualTo("MODEL_REFUSED PICKLE");
    }

    @Test
    void aOneGigabyteZipBombIsRefusedWithoutWritingAnyFileBeyondItsDeclaredSize() throws Exception {
        long gigabyte = 1L << 30;
        List<String> before = storeContents();

        // The bomb of the sweep: one entry of zeros and nothing else.
        byte[] bare = HostileFiles.withZeros(Map.of(), "zeros.bin", gigabyte);
        Map<String, Long> seen = watchStagingDuring(() -> assertThat(upload(bare).message())
                .contains("missing file: manifest.json"));
        assertThat(seen).as("nothing is written without a manifest").isEmpty();
        assertThat(lastAudit()).isEqualTo("MODEL_REFUSED MANIFEST");

        // The same zeros in a valid bundle, listed as 4 KB with the central directory agreeing: cut at 4 KB.
        Map<String, byte[]> files = BundleZips.variant(ModelRegistryIT.nextVersion(), null);
        BundleZips.addListed(files, "golden/zeros.bin", new byte[4096]);
        files.remove("golden/zeros.bin");
        byte[] lying = HostileFiles.declaringSize(HostileFiles.withZeros(files, "golden/zeros.bin", gigabyte),
                "golden/zeros.bin", 4096);
        System.out.println("[models] 1 GB zip bomb: " + bare.length / 1024 + " KB bare, " + lying.length / 1024
                + " KB inside a bundle");
        long t0 = System.nanoTime();
        seen = watchStagingDuring(() -> assertThat(upload(lying).message())
                .contains("size mismatch: golden/zeros.bin is larger than the 4096 bytes"));
        System.out.println("[models] bomb inside a bundle refused in " + (System.nanoTime() - t0) / 1_000_000
                + " ms; largest files seen in staging " + seen);
        assertThat(seen.getOrDefault("zeros.bin", 0L)).isLessThanOrEqualTo(4096);
        assertThat(lastAudit()).isEqualTo("MODEL_REFUSED SIZE_MISMATCH");

        // Unlisted, the zeros are refused before extraction starts.
        Map<String, byte[]> valid = BundleZips.variant(ModelRegistryIT.nextVersion(), null);
        byte[] unlisted = HostileFiles.withZeros(valid, "zeros.bin", gigabyte);
        seen = watchStagingDuring(() -> assertThat(upload(unlisted).message())
                .contains("zeros.bin, which manifest.json does not list"));
        assertThat(seen).isEmpty();
        assertThat(storeContents()).isEqualTo(before);
    }

    @Test
    void theStartUpSweepFlagsAPlantedBadBundleKeepsItAndRefusesToActivateIt() throws IOException {
        UploadOutcome o = upload(BundleZips.zip(BundleZips.variant(ModelRegistryIT.nextVersion(), null)));
        assertThat(o.accepted()).as(o.message()).isTrue();
        ModelBundle b = o.bundle();
        Path dir = registry.bundleDirectory(b.manifestSha256()).orElseThrow();
        Path planted = Files.write(dir.resolve("golden/evil.pkl"), HostileFiles.EVIL_PICKLE);

        registry.onStart();

        ModelBundle flagged = registry.find(b.id()).orElseThrow();
        assertThat(flagged.flag()).isNotNull();
        assertThat(flagged.flag().reason()).isEqualTo(RefusalReason.UNLISTED_FILE);
        assertThat(flagged.flag().message()).contains("golden/evil.pkl");
        assertThat(planted).as("flagged, not deleted").exists();
        assertThat(lastAudit()).isEqualTo("MODEL_REFUSED UNLISTED_FILE");
        assertThatThrownBy(() -> registry.activate(b.id(), "admin")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("is flagged").hasMessageContaining("golden/evil.pkl");
        assertThat(registry.find(b.id())).map(ModelBundle::status).contains(ModelStatus.AVAILABLE);
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            browser.signIn(page, "admin", "admin-test-password");
            browser.open(page, "/admin/models");
            page.waitForSelector("#model-grid .status-flagged", new Page.WaitForSelectorOptions().setTimeout(60_000));
            page.locator("vaadin-grid-cell-content:has-text('" + b.version() + "')").first().click();
            page.waitForSelector("#model-flag");
            assertThat(page.locator("#model-flag").innerText()).contains("Flagged at start-up (UNLISTED_FILE)",
                    "golden/evil.pkl", "cannot be activated");
            page.locator("#model-flag").scrollIntoViewIfNeeded();
            Browser.screenshot(page, "models-flagged-bundle");
        }

        Files.delete(planted);
        registry.onStart();

        assertThat(registry.find(b.id()).orElseThrow().flag()).as("cleared once it passes again").isNull();
    }

    // ------------------------------------------------------------------ helpers

    /** Every path in the store outside the staging folder. */
    List<String> storeContents() throws IOException {
        Path store = registry.store();
        try (Stream<Path> s = Files.walk(store)) {
            return s.map(p -> store.relativize(p).toString()).filter(p -> !p.startsWith(ModelStore.INCOMING))
                    .sorted().toList();
        }
    }

    /**
     * Runs an upload while a thread polls the staging folder and records the largest size seen per file name (the
     * received zip itself aside).
     */
    Map<String, Long> watchStagingDuring(Runnable upload) throws InterruptedException {
        Path incoming = registry.store().resolve(ModelStore.INCOMING);
        Map<String, Long> largest = new ConcurrentHashMap<>();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Stream<Path> s = Files.walk(incoming)) {
                    s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("upload.zip"))
                            .forEach(p -> largest.merge(p.getFileName().toString(), p.toFile().length(), Math::max));
                } catch (IOException | UncheckedIOException vanished) {
                    // files come and go while the upload runs
                }
            }
        }, "staging-watch");
        watcher.start();
        try {
            upload.run();
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        return largest;
    }

    String lastAudit() {
        return jdbc.sql("SELECT action || ' ' || split_part(detail, ':', 1) FROM audit_event ORDER BY id DESC LIMIT 1")
                .query(String.class).single();
    }
}
