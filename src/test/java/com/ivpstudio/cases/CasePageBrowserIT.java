package com.ivpstudio.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.ModelHeldPerTest;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoFixturesForBrowser;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoService;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The case page as a first-time clinician meets it, in real Chromium at 1440×900 and on a 390×844 phone: the
 * predicted views arrive after an upload without a reload and sit on screen without scrolling, everything is
 * reachable by keyboard, wording says what each image is, and the page prints as a chart copy.
 */
@IntegrationTest
class CasePageBrowserIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    final ModelHeldPerTest model = new ModelHeldPerTest();

    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    JdbcClient jdbc;

    private static Page page(int width, int height) {
        return browser.newPage(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(width, height));
    }

    private long newCase(String prefix) {
        CaseDraft d = new CaseDraft();
        d.setPatientCode(prefix + "-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase());
        return cases.create(d).id();
    }

    private byte[] demoFront() {
        long demo = cases.findByCode("DEMO-01").orElseThrow().id();
        Photo front = photos.photosOf(demo).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst().orElseThrow();
        return photos.imageBytes(front.id());
    }

    /** The element that really has the keyboard focus, through shadow roots. */
    private static final String FOCUSED = "(() => { let a = document.activeElement;"
            + " while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; } return a; })()";

    /** Presses Tab until {@code predicate} (JS using {@code f}, the focused element) holds. */
    private static void tabUntil(Page page, String predicate) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            if (Boolean.TRUE.equals(page.evaluate("() => { const f = " + FOCUSED + "; return !!(f && (" + predicate
                    + ")); }"))) {
                return;
            }
        }
        fail("Tab never reached: " + predicate);
    }

    /**
     * Chooses files whenever the page opens a file chooser. Registered when the page opens, not around the key press:
     * Playwright turns interception on without waiting for Chromium to confirm it, so on a loaded machine a chooser
     * opened right after registering could be shown natively — headless, nobody closes it and no other one opens.
     */
    private static AtomicReference<FileChooser> interceptFileChoosers(Page page) {
        AtomicReference<FileChooser> chosen = new AtomicReference<>();
        page.onFileChooser(chosen::set);
        return chosen;
    }

    /** Enter on the focused upload button opens the file chooser; Space (a button's other key) if Enter did not. */
    private static FileChooser openFileChooserByKeyboard(Page page, AtomicReference<FileChooser> chosen) {
        List<String> tried = new ArrayList<>();
        for (String key : List.of("Enter", " ")) {
            String focused = (String) page.evaluate("() => " + FOCUSED + ".outerHTML.slice(0, 160)");
            page.keyboard().press(key);
            try {
                page.waitForCondition(() -> chosen.get() != null, new Page.WaitForConditionOptions().setTimeout(8_000));
                System.out.println("[casepage] the file chooser opened on " + (key.equals(" ") ? "Space" : key)
                        + " (focused: " + focused + ")");
                return chosen.get();
            } catch (com.microsoft.playwright.TimeoutError e) {
                tried.add("no file chooser on " + (key.equals(" ") ? "Space" : key) + " with focus on " + focused);
            }
        }
        return fail("the upload button did not open a file chooser by keyboard: " + String.join("; ", tried));
    }

    private static void signInByKeyboard(Page page) {
        browser.open(page, "/login");
        tabUntil(page, "f.name === 'username'");
        page.keyboard().type("clinician");
        page.keyboard().press("Tab");
        page.keyboard().type("clinician-test-password");
        page.keyboard().press("Enter");
        page.waitForURL(u -> !u.contains("/login"));
        Browser.waitForVaadin(page);
    }

    private static void waitForPredictedViews(Page page) {
        page.waitForFunction("() => { const imgs = [...document.querySelectorAll('#view-grid img.predicted-img')];"
                + " return imgs.length === 4 && imgs.every(i => i.src.startsWith('data:image/png') && i.complete"
                + " && i.naturalWidth > 0); }", null, new Page.WaitForFunctionOptions().setTimeout(120_000));
    }

    /** Each predicted image's box in the viewport: [left, top, right, bottom]. */
    @SuppressWarnings("unchecked")
    private static List<List<Number>> predictedBoxes(Page page) {
        return (List<List<Number>>) page.evaluate("() => [...document.querySelectorAll('#view-grid img.predicted-img')]"
                + ".map(i => { const r = i.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
    }

    private static void assertFullyOnScreen(List<List<Number>> boxes, int width, int height) {
        assertThat(boxes).hasSize(4);
        for (List<Number> b : boxes) {
            assertThat(b.get(0).doubleValue()).as("left %s", b).isGreaterThanOrEqualTo(0);
            assertThat(b.get(1).doubleValue()).as("top %s", b).isGreaterThanOrEqualTo(0);
            assertThat(b.get(2).doubleValue()).as("right %s", b).isLessThanOrEqualTo(width);
            assertThat(b.get(3).doubleValue()).as("bottom %s", b).isLessThanOrEqualTo(height);
        }
    }

    private static void assertInsideWidth(Locator elements, int width, String what) {
        assertThat(elements.count()).as(what).isPositive();
        for (Locator l : elements.all()) {
            BoundingBox box = l.boundingBox();
            assertThat(box).as(what).isNotNull();
            assertThat(box.x).as(what + " left").isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).as(what + " right edge").isLessThanOrEqualTo(width);
        }
    }

    @Test
    @WithMockUser(username = "clinician", roles = "CLINICIAN")
    void aNewUserReachesFourPredictedViewsOnScreenWithoutScrollingAfterAnUploadWithoutReloadByKeyboardAlone() {
        long id = newCase("KB");
        String code = cases.get(id).patientCode();
        byte[] front = demoFront();
        try (var context = page(1440, 900).context()) {
            Page page = context.pages().get(0);
            AtomicReference<FileChooser> fileChooser = interceptFileChoosers(page);
            signInByKeyboard(page);

            // The case list: type the code into the search, Tab into the rows, Enter opens the case.
            tabUntil(page, "f.closest && f.closest('#case-search')");
            page.keyboard().type(code);
            page.waitForFunction("() => document.querySelector('#case-grid').size === 1");
            tabUntil(page, "f.closest && f.closest('tbody#items')");
            page.keyboard().press("Enter");
            page.waitForURL(u -> u.endsWith("/cases/" + id));
            Browser.waitForVaadin(page);
            page.evaluate("() => { window.__sameDocument = true; }");
            assertThat(page.locator("#no-front-photo").isVisible()).isTrue();

            // The upload: Tab to the upload button, Enter opens the file chooser.
            tabUntil(page, "f.closest && f.closest('#photo-upload') && f.localName === 'vaadin-button'");
            long t0 = System.nanoTime();
            openFileChooserByKeyboard(page, fileChooser).setFiles(new FilePayload("front.png", "image/png", front));
            waitForPredictedViews(page);
            long ms = (System.nanoTime() - t0) / 1_000_000;

            assertThat(page.evaluate("() => window.__sameDocument === true")).as("no reload").isEqualTo(true);
            List<List<Number>> boxes = predictedBoxes(page);
            Object scrollTop = page.evaluate("() => document.scrollingElement.scrollTop");
            System.out.println("[casepage] upload → four predicted views in " + ms + " ms without reload; boxes at "
                    + "1440×900: " + boxes + "; page scrollTop " + scrollTop);
            assertFullyOnScreen(boxes, 1440, 900);
            Browser.screenshot(page, "casepage-01-after-keyboard-upload-1440x900");

            // Screen readers: the hidden "Predicting…" is gone from the accessibility tree, the grid is not busy,
            // and a status line says the views are ready. The variation-count select has a label.
            assertThat(page.locator("#view-grid").ariaSnapshot()).doesNotContain("Predicting");
            assertThat(page.locator("#view-grid").getAttribute("aria-busy")).isEqualTo("false");
            assertThat(page.locator("#predicted-announcer").textContent()).contains("four predicted views are ready");
            assertThat(page.getByLabel("Variations to show").count()).isPositive();
        }
    }

    @Test
    void theDemoCaseSaysWhatEachImageIsAndOpensComparisonAndVariationsOnScreenAndEnlargesPredictions() {
        long id = cases.findByCode("DEMO-01").orElseThrow().id();
        try (var context = page(1440, 900).context()) {
            Page page = context.pages().get(0);
            browser.signIn(page, "clinician");
            browser.open(page, "/cases/" + id);
            waitForPredictedViews(page);
            assertFullyOnScreen(predictedBoxes(page), 1440, 900);
            Number width = (Number) page.evaluate("() => document.querySelector('#view-grid img.predicted-img')"
                    + ".getBoundingClientRect().width");
            System.out.println("[casepage] predicted image width at 1440×900: " + width + " px");
            assertThat(width.doubleValue()).isGreaterThan(268);
            Browser.screenshot(page, "casepage-02-demo-1440x900");

            // Badges: a phantom render is a "Phantom photo", never a "Real photo".
            assertThat(page.locator("#view-grid .cell-front .photo-badge").textContent()).isEqualTo("Phantom photo");
            assertThat(page.locator("#photo-timeline .photo-badge").first().textContent()).isEqualTo("Phantom photo");
            assertThat(page.locator("body").innerText()).doesNotContain("Real photo");
            // ψ in plain words on the control, its technical name under Advanced
            assertThat(page.locator("#psi label").textContent()).isEqualTo("Typical ↔ individual");
            assertThat(page.locator("#predicted-advanced").textContent()).contains("ψ");

            // Compare opens on screen, read in plain words, numbers under Advanced.
            page.locator("#compare").focus();
            page.keyboard().press("Enter");
            page.waitForSelector("#comparison .compare-card ivp-swipe");
            waitUntilScrolledIntoView(page, "#predicted-extra");
            BoundingBox cmp = page.locator("#predicted-extra").boundingBox();
            assertThat(cmp.y).as("comparison top on screen").isBetween(-1.0, 900.0 / 2);
            List<String> readings = page.locator("#comparison .compare-reading").allTextContents();
            System.out.println("[casepage] DEMO-01 readings " + readings + " from "
                    + page.locator("#comparison .compare-metrics").allTextContents());
            // The same three verdicts as the progress timeline and the case report.
            assertThat(readings).hasSize(4).allMatch(r -> List.of("Close match", "Partly similar",
                    "Clearly different").contains(r));
            assertThat(page.locator("#comparison .compare-metrics").first().isVisible()).isFalse();
            Browser.screenshot(page, "casepage-03-compare-scrolled-into-view");

            // More variations: also scrolled into view.
            page.evaluate("() => window.scrollTo(0, 0)");
            page.locator("#more-variations").click();
            page.waitForFunction("() => [...document.querySelectorAll('#variations img.variation-img')]"
                    + ".filter(i => i.naturalWidth > 0).length === 16");
            waitUntilScrolledIntoView(page, "#predicted-extra");
            assertThat(page.locator("#predicted-extra").boundingBox().y).as("variations top on screen")
                    .isBetween(-1.0, 900.0 / 2);
            Browser.screenshot(page, "casepage-04-variations-scrolled-into-view");

            // A predicted image opens enlarged by keyboard, like a real photo.
            page.locator("#view-grid img.predicted-img[data-view=left]").focus();
            page.keyboard().press("Enter");
            page.waitForSelector("vaadin-dialog-overlay img.predicted-viewer-img");
            Number enlarged = (Number) page.evaluate("() => document.querySelector('vaadin-dialog-overlay img"
                    + ".predicted-viewer-img').getBoundingClientRect().width");
            System.out.println("[casepage] enlarged predicted image: " + enlarged + " px wide");
            assertThat(enlarged.doubleValue()).isGreaterThan(width.doubleValue() * 2);
            Browser.screenshot(page, "casepage-05-predicted-enlarged");
            page.keyboard().press("Escape");
            page.waitForSelector("vaadin-dialog-overlay img.predicted-viewer-img", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));

            // Print: no navigation or buttons, the views whole, the photos on their own page.
            page.evaluate("() => window.scrollTo(0, 0)");
            byte[] pdf = page.pdf(new Page.PdfOptions().setFormat("A4").setPrintBackground(true));
            try {
                Files.createDirectories(Browser.SCREENSHOTS);
                Files.write(Browser.SCREENSHOTS.resolve("casepage-06-print.pdf"), pdf);
                PdfReader reader = new PdfReader(pdf);
                int pages = reader.getNumberOfPages();
                PdfTextExtractor text = new PdfTextExtractor(reader);
                String first = text.getTextFromPage(1);
                StringBuilder all = new StringBuilder();
                for (int i = 1; i <= pages; i++) {
                    all.append(text.getTextFromPage(i)).append('\n');
                }
                System.out.println("[casepage] print: " + pages + " A4 pages; page 1 text: "
                        + first.replace('\n', ' '));
                assertThat(pages).isBetween(2, 8);
                // The extractor splits letter-spaced and kerned words ("D E M O - 0 1"): compare without spaces.
                String firstWords = first.replaceAll("\\s", "");
                String allWords = all.toString().replaceAll("\\s", "");
                assertThat(firstWords).contains("DEMO-01").contains("Predictedviews").contains("Upperocclusal")
                        .contains("Loweroccl");
                assertThat(allWords).doesNotContain("Savesnapshot").doesNotContain("Signout")
                        .doesNotContain("Comparewithrealphotos").doesNotContain("Allcases").doesNotContain("Archive");
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    @WithMockUser(username = "clinician", roles = "CLINICIAN")
    void aSmallFrontPhotoIsWarnedAboutAndAWrongPhotoIsReplacedThenDeletedWithThePanelsFollowing() {
        long id = newCase("SM");
        try (var context = page(1440, 900).context()) {
            Page page = context.pages().get(0);
            browser.signIn(page, "clinician");
            browser.open(page, "/cases/" + id);
            page.locator("#photo-upload input[type=file]").setInputFiles(
                    new FilePayload("small.jpg", "image/jpeg", PhotoFixturesForBrowser.scaledJpeg(demoFront(), 301, 183)));
            page.waitForSelector("#upload-messages .upload-warning");
            assertThat(page.locator("#upload-messages .upload-warning").textContent())
                    .contains("301 × 183").contains(Integer.toString(Photo.USABLE_SHORT_SIDE));
            waitForPredictedViews(page);
            Browser.screenshot(page, "casepage-07-small-photo-warning");
            long small = photos.photosOf(id).get(0).id();

            // Replace: the viewer takes another file; the old photo goes, the predictions follow.
            page.locator("#photo-timeline .thumb").first().click();
            page.waitForSelector("#small-photo-warning");
            page.evaluate("() => { window.__sameDocument = true; }");
            page.locator("#replace-photo input[type=file]").setInputFiles(
                    new FilePayload("better.png", "image/png", demoFront()));
            page.waitForFunction("id => !document.querySelector(`#photo-timeline .thumb[data-photo-id='${id}']`)"
                    + " && document.querySelectorAll('#photo-timeline .thumb').length === 1", Long.toString(small));
            waitForPredictedViews(page);
            List<Photo> now = photos.photosOf(id);
            assertThat(now).hasSize(1);
            assertThat(now.get(0).isSmall()).isFalse();
            assertThat(now.get(0).label()).isEqualTo("initial");

            // Delete: confirmed first; then the panel says to upload a front photo again, without a reload.
            // the replaced photo's viewer must be gone first, else the click can land on its closing copy
            page.waitForFunction("() => document.querySelectorAll('#delete-photo').length === 0");
            page.locator("#photo-timeline .thumb").first().focus();
            page.keyboard().press(" ");
            page.waitForFunction("() => document.querySelectorAll('#delete-photo').length === 1");
            Browser.waitForVaadin(page);
            page.locator("#delete-photo").click();
            page.locator("#confirm-delete-photo vaadin-button[slot=confirm-button], vaadin-confirm-dialog-overlay"
                    + " vaadin-button[slot=confirm-button]").first().click();
            page.waitForSelector("#no-front-photo");
            assertThat(page.evaluate("() => window.__sameDocument === true")).isEqualTo(true);
            assertThat(photos.photosOf(id)).isEmpty();
            Browser.screenshot(page, "casepage-08-photo-deleted");

            Map<String, Object> audit = jdbc.sql("SELECT count(*) FILTER (WHERE action = 'PHOTO_REPLACED') AS replaced,"
                    + " count(*) FILTER (WHERE action = 'PHOTO_DELETED') AS deleted FROM audit_event WHERE case_id = :c")
                    .param("c", id).query().singleRow();
            assertThat(((Number) audit.get("replaced")).intValue()).isEqualTo(1);
            assertThat(((Number) audit.get("deleted")).intValue()).isEqualTo(1);
        }
    }

    @Test
    void onAPhoneTheViewsAreLargeAndFiltersAndSnapshotButtonsFitAndTheStudioRemembersTheCase() {
        long id = cases.findByCode("DEMO-02").orElseThrow().id();
        try (var context = page(390, 844).context()) {
            Page page = context.pages().get(0);
            browser.signIn(page, "clinician");
            browser.open(page, "/cases");
            assertInsideWidth(page.locator("#case-search, #case-tag, #case-status"), 390, "case-list filters");
            Browser.screenshot(page, "casepage-09-phone-case-list");

            // Space on a focused row opens the case.
            page.locator("#case-search input").fill("DEMO-02");
            page.waitForFunction("() => document.querySelector('#case-grid').size === 1");
            tabUntil(page, "f.closest && f.closest('tbody#items')");
            page.keyboard().press(" ");
            page.waitForURL(u -> u.endsWith("/cases/" + id));
            Browser.waitForVaadin(page);
            waitForPredictedViews(page);
            Number width = (Number) page.evaluate("() => document.querySelector('#view-grid img.predicted-img')"
                    + ".getBoundingClientRect().width");
            System.out.println("[casepage] predicted image width at 390×844: " + width + " px");
            assertThat(width.doubleValue()).isGreaterThan(300);

            page.locator("#save-views").click();
            page.locator("#snapshot-title input").fill("Phone check");
            page.locator("#snapshot-save").click();
            page.locator("#snapshot-grid .snapshot-open").first().waitFor();
            page.locator("#snapshot-grid").scrollIntoViewIfNeeded();
            assertInsideWidth(page.locator("#snapshot-grid .snapshot-open"), 390, "Open");
            assertInsideWidth(page.locator("#snapshot-grid .snapshot-export-png vaadin-button"), 390, "PNG");
            assertInsideWidth(page.locator("#snapshot-grid .snapshot-export-zip vaadin-button"), 390, "ZIP");
            assertThat((Number) page.evaluate("() => document.scrollingElement.scrollWidth"))
                    .as("no sideways scrolling of the page").matches(w -> w.intValue() <= 390);
            Browser.screenshot(page, "casepage-10-phone-case-page");

            // The Studio page opens on the case the user was last on.
            browser.open(page, "/studio");
            assertThat(page.locator("#studio-case input").inputValue()).isEqualTo("DEMO-02");
        }
    }

    /** The page scrolls smoothly: waits (up to the default timeout) until the element's top is in the upper half. */
    private static void waitUntilScrolledIntoView(Page page, String selector) {
        page.waitForFunction("s => { const top = document.querySelector(s).getBoundingClientRect().top;"
                + " return top >= -1 && top <= window.innerHeight / 2; }", selector);
    }
}
