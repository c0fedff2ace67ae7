package com.ivpstudio.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.ModelHeldPerTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.meetings.blind.BlindResult;
import com.ivpstudio.meetings.blind.BlindReviewService;
import com.ivpstudio.snapshots.Snapshot;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Review meetings in real Chromium on real PostgreSQL: a presenter and two followers in three browser contexts, the
 * follow going through LISTEN/NOTIFY and Vaadin Push. Assertions wait for content, never for a time.
 */
@IntegrationTest
class MeetingBrowserIT {

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    @RegisterExtension
    final ModelHeldPerTest model = new ModelHeldPerTest();

    /** Every stage image of the page has arrived and been decoded. */
    static final String IMAGES_LOADED = "() => [...document.querySelectorAll('#meeting-stage img')]"
            + ".every(i => i.complete && i.naturalWidth > 0)";

    /** Every stage image is drawn in its own shape: no bars of background above and below (they looked black). */
    static final String NO_LETTERBOX = "() => [...document.querySelectorAll('#meeting-stage img.stage-image')]"
            + ".every(i => Math.abs(i.clientHeight / i.clientWidth - i.naturalHeight / i.naturalWidth) < 0.02)";

    @Autowired
    ApplicationContext app;
    @Autowired
    BlindReviewService blind;
    @Autowired
    AuditLog audit;

    MeetingFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new MeetingFixtures(app);
    }

    private static void waitForStage(Page page, String selector) {
        page.waitForSelector("#meeting-stage" + selector);
        Browser.waitForVaadin(page);
    }

    /** Picks an item of a vaadin-select by its visible text, and waits until the select shows it. */
    private static void choose(Page page, String selectId, String itemText) {
        page.locator("#" + selectId).click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText(itemText)).first().click();
        PlaywrightAssertions.assertThat(page.locator("#" + selectId + " vaadin-select-value-button"))
                .containsText(itemText);
        Browser.waitForVaadin(page);
    }

    private static String stageImagesSignature(Page page) {
        return String.valueOf(page.evaluate("() => [...document.querySelectorAll('#meeting-stage img.stage-image')]"
                + ".map(i => i.dataset.view + ':' + i.alt).join('|')"));
    }

    @Test
    void followersSeeWhatThePresenterShowsCanLookAroundAndComeBackAndDecisionsReachEveryone() throws Exception {
        String[] a = fixtures.newClinician("follower-a");
        String[] b = fixtures.newClinician("follower-b");
        Snapshot views = fixtures.viewsSnapshot("DEMO-01", "Predicted views for the meeting");
        Snapshot strip = fixtures.stripSnapshot("DEMO-01", "DEMO-04", "Nudge towards the month-20 result");
        Map<String, List<Long>> agenda = new LinkedHashMap<>();
        agenda.put("DEMO-01", List.of(views.id(), strip.id()));
        agenda.put("DEMO-02", List.of());
        Meeting meeting = fixtures.meeting("clinician", "Tuesday case review", List.of(a[0], b[0]), agenda);
        String room = "/meetings/" + meeting.id();

        try (Browser.People people = browser.people()) {
            Page presenter = people.signedIn("clinician");
            browser.open(presenter, "/meetings");
            assertThat(presenter.locator("#meetings-planned").textContent()).contains("Tuesday case review");
            browser.open(presenter, room);
            presenter.locator("#start-meeting").click();
            presenter.waitForSelector("#you-present");

            Page followerA = people.signedIn(a[0], a[1]);
            Page followerB = people.signedIn(b[0], b[1]);
            for (Page f : List.of(followerA, followerB)) {
                browser.open(f, room);
                f.waitForSelector("#follow-bar[data-following=true]");
                waitForStage(f, "[data-case='DEMO-01']");
            }
            presenter.waitForSelector("#presence [data-user='" + a[0] + "']");
            presenter.waitForSelector("#presence [data-user='" + b[0] + "']");

            // keyboard: next case, previous case, next snapshot
            presenter.keyboard().press("PageDown");
            for (Page f : List.of(followerA, followerB)) {
                waitForStage(f, "[data-case='DEMO-02']");
                assertThat(f.locator("#stage-case").textContent()).contains("DEMO-02");
            }
            presenter.keyboard().press("PageUp");
            presenter.keyboard().press("Shift+PageDown");
            for (Page f : List.of(followerA, followerB)) {
                waitForStage(f, "[data-case='DEMO-01'][data-snapshot='" + views.id() + "']");
                assertThat(f.locator("#stage-snapshot-title").textContent())
                        .isEqualTo("Predicted views for the meeting");
                assertThat(f.locator("#meeting-stage img.stage-image").count()).isEqualTo(4);
            }

            // the strip, α = 1, then one view
            choose(presenter, "stage-snapshot", "Nudge towards the month-20 result");
            choose(presenter, "stage-alpha", "α = 1.0");
            choose(presenter, "stage-view", "Left buccal");
            String presenterShows = stageImagesSignature(presenter);
            for (Page f : List.of(followerA, followerB)) {
                waitForStage(f, "[data-snapshot='" + strip.id() + "'][data-step='2'][data-view='left']");
                assertThat(f.locator("#stage-step").textContent()).contains("α = 1.0");
                assertThat(stageImagesSignature(f)).isEqualTo(presenterShows);
                f.waitForFunction(IMAGES_LOADED);
                assertThat(f.evaluate(NO_LETTERBOX)).as("images in their own shape, no black bars").isEqualTo(true);
            }
            Browser.screenshot(presenter, "meetings-01-presenter");
            Browser.screenshot(followerB, "meetings-02-follower");
            followerB.locator("#meeting-stage .stage-snapshot").scrollIntoViewIfNeeded();
            Browser.screenshot(followerB, "meetings-02b-follower-strip-scrolled");

            // a move within the case redraws only what changed: the case's photos, the agenda rows and the notes stay
            // the same elements, and an image shown before comes back without being fetched again
            followerB.evaluate("() => document.querySelectorAll('#meeting-stage img.stage-photo, #agenda .agenda-row,"
                    + " #decision-line > *').forEach(e => e.__kept = true)");
            List<String> fetched = new CopyOnWriteArrayList<>();
            followerB.onRequest(r -> {
                if ("image".equals(r.resourceType())) {
                    fetched.add(r.url());
                }
            });
            choose(presenter, "stage-alpha", "α = 0.5");
            waitForStage(followerB, "[data-step='1']");
            followerB.waitForFunction(IMAGES_LOADED);
            int firstVisit = fetched.size();
            choose(presenter, "stage-alpha", "α = 1.0");
            waitForStage(followerB, "[data-step='2']");
            followerB.waitForFunction(IMAGES_LOADED);
            assertThat(stageImagesSignature(followerB)).isEqualTo(presenterShows);
            assertThat(firstVisit).as("the α = 0.5 image is new").isEqualTo(1);
            assertThat(fetched).as("the α = 1.0 image was shown before").hasSize(firstVisit);
            assertThat(followerB.evaluate("() => { const kept = [...document.querySelectorAll('#meeting-stage"
                    + " img.stage-photo, #agenda .agenda-row, #decision-line > *')]; return kept.length > 3"
                    + " && kept.every(e => e.__kept); }")).isEqualTo(true);

            // follower A looks around on their own, the presenter moves on, A comes back to the presenter's state
            followerA.locator("#detach").click();
            followerA.waitForSelector("#follow-bar[data-following=false]");
            followerA.locator("#agenda .agenda-row[data-case='DEMO-02']").click();
            waitForStage(followerA, "[data-case='DEMO-02']");
            presenter.waitForSelector("#presence [data-user='" + a[0] + "'][data-following=false]");
            choose(presenter, "stage-alpha", "α = 0.5");
            waitForStage(followerB, "[data-step='1']");
            assertThat(followerA.locator("#meeting-stage").getAttribute("data-case")).isEqualTo("DEMO-02");
            Browser.screenshot(followerA, "meetings-03-follower-looking-around");
            followerA.locator("#attach").click();
            waitForStage(followerA,
                    "[data-case='DEMO-01'][data-snapshot='" + strip.id() + "'][data-step='1'][data-view='left']");

            // decisions and comments reach everyone; the presenter marks the case discussed
            choose(followerB, "decision", "Needs more records");
            followerB.locator("#record-decision").click();
            followerA.locator("#comment textarea").fill("Lower occlusal photo is missing the second molars.");
            followerA.locator("#add-comment").click();
            presenter.locator("#discussed").click();
            for (Page p : List.of(presenter, followerA, followerB)) {
                p.waitForSelector("#decision-line[data-decision=NEEDS_RECORDS]");
                p.waitForSelector("#comments :text('second molars')");
                p.waitForSelector("#agenda .agenda-row[data-case='DEMO-01'] .agenda-discussed");
                assertThat(p.locator("#decision-line").textContent()).contains("Needs more records").contains(b[0]);
            }
            Browser.screenshot(followerA, "meetings-04-decision-and-comment");

            // hand the presenter role to follower B, who then moves everyone
            choose(presenter, "hand-over-to", b[0]);
            presenter.locator("#hand-over").click();
            followerB.waitForSelector("#you-present");
            presenter.waitForSelector("#follow-bar[data-following=true]");
            followerB.keyboard().press("PageDown");
            waitForStage(presenter, "[data-case='DEMO-02']");
            waitForStage(followerA, "[data-case='DEMO-02']");

            // end, minutes on screen and as PDF
            followerB.locator("#end-meeting").click();
            followerB.waitForSelector("#meeting-status:text('Ended')");
            browser.open(presenter, room + "/minutes");
            assertThat(presenter.locator(".minutes").textContent()).contains("Tuesday case review").contains("DEMO-01")
                    .contains("Needs more records").contains("second molars").contains("Simulated");
            Browser.screenshot(presenter, "meetings-05-minutes");
            Download download = presenter.waitForDownload(() -> presenter.locator("#minutes-pdf").click());
            byte[] pdf = Files.readAllBytes(download.path());
            PdfReader reader = new PdfReader(pdf);
            StringBuilder text = new StringBuilder();
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            reader.close();
            assertThat(text.toString()).contains("Minutes: Tuesday case review").contains("DEMO-01").contains("DEMO-02")
                    .contains("Needs more records").contains("second molars").contains("Simulated")
                    .contains(a[0]).contains(b[0]);
            assertThat(text.toString().replaceAll("\\s+", " ")).contains("Nudge towards the month-20 result")
                    .contains("Predicted views for the meeting");
            assertThat(download.suggestedFilename()).isEqualTo("minutes-" + meeting.id() + ".pdf");

            String id = Long.toString(meeting.id());
            for (AuditAction action : List.of(AuditAction.MEETING_CREATED, AuditAction.MEETING_STARTED,
                    AuditAction.MEETING_JOINED, AuditAction.MEETING_DECISION, AuditAction.MEETING_PRESENTER_CHANGED,
                    AuditAction.MEETING_ENDED, AuditAction.MEETING_MINUTES_EXPORTED)) {
                assertThat(audit.find(new AuditFilter(null, action, null, null, null), 0, 1000))
                        .as("audited: %s", action).anyMatch(e -> id.equals(e.targetId()));
            }
        }
    }

    @Test
    void someoneWhoIsNotAParticipantIsRefused() {
        String[] outsider = fixtures.newClinician("outsider");
        Meeting meeting = fixtures.meeting("clinician", "Closed review", List.of(), new LinkedHashMap<>(Map.of("DEMO-02", List.of())));
        Page page = browser.signedIn(outsider[0], outsider[1]);
        try (BrowserContext context = page.context()) {
            browser.open(page, "/meetings/" + meeting.id());
            assertThat(page.locator("#meeting-refused").textContent()).contains("Only the participants");
            assertThat(page.locator("#meeting-stage").count()).isZero();
            browser.open(page, "/meetings/" + meeting.id() + "/minutes");
            assertThat(page.locator("#meeting-refused").isVisible()).isTrue();
            browser.open(page, "/meetings");
            assertThat(page.locator(".meetings-view").textContent()).doesNotContain("Closed review");
            Browser.screenshot(page, "meetings-06-refused");
            assertThat(audit.find(new AuditFilter(outsider[0], AuditAction.MEETING_REFUSED, null, null, null), 0, 10))
                    .anyMatch(e -> e.targetId().equals(Long.toString(meeting.id())));
        }
    }

    @Test
    void aBlindRoundWithTwoVotersStoresPerViewCountsAndTheModelsPageShowsThem() {
        String[] a = fixtures.newClinician("voter-a");
        String[] b = fixtures.newClinician("voter-b");
        Snapshot views = fixtures.viewsSnapshot("DEMO-03", "Views for the blind round");
        Meeting meeting = fixtures.meeting("clinician", "Blind review", List.of(a[0], b[0]),
                new LinkedHashMap<>(Map.of("DEMO-03", List.of(views.id()))));
        List<BlindResult> before = blind.results();

        try (Browser.People people = browser.people()) {
            Page presenter = people.signedIn("clinician");
            browser.open(presenter, "/meetings/" + meeting.id());
            presenter.locator("#start-meeting").click();
            presenter.waitForSelector("#start-blind-round");
            Page voterA = people.signedIn(a[0], a[1]);
            Page voterB = people.signedIn(b[0], b[1]);
            browser.open(voterA, "/meetings/" + meeting.id());
            browser.open(voterB, "/meetings/" + meeting.id());
            presenter.locator("#start-blind-round").click();
            int images = 8;
            for (int i = 0; i < images; i++) {
                String atImage = "#blind-round[data-index='" + i + "']";
                try {
                    voterA.waitForSelector(atImage + " #blind-image");
                    voterB.waitForSelector(atImage + " #blind-image");
                } catch (RuntimeException e) {
                    Browser.screenshot(presenter, "meetings-blind-failed-presenter");
                    Browser.screenshot(voterA, "meetings-blind-failed-voter");
                    throw e;
                }
                assertThat(voterA.locator("#meeting-stage").isVisible()).as("the case's photos are hidden").isFalse();
                voterA.waitForFunction("() => { const i = document.querySelector('#blind-image');"
                        + " return i && i.complete && i.naturalWidth === 256; }");
                if (i == 0) {
                    Browser.screenshot(voterA, "meetings-07-blind-round");
                }
                voterA.locator("#vote-real").click();
                voterA.waitForSelector("#vote-real[theme~='primary']");
                voterB.waitForSelector(atImage + " #blind-votes:text('Votes on this image: 1')");
                Browser.waitForVaadin(voterB);
                voterB.locator(i % 2 == 0 ? "#vote-real" : "#vote-simulated").click();
                presenter.waitForSelector(atImage + " #blind-votes:text('Votes on this image: 2')");
                Browser.waitForVaadin(presenter);
                presenter.locator("#blind-next").click();
                if (i < images - 1) {
                    presenter.waitForSelector("#blind-round[data-index='" + (i + 1) + "']");
                }
            }
            presenter.waitForSelector("#start-blind-round");

            List<BlindResult> mine = blind.results().stream()
                    .filter(r -> r.bundleSha256().equals(views.bundleSha256())).toList();
            long votesBefore = before.stream().filter(r -> r.bundleSha256().equals(views.bundleSha256()))
                    .mapToLong(BlindResult::votes).sum();
            assertThat(mine).extracting(BlindResult::view).containsExactlyInAnyOrder("left", "lower", "right", "upper");
            assertThat(mine.stream().mapToLong(BlindResult::votes).sum() - votesBefore).isEqualTo(16);
            // voter A always said "real": right on the four real photos, wrong on the four predictions
            assertThat(mine).allSatisfy(r -> assertThat(r.correct()).isBetween(1L, r.votes() - 1));

            Page admin = people.signedIn("admin");
            browser.open(admin, "/admin/models");
            Locator results = admin.locator("#blind-review-results");
            results.scrollIntoViewIfNeeded();
            admin.waitForSelector("#blind-results-grid");
            String shown = String.valueOf(admin.evaluate("() => [...document.querySelectorAll('#blind-results-grid vaadin-grid-cell-content')].map(c => c.textContent).join('|')"));
            assertThat(shown).contains(views.bundleSha256().substring(0, 12)).contains("Left buccal").contains("%");
            Browser.screenshot(admin, "meetings-08-models-page-blind-results");
        }
    }
}
