package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.ModelHeldPerTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Sampling;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** The studio in real Chromium on the demo cases, with the active model (tiny test bundle before the demo one). */
@IntegrationTest
class StudioBrowserIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    final ModelHeldPerTest model = new ModelHeldPerTest();

    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;

    /** Requests and websocket frames seen by the page (reset before a measurement). */
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger wsFrames = new AtomicInteger();

    private Page signedIn() {
        Page page = browser.newPage();
        page.onRequest(r -> requests.incrementAndGet());
        page.onWebSocket(ws -> {
            ws.onFrameSent(f -> wsFrames.incrementAndGet());
            ws.onFrameReceived(f -> wsFrames.incrementAndGet());
        });
        browser.signIn(page, "clinician");
        return page;
    }

    private long caseId(String code) {
        return cases.findByCode(code).orElseThrow().id();
    }

    private static List<String> predictedSrcs(Page page) {
        @SuppressWarnings("unchecked")
        List<String> srcs = (List<String>) page.evaluate("() => ['upper','left','right','lower'].map(v => "
                + "document.querySelector(`#view-grid img.predicted-img[data-view=${v}]`).src)");
        return srcs;
    }

    static void waitForPredictedViews(Page page) {
        page.waitForFunction("() => { const imgs = [...document.querySelectorAll('#view-grid img.predicted-img')];"
                + " return imgs.length === 4 && imgs.every(i => i.src.startsWith('data:image/png') && i.complete"
                + " && i.naturalWidth > 0); }");
    }

    @Test
    void theCasePageShowsFourPredictedViewsThatChangeWithTheSeedAndSavesAReopenableSnapshot() {
        Page page = signedIn();
        long id = caseId("DEMO-01");
        long t0 = System.nanoTime();
        page.navigate(browser.url("/cases/" + id));
        page.waitForSelector("#view-grid .cell-front img");
        long shellMs = (System.nanoTime() - t0) / 1_000_000;
        waitForPredictedViews(page);
        long firstPaintMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[studio] case page painted (layout + real front photo) in " + shellMs
                + " ms, four predicted views painted in " + firstPaintMs + " ms");

        List<String> first = predictedSrcs(page);
        assertThat(new HashSet<>(first)).as("each view is a different image").hasSize(4);
        assertThat(page.locator("#view-grid .cell-front img").getAttribute("alt")).contains("Front photo of DEMO-01");
        assertThat(page.locator("#view-grid .cell-upper .simulated-badge").textContent()).isEqualTo("Simulated");
        for (String alt : page.locator("#view-grid img.predicted-img").all().stream().map(l -> l.getAttribute("alt")).toList()) {
            assertThat(alt).startsWith("Simulated").contains("DEMO-01");
        }
        Browser.scrollToTop(page, "#predicted-views");
        Browser.screenshot(page, "studio-01-case-predicted-views");

        // another seed → other images
        page.locator("#seed input").fill("7");
        page.locator("#seed input").press("Enter");
        page.waitForSelector("#view-grid[seed='7'][state='done']");
        waitForPredictedViews(page);
        List<String> seven = predictedSrcs(page);
        for (int i = 0; i < 4; i++) {
            assertThat(seven.get(i)).as("view %d changes with the seed", i).isNotEqualTo(first.get(i));
        }

        // uncertainty overlay
        page.locator("#uncertainty").click();
        page.waitForFunction("() => [...document.querySelectorAll('#view-grid img.heat-img')]"
                + ".filter(i => !i.hidden && i.naturalWidth > 0).length === 4");
        assertThat(page.locator("#spread-info").textContent()).contains("Uncertainty");
        Browser.scrollToTop(page, "#predicted-views");
        Browser.screenshot(page, "studio-02-uncertainty");
        page.locator("#uncertainty").click();

        // predicted vs real (DEMO-01 has the true views)
        page.locator("#compare").click();
        page.waitForSelector("#comparison .compare-card ivp-swipe");
        assertThat(page.locator("#comparison .compare-card").count()).isEqualTo(4);
        assertThat(page.locator("#comparison .compare-metrics").first().textContent()).contains("Structure", "pixel match");
        assertThat(page.locator("#comparison .compare-card .advanced").first().textContent()).contains("SSIM", "PSNR");
        Browser.scrollToTop(page, "#comparison");
        Browser.screenshot(page, "studio-03-compare");

        // more variations: a row per seed
        page.locator("#more-variations").click();
        page.waitForFunction("() => [...document.querySelectorAll('#variations img.variation-img')]"
                + ".filter(i => i.naturalWidth > 0).length === 16");
        Browser.scrollToTop(page, "#variations");
        Browser.screenshot(page, "studio-03b-variations");

        // save the view set → listed on the case page → re-open gives the same bytes
        page.locator("#save-views").click();
        page.locator("#snapshot-title input").fill("Review meeting views");
        page.locator("#snapshot-save").click();
        page.waitForSelector("#snapshot-grid");
        Locator row = page.locator("#snapshot-grid vaadin-grid-cell-content", new Page.LocatorOptions()
                .setHasText("Review meeting views"));
        row.first().waitFor();
        page.locator("#snapshot-grid .snapshot-open").first().click();
        page.waitForSelector("#snapshot-images .snapshot-img");
        @SuppressWarnings("unchecked")
        List<String> reopened = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'#snapshot-images .snapshot-img[data-position]')].map(i => i.src)");
        assertThat(reopened).containsExactlyElementsOf(seven);
        page.locator("#snapshot-provenance").click();
        Browser.screenshot(page, "studio-04-snapshot-reopened");
        // regenerate with the active (same) model: byte-identical
        page.locator("#snapshot-regenerate").click();
        page.waitForSelector("#snapshot-regeneration-verdict");
        assertThat(page.locator("#snapshot-regeneration-verdict").textContent())
                .contains("all 4 images are byte-identical");
        Browser.screenshot(page, "studio-04b-snapshot-regenerated");
        page.context().close();
    }

    @Test
    void theNudgeStripIsScrubbedInTheBrowserWithoutAnyServerRoundTrip() {
        Page page = signedIn();
        long id = caseId("DEMO-02");
        browser.open(page, "/studio/nudge/" + id);
        // the default α range is the recommended 0–2 in steps of 0.5 (no warning on load)
        assertThat(page.locator("#alpha-hint").textContent()).contains("5 steps").doesNotContain("unreliable");
        long t0 = System.nanoTime();
        page.locator("#nudge-compute").click();
        page.waitForSelector("#nudge-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        long stripMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[studio] nudge strip 5 α × 4 views computed and preloaded in " + stripMs + " ms ("
                + page.locator("#nudge-status").textContent() + ")");
        Browser.scrollToTop(page, "#nudge-compute");
        Browser.screenshot(page, "studio-05-nudge-strip");

        Locator slider = page.locator("#nudge-scrubber input.slider");
        slider.focus();
        page.waitForTimeout(300);
        requests.set(0);
        wsFrames.set(0);
        List<String> seen = new ArrayList<>();
        page.keyboard().press("Home");
        seen.add((String) page.evaluate("() => document.querySelector('#nudge-scrubber').visibleSrc('left')"));
        for (int i = 0; i < 4; i++) {
            page.keyboard().press("ArrowRight");
            String src = (String) page.evaluate("() => document.querySelector('#nudge-scrubber').visibleSrc('left')");
            assertThat(src).as("frame %d", i + 1).isNotEqualTo(seen.get(seen.size() - 1));
            seen.add(src);
        }
        assertThat(page.locator("#nudge-scrubber .step").textContent()).isEqualTo("α = 2.00");
        // play, pause, and the before/after swipe are client-side too
        page.locator("#nudge-scrubber button.play").click();
        page.waitForTimeout(600);
        page.locator("#nudge-scrubber button.play").click();
        page.locator("#nudge-scrubber input.swipe-toggle").check();
        page.locator("#nudge-scrubber input.swipe").fill("30");
        page.waitForTimeout(500);
        assertThat(requests.get()).as("HTTP requests while scrubbing").isZero();
        assertThat(wsFrames.get()).as("websocket frames while scrubbing").isZero();
        assertThat(new HashSet<>(seen)).hasSize(5);
        Browser.scrollToTop(page, "#nudge-scrubber");
        Browser.screenshot(page, "studio-06-nudge-swipe");

        // save the whole strip
        page.locator("#nudge-save-strip").click();
        page.locator("#snapshot-save").click();
        page.waitForSelector("#save-snapshot-dialog", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
        page.context().close();
    }

    @Test
    void aRunningJobCanBeCancelled() throws Exception {
        Page page = signedIn();
        long id = caseId("DEMO-03");
        browser.open(page, "/studio/nudge/" + id);
        page.locator("#alpha-to input").fill("10");
        page.locator("#alpha-step input").fill("0.25");
        page.locator("#alpha-step input").press("Tab");
        // keep the engine busy from the side so that the job is certainly still running when Cancel is clicked
        long demo1 = caseId("DEMO-01");
        long frontId = photos.photosOf(demo1).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst()
                .orElseThrow().id();
        Embedding k = inference.embedPhoto(PhotoReferences.of(photos, frontId));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            int offset = t;
            load.submit(() -> {
                double[] alphas = new double[40];
                for (int run = 0; !stop.get(); run++) {
                    for (int i = 0; i < alphas.length; i++) {
                        alphas[i] = 1000 * offset + run + i / 100.0;
                    }
                    try {
                        inference.nudge(k, k, k, alphas, Sampling.seed(run), OperationContext.none());
                    } catch (RuntimeException ignored) {
                        // busy: fine, the point is load
                    }
                }
                return null;
            });
        }
        try {
            page.locator("#nudge-compute").click();
            page.waitForSelector("#nudge-cancel:visible");
            page.locator("#nudge-cancel").click();
            for (int i = 0; i < 120 && "running".equals(page.locator("#nudge-job").getAttribute("state")); i++) {
                System.out.println("[studio] cancel test: " + page.locator("#nudge-status").textContent());
                page.waitForTimeout(500);
            }
            assertThat(page.locator("#nudge-job").getAttribute("state")).as(page.locator("#nudge-status").textContent())
                    .isEqualTo("cancelled");
            assertThat(page.locator("#nudge-status").textContent()).isEqualTo("Cancelled.");
            assertThat(page.locator("#nudge-scrubber[ready]").count()).isZero();
            Browser.screenshot(page, "studio-07-cancelled");
        } finally {
            stop.set(true);
            load.shutdownNow();
            // the next test starts with an idle engine
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        page.context().close();
    }

    @Test
    void aTextPromptGivesFourViewsAndTheExplorersScrub() {
        Page page = signedIn();
        long id = caseId("DEMO-07");
        browser.open(page, "/studio/text/" + id);
        assertThat(page.locator("#zero-shot-warning").textContent()).contains("zero-shot").contains("unreliable");
        page.locator("#text-suggestions vaadin-button").first().click();
        page.waitForFunction("() => document.querySelector('#prompt input').value.length > 0");
        page.locator("#text-generate").click();
        page.waitForFunction("() => { const imgs = [...document.querySelectorAll('#text-views img.predicted-img')];"
                + " return imgs.length === 4 && imgs.every(i => i.complete && i.naturalWidth > 0); }");
        @SuppressWarnings("unchecked")
        List<String> srcs = (List<String>) page.evaluate("() => [...document.querySelectorAll('#text-views img')].map(i => i.src)");
        assertThat(new HashSet<>(srcs)).hasSize(4);
        page.waitForSelector("#text-history vaadin-button");
        Browser.screenshot(page, "studio-08-text-prompt");

        // from → to prompts as a nudge direction, scrubbed in the browser
        page.locator("#text-directions vaadin-button").first().click();
        page.waitForFunction("() => document.querySelector('#prompt-to input').value.length > 0");
        page.locator("#text-nudge-compute").click();
        page.waitForSelector("#text-nudge-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        Browser.scrollToTop(page, "#text-nudge-compute");
        Browser.screenshot(page, "studio-08b-text-nudge");

        browser.open(page, "/studio/explore/" + id);
        page.locator("#norm-compute").click();
        page.waitForSelector("#norm-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        assertThat(page.locator("#norm-scrubber .step").textContent()).contains("typical");
        assertThat(page.locator("#own-norm").textContent()).contains("own norm");
        assertThat(page.locator("#norm-scrubber .mark-legend").textContent()).contains("typical norm");
        assertThat(page.locator("#norm-scrubber datalist option").count()).isEqualTo(1);
        Browser.screenshot(page, "studio-09-norm-explorer");

        page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Interpolation")).click();
        page.locator("#interp-compute").click();
        page.waitForSelector("#interp-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        assertThat(page.locator("#interp-scrubber input.slider").getAttribute("max")).isEqualTo("7");
        Browser.screenshot(page, "studio-10-interpolation");
        page.context().close();
    }

    @Test
    void withoutAnActiveModelTheStudioSaysSoAndLinksAdminsToModelManagement() {
        Page page = signedIn();
        long id = caseId("DEMO-04");
        inference.runtime().deactivate(); // the model comes back after the test (ModelHeldPerTest)
        browser.open(page, "/cases/" + id);
        assertThat(page.locator("#predicted-views #no-model").textContent()).contains("No prediction model is active");
        assertThat(page.locator("#predicted-views img.predicted-img").count()).isZero();
        browser.open(page, "/studio/nudge/" + id);
        assertThat(page.locator("#no-model").isVisible()).isTrue();
        page.context().close();

        Page admin = browser.newPage();
        browser.signIn(admin, "admin");
        browser.open(admin, "/studio");
        assertThat(admin.locator("#model-management-link").getAttribute("href")).isEqualTo("admin/models");
        Browser.screenshot(admin, "studio-11-no-model");
        admin.context().close();
    }
}
