package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.ModelHeldPerTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditEvent;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.render.ImageRenderer;
import com.ivpstudio.inference.render.PngEncoder;
import com.ivpstudio.security.Role;
import com.ivpstudio.security.UserAccount;
import com.ivpstudio.security.UserAccountRepository;
import com.ivpstudio.security.UserAccountService;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The studio tools a first-time clinician tripped over, in real Chromium: the nudge swipe at α = 0, the compare
 * swipe's shape, the default α range, interpolation frames that name the right patient, text-prompt images that
 * name no patient, gibberish prompts, the front photo of a re-opened snapshot, unlocking accounts, the audit filter.
 */
@IntegrationTest
class StudioToolsBrowserIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    final ModelHeldPerTest model = new ModelHeldPerTest();

    @Autowired
    CaseService cases;
    @Autowired
    AuditLog audit;
    @Autowired
    UserAccountService users;
    @Autowired
    UserAccountRepository accounts;

    private long caseId(String code) {
        return cases.findByCode(code).orElseThrow().id();
    }

    /** The provenance written into a data:image/png URL shown in the page (the same code as the image's mark). */
    static Provenance provenanceOf(String dataUrl) {
        byte[] png = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        return Provenance.fromJson(PngEncoder.readText(png).get(ImageRenderer.PROVENANCE_KEY));
    }

    /** Mean brightness (0–255) of the left and the right half of an element's screenshot. */
    private static double[] halves(Locator element) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(element.screenshot()));
        double[] sums = new double[2];
        int half = img.getWidth() / 2;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                sums[x < half ? 0 : 1] += (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3.0;
            }
        }
        double n = (double) half * img.getHeight();
        return new double[] {sums[0] / n, sums[1] / (img.getWidth() * img.getHeight() - n)};
    }

    private List<AuditEvent> events(AuditAction action, long caseId) {
        return audit.find(new AuditFilter(null, action, caseId, null, null), 0, 20);
    }

    @Test
    void theNudgeStartsInTheRecommendedRangeAndItsSwipeNeverShowsABlackHalf() throws IOException {
        Page page = browser.signedIn("clinician");
        try (BrowserContext context = page.context()) {
            long id = caseId("DEMO-05");
            browser.open(page, "/studio/nudge/" + id);
            Locator hint = page.locator("#alpha-hint");
            assertThat(hint.textContent()).contains("5 steps").doesNotContain("unreliable");
            assertThat(hint.getAttribute("class")).doesNotContain("warning-text");
            assertThat(page.locator("#alpha-meaning").textContent()).contains("how far to push")
                    .contains("other patient's treatment");
            assertThat(page.locator("#nudge-intro").textContent()).doesNotContain("embedding");
            long before = events(AuditAction.NUDGE_COMPUTED, id).size();

            page.locator("#nudge-compute").click();
            page.waitForSelector("#nudge-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            assertThat(events(AuditAction.NUDGE_COMPUTED, id)).hasSize((int) before + 1);
            assertThat(events(AuditAction.NUDGE_COMPUTED, id).get(0).detail()).contains("reference pair")
                    .contains("seed 0").doesNotContain("DEMO");

            page.locator("#nudge-scrubber input.slider").focus();
            page.keyboard().press("Home");
            page.locator("#nudge-scrubber input.swipe-toggle").check();
            page.waitForTimeout(300);
            Locator left = page.locator("#nudge-scrubber figure[data-view=left] .stack");
            double[] atZero = halves(left);
            System.out.printf("[studiotools] swipe at α = 0: left half %.1f, right half %.1f (black ≈ 17)%n",
                    atZero[0], atZero[1]);
            assertThat(atZero[0]).as("left half at α = 0 (the swipe's own reference step)")
                    .isGreaterThan(0.6 * atZero[1]);
            page.keyboard().press("End");
            page.locator("#nudge-scrubber input.slider").focus();
            page.keyboard().press("End");
            page.waitForTimeout(200);
            double[] atEnd = halves(left);
            assertThat(atEnd[0]).as("left half shows α = 0 under the swipe").isGreaterThan(0.6 * atEnd[1]);
            assertThat(page.locator("#nudge-scrubber .step").textContent()).isEqualTo("α = 2.00");
            Browser.scrollToTop(page, "#nudge-scrubber");
            Browser.screenshot(page, "studiotools-01-nudge-swipe-alpha-range");

            // save this step: the snapshot keeps the starting photo, shown in the centre when re-opened
            page.locator("#nudge-save-step").click();
            page.locator("#snapshot-title input").fill("Nudge step with its photo");
            page.locator("#snapshot-save").click();
            page.waitForSelector("#save-snapshot-dialog",
                    new Page.WaitForSelectorOptions().setState(WaitForSelectorState.DETACHED));
            browser.open(page, "/cases/" + id);
            page.locator("#snapshot-grid .snapshot-open").first().click();
            page.waitForSelector("#snapshot-images .snapshot-img");
            Locator front = page.locator("#snapshot-images .cell-front #snapshot-front");
            front.waitFor();
            page.waitForFunction("() => document.querySelector('#snapshot-front').naturalWidth > 0");
            assertThat(front.getAttribute("alt")).contains("Real front photo of DEMO-05");
            assertThat(page.locator("#snapshot-front-missing").count()).isZero();
            Browser.screenshot(page, "studiotools-02-snapshot-reopened-with-front");
        }
    }

    @Test
    void theCompareSwipeShowsEachImageWholeInItsOwnShape() {
        Page page = browser.signedIn("clinician");
        try (BrowserContext context = page.context()) {
            page.navigate(browser.url("/cases/" + caseId("DEMO-01")));
            page.waitForFunction("() => [...document.querySelectorAll('#view-grid img.predicted-img')]"
                    + ".filter(i => i.src.startsWith('data:image/png') && i.naturalWidth > 0).length === 4");
            page.locator("#compare").click();
            page.waitForSelector("#comparison .compare-card ivp-swipe");
            page.waitForFunction("() => [...document.querySelectorAll('#comparison ivp-swipe')].every(s =>"
                    + " s.shadowRoot.querySelector('img.before').naturalWidth > 0)");
            page.waitForTimeout(200);
            @SuppressWarnings("unchecked")
            List<List<Object>> shapes = (List<List<Object>>) page.evaluate("() => [...document.querySelectorAll("
                    + "'#comparison ivp-swipe')].map(s => { const f = s.shadowRoot.querySelector('.frame')"
                    + ".getBoundingClientRect(); const b = s.shadowRoot.querySelector('img.before');"
                    + " const a = s.shadowRoot.querySelector('img.after');"
                    + " return [f.width / f.height, b.naturalWidth / b.naturalHeight, getComputedStyle(b).objectFit,"
                    + " getComputedStyle(a).objectFit]; })");
            assertThat(shapes).hasSize(4);
            for (List<Object> s : shapes) {
                double frame = ((Number) s.get(0)).doubleValue();
                double image = ((Number) s.get(1)).doubleValue();
                System.out.printf("[studiotools] compare swipe frame %.3f : 1, predicted image %.3f : 1%n", frame, image);
                assertThat(frame).as("the frame has the image's shape, not a tall box").isCloseTo(image,
                        org.assertj.core.data.Offset.offset(0.03 * image));
                assertThat(s.get(2)).isEqualTo("contain");
                assertThat(s.get(3)).as("the real photo is shown whole, not cropped or stretched").isEqualTo("contain");
            }
            Browser.scrollToTop(page, "#comparison");
            Browser.screenshot(page, "studiotools-03-compare-swipe-shape");
        }
    }

    @Test
    void everyInterpolationFrameNamesAndShowsThePatientItIsNearerTo() {
        Page page = browser.signedIn("clinician");
        try (BrowserContext context = page.context()) {
            long id = caseId("DEMO-07");
            browser.open(page, "/studio/explore/" + id);
            page.locator("vaadin-tab", new Page.LocatorOptions().setHasText("Interpolation")).click();
            page.locator("#interp-to-case input").fill("DEMO-03");
            page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText("DEMO-03")).first().click();
            page.waitForFunction("() => document.querySelector('#interp-to').value !== ''");
            Browser.waitForVaadin(page);
            page.locator("#interp-compute").click();
            page.waitForSelector("#interp-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
            assertThat(events(AuditAction.INTERPOLATION_COMPUTED, id)).isNotEmpty();

            int steps = Integer.parseInt(page.locator("#interp-scrubber input.slider").getAttribute("max")) + 1;
            page.locator("#interp-scrubber input.slider").focus();
            page.keyboard().press("Home");
            String firstFront = null;
            for (int i = 0; i < steps; i++) {
                double t = (double) i / (steps - 1);
                String expected = t > 0.5 ? "DEMO-03" : "DEMO-07";
                for (String view : List.of("upper", "left", "right", "lower")) {
                    String src = (String) page.evaluate("v => document.querySelector('#interp-scrubber').visibleSrc(v)",
                            view);
                    String caption = (String) page.evaluate(
                            "v => document.querySelector('#interp-scrubber').visibleCaption(v)", view);
                    Provenance p = provenanceOf(src);
                    assertThat(p.t()).isCloseTo(t, org.assertj.core.data.Offset.offset(1e-6));
                    assertThat(p.patientCode()).as("mark of %s at t = %.2f", view, t).isEqualTo(expected);
                    assertThat(caption).as("caption of %s at t = %.2f", view, t).endsWith(" · " + expected);
                }
                String frontCaption = (String) page.evaluate(
                        "() => document.querySelector('#interp-scrubber').visibleCaption('front')");
                String frontSrc = (String) page.evaluate(
                        "() => document.querySelector('#interp-scrubber').visibleSrc('front')");
                assertThat(frontCaption).as("centre photo at t = %.2f", t).contains(expected);
                if (i == 0) {
                    firstFront = frontSrc;
                } else if (t > 0.5) {
                    assertThat(frontSrc).as("the end photo, not the start photo").isNotEqualTo(firstFront);
                }
                if (i == steps - 1) {
                    Browser.screenshot(page, "studiotools-04-interpolation-at-t1");
                }
                page.keyboard().press("ArrowRight");
            }
        }
    }

    @Test
    void textPromptImagesNameNoPatientAndAGibberishPromptSaysItMatchedNothing() {
        Page page = browser.signedIn("clinician");
        try (BrowserContext context = page.context()) {
            long id = caseId("DEMO-06");
            browser.open(page, "/studio/text/" + id);
            long prompts = events(AuditAction.TEXT_PROMPT_USED, id).size();

            page.locator("#prompt input").fill("xqzt blorf vuvu");
            page.locator("#text-generate").click();
            page.waitForFunction("() => document.querySelector('#prompt-coverage').textContent.length > 0");
            assertThat(page.locator("#prompt-coverage").textContent()).contains("matched nothing the model knows")
                    .contains("none of its 3 words");
            page.waitForTimeout(500);
            assertThat(page.locator("#text-views img").count()).as("nothing drawn").isZero();
            assertThat(events(AuditAction.TEXT_PROMPT_USED, id)).as("nothing done, nothing audited").hasSize((int) prompts);
            Browser.screenshot(page, "studiotools-05-gibberish-prompt");

            page.locator("#text-suggestions vaadin-button").first().click();
            page.waitForFunction("() => document.querySelector('#prompt input').value.length > 0");
            String prompt = (String) page.evaluate("() => document.querySelector('#prompt input').value");
            page.locator("#text-generate").click();
            page.waitForFunction("() => { const imgs = [...document.querySelectorAll('#text-views img.predicted-img')];"
                    + " return imgs.length === 4 && imgs.every(i => i.complete && i.naturalWidth > 0); }");
            assertThat(page.locator("#prompt-coverage").textContent()).contains("knows all");
            for (Locator cell : page.locator("#text-views .cell-label").all()) {
                assertThat(cell.textContent()).contains("from text:").contains("not a patient").doesNotContain("DEMO");
            }
            for (Locator img : page.locator("#text-views img.predicted-img").all()) {
                assertThat(img.getAttribute("alt")).doesNotContain("DEMO");
                assertThat(provenanceOf(img.getAttribute("src")).patientCode()).as("no patient code in the mark")
                        .isNull();
            }
            assertThat(page.locator("#text-views .not-a-patient").textContent()).contains("not a patient");
            List<AuditEvent> used = events(AuditAction.TEXT_PROMPT_USED, id);
            assertThat(used).hasSize((int) prompts + 1);
            assertThat(used.get(0).detail()).contains("words").contains("known");
            for (String word : prompt.split("\\W+")) {
                if (word.length() > 3) {
                    assertThat(used.get(0).detail()).as("the prompt text stays out of the audit").doesNotContain(word);
                }
            }
            assertThat(page.locator("#zero-shot-warning").textContent()).contains("zero-shot").contains("unreliable");
            Browser.screenshot(page, "studiotools-06-text-prompt-not-a-patient");
        }
    }

    @Test
    void anAdminUnlocksALockedAccountAndFiltersTheAuditByPatientCode() {
        String name = "locked-" + UUID.randomUUID().toString().substring(0, 6);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", "n/a", List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            users.create(name, Set.of(Role.CLINICIAN));
        } finally {
            SecurityContextHolder.clearContext();
        }
        accounts.recordFailedSignIn(name, 1, Instant.now().plus(15, ChronoUnit.MINUTES));
        UserAccount locked = accounts.findByUsername(name).orElseThrow();
        assertThat(locked.isLockedAt(Instant.now())).isTrue();
        long demo2 = caseId("DEMO-02");
        audit.record(AuditAction.VIEWS_PREDICTED, demo2, "photo 0", "audit filter test");

        Page page = browser.signedIn("admin");
        try (BrowserContext context = page.context()) {
            browser.open(page, "/admin/users");
            Locator unlock = page.locator(".unlock-user[data-user='" + name + "']");
            unlock.waitFor();
            Browser.screenshot(page, "studiotools-07-users-locked");
            unlock.click();
            unlock.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
            assertThat(accounts.findByUsername(name).orElseThrow().isLockedAt(Instant.now())).isFalse();
            assertThat(audit.find(new AuditFilter("admin", AuditAction.USER_UNLOCKED, null, null, null), 0, 5))
                    .anySatisfy(e -> assertThat(e.targetId()).isEqualTo(Long.toString(locked.id())));

            browser.open(page, "/admin/audit");
            long ofDemo2 = audit.count(new AuditFilter(null, null, demo2, null, null));
            page.locator("#audit-patient-code input").fill("demo-02");
            page.locator("#audit-patient-code input").press("Enter");
            // the grid's row count is what the server answered for the filter (hidden rows keep old cell text)
            page.waitForFunction("n => document.querySelector('#audit-grid').size === n", (int) ofDemo2);
            assertThat(page.locator("#audit-grid vaadin-grid-cell-content",
                    new Page.LocatorOptions().setHasText("audit filter test")).count()).isPositive();
            assertThat(page.locator("#audit-grid vaadin-grid-cell-content",
                    new Page.LocatorOptions().setHasText("DEMO-02 (#" + demo2 + ")")).count()).isPositive();
            Browser.screenshot(page, "studiotools-08-audit-by-patient-code");

            page.locator("#audit-patient-code input").fill("NO-SUCH-CODE");
            page.locator("#audit-patient-code input").press("Enter");
            page.waitForFunction("() => document.querySelector('#audit-code-message').textContent.includes('NO-SUCH-CODE')");
            assertThat(page.locator("#audit-code-message").textContent()).contains("No case has the patient code");
            page.waitForFunction("() => document.querySelector('#audit-grid').size === 0");

            page.locator("#audit-patient-code input").fill("");
            page.locator("#audit-patient-code input").press("Enter");
            // no code = no case filter: the grid lists more than the one patient's entries again
            page.waitForFunction("n => document.querySelector('#audit-code-message').textContent === ''"
                    + " && document.querySelector('#audit-grid').size > n", (int) ofDemo2,
                    new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertThat(audit.count(AuditFilter.any())).as("empty = all").isGreaterThan(
                    audit.count(new AuditFilter(null, null, demo2, null, null)));
        }
    }
}
