package com.ivpstudio.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.models.BundleZips;
import com.ivpstudio.models.ModelBundle;
import com.ivpstudio.models.ModelRegistry;
import com.ivpstudio.models.RestoresModelRegistry;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** An administrator uploads, checks and activates a model in real Chromium; a clinician cannot get in. */
@IntegrationTest
@ExtendWith(RestoresModelRegistry.class)
class ModelsAdminIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();

    @Autowired
    ModelRegistry registry;

    @Autowired
    Environment environment;

    /** The model that was active before a test; the test that activates another puts it back. */
    Optional<ModelBundle> activeBefore;

    @BeforeEach
    void rememberTheActiveModel() {
        activeBefore = registry.active();
    }

    @AfterEach
    void restoreTheActiveModel() {
        activeBefore.filter(b -> !registry.active().map(ModelBundle::id).equals(Optional.of(b.id())))
                .ifPresent(b -> registry.activate(b.id(), "admin"));
    }

    @Test
    void anAdminUploadsSeesTheChecksActivatesAndSeesTheMetrics() {
        Map<String, byte[]> files = BundleZips.variant("2.0." + (System.nanoTime() % 100000), null);
        BundleZips.editManifest(files, m -> m.put("name", "CLIP-IVP tiny (browser test)"));
        BundleZips.addListed(files, "grid.png", BundleZips.photo());
        String sha = BundleZips.sha256(files.get("manifest.json"));
        byte[] zip = BundleZips.zip(files, "clip-ivp-tiny/");

        Page page = browser.newPage();
        browser.signIn(page, "admin", "admin-test-password");
        browser.open(page, "/admin/models");
        assertThat(page.locator("vaadin-side-nav-item").allTextContents())
                .anyMatch(t -> t.contains("Models")).anyMatch(t -> t.contains("System status"))
                .anyMatch(t -> t.contains("Users"));
        // the active demo model has both unusual-photo checks, and the page says what the second one looks at
        page.waitForSelector("#model-ood-check");
        assertThat(page.locator("#model-ood-check").innerText()).contains("Warns when a photo is unlike")
                .contains("colours and brightness").contains("which way up each photo is");
        Browser.screenshot(page, "admin-01-models");

        page.waitForSelector("#model-upload", new Page.WaitForSelectorOptions().setTimeout(60_000));
        long t0 = System.nanoTime();
        page.locator("#model-upload input[type=file]").setInputFiles(
                new FilePayload("clip-ivp-tiny.zip", "application/zip", zip));
        page.waitForSelector("#upload-status[data-state=ok], #upload-status[data-state=error]",
                new Page.WaitForSelectorOptions().setTimeout(120_000));
        long uploadMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(page.locator("#upload-status").textContent()).contains("Accepted");
        assertThat(page.locator("#upload-summary").textContent()).matches("All \\d+ checks passed\\.");
        page.waitForSelector("#upload-checks vaadin-grid-cell-content:has-text('zip safety')");
        // each check by a plain name, the technical name (as in the log) underneath
        assertThat(page.locator("#upload-checks vaadin-grid-cell-content:has-text('zip safety')").first().innerText())
                .contains("Zip archive is safe to unpack");
        assertThat(page.locator("#upload-checks vaadin-grid-cell-content:has-text('manifest schema')").first().innerText())
                .contains("Description file complete and supported");
        clearNotifications(page);
        Browser.screenshot(page, "admin-02-upload-checks");

        ModelBundle b = registry.findBySha(sha).orElseThrow();
        assertThat(page.locator("#activate-" + b.id()).count()).as("Activate in the versions table").isOne();
        page.locator("#activate-uploaded").click();
        page.waitForSelector("#upload-status:has-text('is now the active model')",
                new Page.WaitForSelectorOptions().setTimeout(120_000));
        long activeMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[models] browser: upload to accepted " + uploadMs + " ms, upload to active " + activeMs
                + " ms (" + zip.length / 1024 + " KB zip)");
        page.waitForSelector("#active-model-name:has-text('CLIP-IVP tiny (browser test)')");
        // The clinical reading is on show; the raw measurements wait under "Advanced".
        page.waitForSelector("#model-reading");
        assertThat(page.locator("#metrics-table").isVisible()).isFalse();
        page.locator("#model-advanced vaadin-details-summary").click();
        // the grid draws its header first and its rows a moment later
        page.waitForFunction("() => { const t = document.querySelector('#metrics-table');"
                + " return t && t.innerText.includes('All views'); }");
        String metrics = page.locator("#metrics-table").innerText();
        assertThat(metrics).contains("PSNR", "SSIM", "This model", "Baseline: mean image", "Left buccal view",
                "All views");
        page.waitForSelector("#model-grid-image");
        page.waitForFunction("() => { const i = document.querySelector('#model-grid-image');"
                + " return i && i.complete && i.naturalWidth === 100; }");
        page.locator("#metrics-table").scrollIntoViewIfNeeded();
        clearNotifications(page);
        Browser.screenshot(page, "admin-03-activated-metrics");

        // A tampered bundle is refused with its reason and the active model stays.
        Map<String, byte[]> tampered = BundleZips.variant("2.1." + (System.nanoTime() % 100000), null);
        byte[] synthesis = tampered.get("synthesis.pt").clone();
        synthesis[synthesis.length / 3] ^= 0x11;
        tampered.put("synthesis.pt", synthesis);
        page.locator("#model-upload input[type=file]").setInputFiles(
                new FilePayload("tampered.zip", "application/zip", BundleZips.zip(tampered)));
        page.waitForSelector("#upload-status[data-state=error]", new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertThat(page.locator("#upload-status").textContent()).contains("sha256 mismatch: synthesis.pt");
        assertThat(page.locator("#upload-summary").textContent()).contains("1 of").contains("checks failed");
        assertThat(registry.active()).map(ModelBundle::id).contains(b.id());
        page.locator("#upload-status").scrollIntoViewIfNeeded();
        clearNotifications(page);
        Browser.screenshot(page, "admin-04-refused");

        browser.open(page, "/admin/status");
        page.waitForSelector("#status-model:has-text('CLIP-IVP tiny (browser test)')");
        String first = page.locator("#status-updated").getAttribute("data-refreshes");
        page.waitForFunction("n => Number(document.querySelector('#status-updated').dataset.refreshes) > n",
                Integer.parseInt(first), new Page.WaitForFunctionOptions().setTimeout(15_000));
        assertThat(page.locator("#status-database").innerText()).contains("PostgreSQL");
        assertThat(page.locator("#status-application").innerText()).contains("Version");
        // the app nodes sharing the database, this one marked (docs/reliability.md)
        page.waitForSelector("#status-nodes-grid vaadin-grid-cell-content:has-text('(this page)')");
        assertThat(page.locator("#status-nodes").innerText()).contains("App nodes");
        Browser.screenshot(page, "admin-05-status");
        page.context().close();
    }

    /**
     * Real bundles are tens or hundreds of MB. Spring's multipart resolver (on by default, 1 MB limit) intercepts
     * Vaadin uploads and refuses anything larger before the upload handler sees it; with
     * {@code spring.servlet.multipart.enabled=false} Vaadin streams the upload and the registry's own limit applies.
     * Either way the administrator is told what happened.
     */
    @Test
    void aBundleLargerThanOneMegabyteUploadsOrTheAdministratorIsToldWhyNot() {
        boolean multipart = environment.getProperty("spring.servlet.multipart.enabled", Boolean.class, true);
        Map<String, byte[]> files = BundleZips.variant("3.0." + (System.nanoTime() % 100000), null);
        byte[] padding = new byte[3_000_000];
        new Random(7).nextBytes(padding);
        BundleZips.addListed(files, "notes/padding.bin", padding);
        Page page = browser.newPage();
        browser.signIn(page, "admin", "admin-test-password");
        browser.open(page, "/admin/models");
        page.waitForSelector("#model-upload", new Page.WaitForSelectorOptions().setTimeout(60_000));
        page.locator("#model-upload input[type=file]").setInputFiles(
                new FilePayload("big.zip", "application/zip", BundleZips.zip(files)));
        page.waitForSelector("#upload-status[data-state=ok], #upload-status[data-state=error]",
                new Page.WaitForSelectorOptions().setTimeout(120_000));
        String status = page.locator("#upload-status").textContent();
        System.out.println("[models] 3 MB upload with spring.servlet.multipart.enabled=" + multipart + ": " + status);
        if (multipart) {
            assertThat(status).contains("The server refused the upload", "spring.servlet.multipart.enabled=false");
            clearNotifications(page);
            Browser.screenshot(page, "admin-07-upload-refused-by-container");
        } else {
            assertThat(status).contains("Accepted");
        }
        page.context().close();
    }

    /** Toasts cover the page in screenshots; they are checked through the status line instead. */
    private static void clearNotifications(Page page) {
        page.evaluate("() => document.querySelectorAll('vaadin-notification-card').forEach(c => c.remove())");
    }

    @Test
    void aClinicianCannotReachTheAdminPages() {
        Page page = browser.newPage();
        browser.signIn(page, "clinician", "clinician-test-password");
        for (String path : new String[] {"/admin/models", "/admin/status"}) {
            browser.open(page, path);
            page.waitForSelector(".error-view", new Page.WaitForSelectorOptions()
                    .setState(WaitForSelectorState.ATTACHED));
            assertThat(page.locator("#model-upload").count()).isZero();
            assertThat(page.locator("#status-cards").count()).isZero();
        }
        assertThat(page.locator("vaadin-side-nav-item").allTextContents())
                .noneMatch(t -> t.contains("Models") || t.contains("System status"));
        Browser.screenshot(page, "admin-06-clinician-denied");
        page.context().close();
    }
}
