package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.ModelHeldPerTest;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.NudgeMeasurement;
import com.ivpstudio.inference.Provenance;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A German clinician's studio in real Chromium: the badge, the model line, the titles, the strip's buttons and the
 * nudge caution are German, and the mark burned into every predicted image reads SIMULIERT.
 */
@IntegrationTest
class StudioInGermanBrowserIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    final ModelHeldPerTest model = new ModelHeldPerTest();

    @Autowired
    CaseService cases;
    @Autowired
    InferenceService inference;

    /** "1,3 % näher heran" / "2,1 % weiter weg": a change as the German caution words it. */
    private static String germanChange(double closer) {
        return String.format(Locale.GERMAN, "%.1f %% %s", 100 * Math.abs(closer),
                closer >= 0 ? "näher heran" : "weiter weg");
    }

    private static Provenance provenanceOf(String dataUrl) {
        return StudioToolsBrowserIT.provenanceOf(dataUrl);
    }

    private static void writeImage(String name, String dataUrl) throws Exception {
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.write(Browser.SCREENSHOTS.resolve(name),
                Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));
    }

    private static void noMissingKey(Page page) {
        assertThat(page.locator("body").innerText()).as("no missing translation key")
                .doesNotContainPattern("![a-z-]+\\.[a-z0-9._-]+!");
    }

    @Test
    void aGermanClinicianSeesTheStudioAndItsImagesInGerman() throws Exception {
        Page page = browser.newPage(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("de-DE")
                .setViewportSize(1400, 900));
        try (BrowserContext context = page.context()) {
            browser.signIn(page, "clinician");
            long id = cases.findByCode("DEMO-05").orElseThrow().id();

            browser.open(page, "/studio");
            assertThat(page.locator("#active-model").innerText()).startsWith("Modell: ");

            // the case page: the badge and the images' mark
            browser.open(page, "/cases/" + id);
            StudioBrowserIT.waitForPredictedViews(page);
            assertThat(page.locator(".predicted-head .simulated-badge").innerText()).isEqualTo("Simuliert");
            String upper = page.locator("#view-grid img.predicted-img[data-view=upper]").getAttribute("src");
            assertThat(provenanceOf(upper).mark()).isEqualTo("SIMULIERT");
            assertThat(provenanceOf(upper).patientCode()).isEqualTo("DEMO-05");
            writeImage("studio-de-01-predicted-upper.png", upper);
            Browser.screenshot(page, "studio-de-01-case-page");

            // the nudge studio: title, back link, caution with its numbers under "how this was measured"
            browser.open(page, "/studio/nudge/" + id);
            assertThat(page.locator("h2.case-title").innerText()).startsWith("Nudge-Studio · ");
            assertThat(page.title()).startsWith("Nudge-Studio · DEMO-05");
            assertThat(page.locator("#back-to-case").innerText()).isEqualTo("← Zurück zum Fall DEMO-05");
            NudgeMeasurement measuredByExporter = inference.activeBundle().orElseThrow().nudgeMeasured();
            assertThat(measuredByExporter).as("the demo bundle carries its nudge measurement").isNotNull();
            String pixels = "in Pixeln " + germanChange(measuredByExporter.pixelsCloser());
            String features = "Bildmerkmalen des Modells " + germanChange(measuredByExporter.featuresCloser());
            assertThat(page.locator("#nudge-caution").innerText()).contains("keine Vorhersage für diesen Patienten")
                    .doesNotContain(pixels);
            page.locator("#nudge-caution-measured vaadin-details-summary").click();
            assertThat(page.locator("#nudge-caution-measured").innerText()).contains(pixels, features,
                    measuredByExporter.patients() + " neuen Phantom-Patienten");
            assertThat(page.locator(".case-header + p.hint").innerText()).startsWith("Modell: ")
                    .endsWith("Jedes Bild ist eine Simulation für das Gespräch, kein diagnostisches Bild.");
            page.locator("#nudge-compute").click();
            page.waitForSelector("#nudge-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            assertThat(page.locator("#nudge-status").innerText()).matches("Fertig in \\d+,\\d s\\.");
            assertThat(page.locator("#nudge-save-strip").innerText()).isEqualTo("Ganze Bildreihe speichern");
            assertThat(page.locator("#nudge-save-step").innerText()).isEqualTo("Diesen Schritt speichern");
            String left = (String) page.evaluate("() => document.querySelector('#nudge-scrubber').visibleSrc('left')");
            assertThat(provenanceOf(left).mark()).isEqualTo("SIMULIERT");
            assertThat(provenanceOf(left).operation()).isEqualTo("nudge");
            writeImage("studio-de-02-nudge-left.png", left);
            noMissingKey(page);
            Browser.screenshot(page, "studio-de-02-nudge");

            // the text studio's title
            browser.open(page, "/studio/text/" + id);
            assertThat(page.locator("h2.case-title").innerText()).startsWith("Text-Studio · ");
            assertThat(page.locator("#zero-shot-warning").getAttribute("class")).contains("caution-note");
            noMissingKey(page);
            Browser.screenshot(page, "studio-de-03-text");
        }
    }

    @Test
    void anEnglishClinicianStillSeesEnglishAndTheEnglishMark() {
        Page page = browser.newPage(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("en-GB")
                .setViewportSize(1400, 900));
        try (BrowserContext context = page.context()) {
            browser.signIn(page, "clinician");
            long id = cases.findByCode("DEMO-05").orElseThrow().id();
            browser.open(page, "/studio/nudge/" + id);
            assertThat(page.locator("h2.case-title").innerText()).startsWith("Nudge studio · ");
            assertThat(page.locator("#nudge-caution").innerText()).contains("not a forecast for this patient");
            browser.open(page, "/cases/" + id);
            StudioBrowserIT.waitForPredictedViews(page);
            List<String> marks = List.of("upper", "left").stream().map(v -> provenanceOf(page.locator(
                    "#view-grid img.predicted-img[data-view=" + v + "]").getAttribute("src")).mark()).toList();
            assertThat(marks).containsOnlyNulls();
            assertThat(page.locator(".predicted-head .simulated-badge").innerText()).isEqualTo("Simulated");
        }
    }
}
