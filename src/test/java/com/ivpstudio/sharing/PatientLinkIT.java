package com.ivpstudio.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.ActiveModel;
import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.audit.AuditAction;
import com.ivpstudio.audit.AuditEvent;
import com.ivpstudio.audit.AuditFilter;
import com.ivpstudio.audit.AuditLog;
import com.ivpstudio.cases.CaseDraft;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.Embedding;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Patient links end to end: a clinician shares in the staff app, a patient opens the link in a fresh phone-sized
 * Chromium without signing in and sees exactly the shared snapshots, and nothing else is reachable through it.
 * The guessing throttle runs last: it locks this client out of /p/ for a while.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatientLinkIT {

    private static final Logger LOG = LoggerFactory.getLogger(PatientLinkIT.class);
    /** A name nobody else uses, so finding it anywhere in what a patient receives is a leak. */
    static final String NAME = "Quimby Zephyrine Vantablack";
    static final int BIRTH_YEAR = 1937;
    static final String PHONE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Mobile Safari/537.36";
    static final String UNAVAILABLE = "This link is no longer available";

    @LocalServerPort
    int port;
    @Autowired
    ShareLinkService links;
    @Autowired
    SharingSettingsService settings;
    @Autowired
    PatientAccessService access;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final Browser browser = Browser.perTestClass();
    ActiveModel model;
    SharingSettings settingsBefore;
    PatientCase patient;
    Snapshot views;
    Snapshot strip;
    Snapshot comparison;
    Snapshot notShared;
    final List<String> tokens = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void seedACaseWithADistinctiveNameAndFourSnapshots() {
        model = ActiveModel.ensure(inference);
        signInAs("clinician", "ROLE_CLINICIAN");
        CaseDraft draft = new CaseDraft();
        String code = "SHARE-" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        draft.setPatientCode(code);
        draft.setDisplayName(NAME);
        draft.setBirthYear(BIRTH_YEAR);
        patient = cases.create(draft);
        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        Photo front = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst()
                .orElseThrow();
        Embedding e = inference.embedPhoto(PhotoReferences.of(photos, front));
        OperationContext ctx = OperationContext.forPatient(patient.patientCode());
        views = snapshots.save(patient.id(), "Views for " + NAME, SnapshotKind.VIEWS, "views",
                generated(inference.predictViews(e, ViewKind.ALL, List.of(5L), null, ctx), null), Map.of());
        double[] alphas = {0, 0.5, 1};
        List<GeneratedImage> nudged = inference.nudge(e, e, e, alphas, Sampling.seed(3), ctx);
        strip = snapshots.save(patient.id(), "Nudge strip", SnapshotKind.STRIP, "nudge",
                generated(nudged, List.of("α = 0.00", "α = 0.50", "α = 1.00")), Map.of("alphas", alphas));
        GeneratedImage left = inference.predictViews(e, List.of(ViewKind.ALL.get(0)), List.of(7L), null, ctx).get(0);
        comparison = snapshots.save(patient.id(), "Compare", SnapshotKind.COMPARISON, "compare", List.of(
                SnapshotImage.generated(0, "Predicted left", left),
                SnapshotImage.photo(1, "Real left · " + NAME + ".jpg", left.view().manifestName(), front.id(),
                        front.sha256(), front.contentType(), photos.imageBytes(front.id()))), Map.of());
        notShared = snapshots.save(patient.id(), "Not for the patient", SnapshotKind.VIEWS, "views",
                generated(inference.predictViews(e, ViewKind.ALL, List.of(9L), null, ctx), null), Map.of());
        settingsBefore = settings.get();
        signInAs("admin", "ROLE_ADMIN");
        settings.save(new SharingSettings("Smile Street Orthodontics", "020 7946 0000 · hello@smile.example", 90, false, 7));
        SecurityContextHolder.clearContext();
    }

    @AfterAll
    void putBackSettingsAndModel() {
        signInAs("admin", "ROLE_ADMIN");
        settings.save(settingsBefore);
        SecurityContextHolder.clearContext();
        model.close();
    }

    @BeforeEach
    void asClinician() {
        signInAs("clinician", "ROLE_CLINICIAN");
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    @Order(1)
    void aClinicianSharesANudgeStripAndThePatientOpensExactlyItOnAPhoneWithoutAnAccount() {
        Page staff = browser.newPage();
        browser.signIn(staff, "clinician", "clinician-test-password");
        browser.open(staff, "/cases/" + patient.id());
        staff.locator("#share-create").click();
        staff.locator("#share-snapshots vaadin-checkbox").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Views for")).click();
        staff.locator("#share-snapshots vaadin-checkbox").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Nudge strip")).click();
        staff.locator("#share-snapshots vaadin-checkbox").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Compare")).click();
        staff.locator("#share-title input").fill("Your smile after treatment");
        staff.locator("#share-message textarea").fill("Hello! Here is what we discussed today.\nSee you in March.");
        staff.locator("#share-confirm").click();
        staff.locator("#share-url input").waitFor();
        String url = staff.locator("#share-url input").inputValue();
        assertThat(url).matches("http://localhost:" + port + "/p/[A-Za-z0-9_-]{32}");
        String token = url.substring(url.lastIndexOf('/') + 1);
        tokens.add(token);
        staff.waitForFunction("() => { const i = document.querySelector('#share-qr'); return i && i.complete && i.naturalWidth > 0; }");
        Browser.screenshot(staff, "share-qr-dialog");
        assertThat(staff.locator("#share-handout").getAttribute("href")).isNotBlank();

        // the patient: a fresh phone-sized context, never signed in
        Page phone = phonePage();
        List<String> requests = new CopyOnWriteArrayList<>();
        List<String> cspViolations = new CopyOnWriteArrayList<>();
        phone.onRequest(r -> requests.add(r.url()));
        phone.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                cspViolations.add(m.text());
            }
        });
        Response page = phone.navigate(url);
        phone.waitForSelector("ivp-scrubber[ready]");
        phone.waitForFunction("() => [...document.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)");
        assertThat(page.status()).isEqualTo(200);
        assertStrictHeaders(page.headers());
        assertThat(cspViolations).isEmpty();
        String body = phone.locator("body").innerText();
        assertThat(body).contains("Your smile after treatment", "Simulated — not an actual treatment outcome",
                "Here is what we discussed today.", "Smile Street Orthodontics", "020 7946 0000")
                .doesNotContain("Patient code", patient.patientCode());

        // exactly the shared snapshots: 4 views, the strip's 3 steps × 4 views, the comparison's 2 images
        SharedContent content = access.content(access.openLink(token).orElseThrow(), Locale.ENGLISH);
        assertThat(content.images()).hasSize(4 + 12 + 2);
        assertThat(phone.locator("section.views figure img").count()).isEqualTo(4);
        assertThat(phone.evaluate("() => document.querySelector('ivp-scrubber').frames.length")).isEqualTo(3);
        assertThat(phone.locator("section.comparison ivp-swipe").count()).isEqualTo(1);
        List<byte[]> expected = new ArrayList<>();
        for (Snapshot s : List.of(views, strip, comparison)) {
            snapshots.images(s.id()).forEach(i -> expected.add(PatientImages.forPatient(i.bytes(), mark(i, "SIMULATED"))));
        }
        for (int i = 0; i < expected.size(); i++) {
            byte[] served = phone.request().get(url + "/img/" + i).body();
            assertThat(served).as("image %d", i).isEqualTo(expected.get(i));
        }
        List<byte[]> unshared = snapshots.images(notShared.id()).stream()
                .map(i -> PatientImages.forPatient(i.bytes(), mark(i, "SIMULATED"))).toList();
        for (int i = 0; i < expected.size(); i++) {
            byte[] served = phone.request().get(url + "/img/" + i).body();
            assertThat(unshared).noneMatch(u -> Arrays.equals(u, served));
        }

        // no patient name, birth year or case id in the HTML, the frames, the images or their metadata
        List<String> leaks = List.of(NAME, "Quimby", "Vantablack", Integer.toString(BIRTH_YEAR), "/cases/" + patient.id(),
                "\"case_id\"", "clinician");
        String html = phone.request().get(url).text();
        assertThat(html).doesNotContain(leaks).doesNotContain(patient.patientCode());
        assertThat(phone.request().get(url + "/frames/1").text()).doesNotContain(leaks);
        for (int i = 0; i < expected.size(); i++) {
            String bytes = new String(phone.request().get(url + "/img/" + i).body(), StandardCharsets.ISO_8859_1);
            assertThat(bytes).doesNotContain(leaks).doesNotContain(patient.patientCode()).doesNotContain("tEXt")
                    .doesNotContain("ivp:provenance").startsWith("\u00ff\u00d8");
        }
        assertStrictHeaders(phone.request().get(url + "/img/0").headers());
        assertThat(phone.request().get(url + "/img/0").headers().get("content-type")).isEqualTo("image/jpeg");

        // scrubbing, playing and swiping happen in the browser: not one request
        String before = (String) phone.evaluate("() => document.querySelector('ivp-scrubber').visibleSrc('left')");
        requests.clear();
        phone.locator("ivp-scrubber .slider").focus();
        phone.keyboard().press("ArrowRight");
        phone.keyboard().press("ArrowRight");
        String after = (String) phone.evaluate("() => document.querySelector('ivp-scrubber').visibleSrc('left')");
        phone.locator("ivp-scrubber .play").click();
        phone.waitForTimeout(700);
        phone.locator("ivp-scrubber .play").click();
        phone.locator("ivp-scrubber .swipe-toggle").check();
        phone.locator("ivp-scrubber .swipe").fill("30");
        phone.locator("ivp-swipe input").fill("70");
        phone.waitForTimeout(300);
        phone.locator("ivp-scrubber .swipe-toggle").uncheck();
        assertThat(after).isNotEqualTo(before).endsWith("/img/12");
        assertThat(requests).isEmpty();
        Browser.screenshot(phone, "share-phone-page");

        // a German phone gets the strip player and the swipe slider in German: their words come with the page
        try (com.microsoft.playwright.BrowserContext german = browser.newPage(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(390, 844).setIsMobile(true)
                        .setHasTouch(true).setUserAgent(PHONE_UA).setLocale("de-DE")).context()) {
            Page dePhone = german.pages().get(0);
            dePhone.navigate(url);
            dePhone.waitForSelector("ivp-scrubber[ready]");
            assertThat(dePhone.locator("ivp-scrubber .play").innerText()).isEqualTo("▶ Abspielen");
            assertThat(dePhone.locator("ivp-scrubber .status").innerText()).startsWith("3 Schritte geladen");
            assertThat(dePhone.locator("ivp-scrubber .slider").getAttribute("aria-label")).isEqualTo("Schritt");
            assertThat(dePhone.locator("ivp-swipe input").getAttribute("aria-label"))
                    .isEqualTo("Regler: Ihr Foto oder die Simulation");
            // the nudge strip says it is no forecast, in German; the images' mark reads SIMULIERT
            assertThat(dePhone.locator("section.strip .caution").innerText())
                    .contains("keine Vorhersage für Sie");
            List<byte[]> inGerman = new ArrayList<>();
            for (Snapshot s : List.of(views, strip, comparison)) {
                snapshots.images(s.id()).forEach(i -> inGerman.add(PatientImages.forPatient(i.bytes(),
                        mark(i, "SIMULIERT"))));
            }
            for (int i = 0; i < inGerman.size(); i++) {
                byte[] served = imageInGerman(dePhone, url + "/img/" + i);
                assertThat(served).as("German image %d", i).isEqualTo(inGerman.get(i));
                assertThat(Arrays.equals(served, expected.get(i))).as("image %d differs from the English copy "
                        + "exactly where it is predicted", i).isEqualTo(!content.images().get(i).generated());
            }
            Browser.screenshot(dePhone, "share-phone-page-de");
            writeScreenshot("share-image-de.jpg", inGerman.get(0));
            writeScreenshot("share-image-en.jpg", expected.get(0));
        }
        assertThat(phone.locator("section.strip .caution").innerText()).contains("not a forecast for you");

        // the open is counted and audited with a coarse client only
        assertThat(links.get(content.images().isEmpty() ? -1 : access.openLink(token).orElseThrow().id()).viewCount())
                .isGreaterThanOrEqualTo(1);
        List<AuditEvent> opened = audit.find(new AuditFilter(null, AuditAction.SHARE_LINK_OPENED, patient.id(), null, null), 0, 5);
        assertThat(opened).isNotEmpty().allSatisfy(e -> assertThat(e.detail()).isEqualTo("Chrome · phone"));
        assertThat(audit.find(new AuditFilter(null, AuditAction.SHARE_LINK_CREATED, patient.id(), null, null), 0, 5))
                .isNotEmpty();

        // from the patient's context nothing else is reachable
        for (String staffRoute : List.of("/cases", "/cases/" + patient.id(), "/admin/sharing", "/studio")) {
            phone.navigate(browser.url(staffRoute));
            phone.waitForURL(u -> u.contains("/login"));
            assertThat(phone.content()).doesNotContain(NAME).doesNotContain(patient.patientCode());
        }
        String modified = token.substring(0, 31) + (token.charAt(31) == 'A' ? 'B' : 'A');
        for (String refused : List.of(url + "/img/" + expected.size(), url + "/img/-1", url + "/img/abc",
                url + "/frames/9", url + "/img/0/../../cases", "/p/" + ShareTokens.newToken() + "/img/0",
                "/p/" + modified, "/p/" + modified + "/img/0", "/p/" + token.toLowerCase(Locale.ROOT),
                "/p/" + token + "x")) {
            Response r = phone.navigate(refused.startsWith("http") ? refused : browser.url(refused));
            assertThat(r.status()).as(refused).isEqualTo(404);
            assertThat(phone.locator("body").innerText()).as(refused).contains(UNAVAILABLE).doesNotContain("Simulated —");
        }

        // the clinician sees the open, then revokes from the case page: the link opens nothing any more
        browser.open(staff, "/cases/" + patient.id());
        staff.locator("#share-link-grid").getByText("Active").first().waitFor();
        Measured fast = measure(url, false);
        Measured slow = measure(url, true);
        LOG.info("Patient page at 390x844 (local): {} requests, {} bytes (HTML {} B), first image at {} ms, all frames "
                + "ready at {} ms", fast.requests, fast.bytes, fast.htmlBytes, fast.firstImageMs, fast.readyMs);
        LOG.info("Patient page at 390x844 (emulated 1.6 Mbit/s, 150 ms RTT): first image at {} ms, all frames ready "
                + "at {} ms", slow.firstImageMs, slow.readyMs);
        staff.locator("#share-link-grid .share-revoke").first().click();
        staff.locator("#share-link-grid").getByText("Revoked by clinician").first().waitFor();
        Response gone = phone.navigate(url);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(phone.locator("body").innerText()).contains(UNAVAILABLE);
        assertThat(phone.request().get(url + "/img/0").status()).isEqualTo(404);
        phone.context().close();
        staff.context().close();
    }

    @Test
    @Order(2)
    void aWrongPasscodeIsThrottledWithAWaitTimeAndTheRightOneOpensThePage() {
        CreatedLink locked = links.create(new ShareRequest(patient.id(), List.of(views.id()), 14, "4711-smile", null, null,
                false));
        tokens.add(locked.token());
        Page phone = phonePage();
        String url = browser.url("/p/" + locked.token());
        phone.navigate(url);
        assertThat(phone.locator("#passcode").count()).isEqualTo(1);
        assertThat(phone.locator("img").count()).isZero();
        assertThat(phone.request().get(url + "/img/0").status()).isEqualTo(404);
        String last = "";
        for (int i = 0; i < 5; i++) {
            phone.locator("#passcode").fill("wrong-" + i);
            phone.locator("button[type=submit]").click();
            phone.waitForLoadState();
            last = phone.locator(".error").innerText();
        }
        assertThat(last).contains("Too many wrong passcodes").containsPattern("try again in \\d+ (minutes?|seconds?)");
        // still locked for this link, even with the right passcode
        phone.locator("#passcode").fill("4711-smile");
        phone.locator("button[type=submit]").click();
        assertThat(phone.locator(".error").innerText()).contains("try again in");
        assertThat(phone.locator("img").count()).isZero();
        Browser.screenshot(phone, "share-passcode-throttled");
        assertThat(audit.find(new AuditFilter(null, AuditAction.SHARE_PASSCODE_FAILED, patient.id(), null, null), 0, 10))
                .hasSizeGreaterThanOrEqualTo(5);

        CreatedLink other = links.create(new ShareRequest(patient.id(), List.of(views.id()), 3, "open-sesame", null, null,
                true));
        tokens.add(other.token());
        String otherUrl = browser.url("/p/" + other.token());
        phone.navigate(otherUrl);
        phone.locator("#passcode").fill("open-sesame");
        phone.locator("button[type=submit]").click();
        phone.waitForFunction("() => document.querySelectorAll('section.views img').length === 4"
                + " && [...document.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)");
        assertThat(phone.locator("body").innerText()).contains("Patient code: " + patient.patientCode());
        // the grant is bound to its link: the locked one still asks
        assertThat(phone.request().get(url + "/img/0").status()).isEqualTo(404);
        phone.context().close();
    }

    @Test
    @Order(3)
    void unknownExpiredAndRevokedLinksGetTheSamePlainPageAndStatus() throws Exception {
        CreatedLink expired = links.create(new ShareRequest(patient.id(), List.of(views.id()), 14, null, null, null, false));
        CreatedLink revoked = links.create(new ShareRequest(patient.id(), List.of(views.id()), 14, null, null, null, false));
        tokens.add(expired.token());
        tokens.add(revoked.token());
        jdbc.sql("UPDATE share_link SET expires_at = now() - interval '1 minute' WHERE id = :id")
                .param("id", expired.link().id()).update();
        links.revoke(revoked.link().id());
        assertThat(links.get(revoked.link().id()).state(java.time.Instant.now())).isEqualTo(ShareLink.State.REVOKED);
        assertThat(links.get(expired.link().id()).state(java.time.Instant.now())).isEqualTo(ShareLink.State.EXPIRED);

        Map<String, String> refusals = Map.of("unknown", ShareTokens.newToken(), "expired", expired.token(),
                "revoked", revoked.token());
        String sameBody = null;
        for (var c : refusals.entrySet()) {
            long[] nanos = new long[3];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = get("/p/" + c.getValue());
                nanos[i] = System.nanoTime() - t0;
                assertThat(r.statusCode()).as(c.getKey()).isEqualTo(404);
                assertThat(r.body()).contains(UNAVAILABLE);
                assertThat(sameBody == null || sameBody.equals(r.body())).as(c.getKey()).isTrue();
                sameBody = r.body();
                assertStrictHeaders(r.headers().map().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(", ", e.getValue()))));
            }
            Arrays.sort(nanos);
            LOG.info("Refused link ({}): median {} µs", c.getKey(), TimeUnit.NANOSECONDS.toMicros(nanos[1]));
        }

        // extending brings an expired link back; a revoked one stays revoked; the admin's maximum holds
        ShareLink back = links.extend(expired.link().id(), 14);
        assertThat(back.state(java.time.Instant.now())).isEqualTo(ShareLink.State.ACTIVE);
        assertThat(get("/p/" + expired.token()).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> links.extend(revoked.link().id(), 14)).isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> links.extend(expired.link().id(), 89)).isInstanceOf(UserFacingException.class)
                .satisfies(e -> assertThat(englishText(e)).contains("90 days"));
        assertThat(audit.find(new AuditFilter(null, AuditAction.SHARE_LINK_EXTENDED, patient.id(), null, null), 0, 5))
                .isNotEmpty();
        assertThat(audit.find(new AuditFilter(null, AuditAction.SHARE_LINK_REVOKED, patient.id(), null, null), 0, 5))
                .isNotEmpty();

        // bad input is refused with a clear message and creates nothing
        int before = links.linksOf(patient.id()).size();
        assertThatThrownBy(() -> links.create(new ShareRequest(patient.id(), List.of(), 14, null, null, null, false)))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> links.create(new ShareRequest(patient.id(), List.of(views.id()), 91, null, null, null,
                false))).isInstanceOf(UserFacingException.class).satisfies(e -> assertThat(englishText(e)).contains("90"));
        assertThatThrownBy(() -> links.create(new ShareRequest(patient.id(), List.of(views.id()), 14, "abc", null, null,
                false))).isInstanceOf(UserFacingException.class);
        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        assertThatThrownBy(() -> links.create(new ShareRequest(demo.id(), List.of(views.id()), 14, null, null, null,
                false))).isInstanceOf(UserFacingException.class)
                .satisfies(e -> assertThat(englishText(e)).contains("this case"));
        assertThat(links.linksOf(patient.id())).hasSize(before);
    }

    @Test
    @Order(4)
    void theDatabaseHoldsNoTokenInClear() throws Exception {
        CreatedLink link = links.create(new ShareRequest(patient.id(), List.of(strip.id()), 14, "1234", "t", "m", false));
        tokens.add(link.token());
        assertThat(get("/p/" + link.token()).statusCode()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (String table : List.of("share_link", "share_link_snapshot", "share_open", "share_settings", "audit_event")) {
            rows.addAll(jdbc.sql("SELECT row_to_json(t)::text FROM " + table + " t").query(String.class).list());
        }
        assertThat(rows).isNotEmpty();
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(5).allSatisfy(token -> assertThat(rows).noneMatch(r -> r.contains(token)));
        String stored = jdbc.sql("SELECT token_sha256 FROM share_link WHERE id = :id").param("id", link.link().id())
                .query(String.class).single();
        assertThat(stored).isEqualTo(ShareTokens.hash(link.token()));
        assertThat(jdbc.sql("SELECT passcode_hash FROM share_link WHERE id = :id").param("id", link.link().id())
                .query(String.class).single()).startsWith("$2").doesNotContain("1234");
        // client addresses are not kept by default; when the admin keeps them, switching it off erases them
        assertThat(keptAddresses()).isZero();
        CreatedLink open = links.create(new ShareRequest(patient.id(), List.of(views.id()), 14, null, null, null, false));
        tokens.add(open.token());
        SharingSettings now = settings.get();
        signInAs("admin", "ROLE_ADMIN");
        settings.save(new SharingSettings(now.practiceName(), now.practiceContact(), now.maxExpiryDays(), true, 7));
        assertThat(get("/p/" + open.token()).statusCode()).isEqualTo(200);
        assertThat(keptAddresses()).isEqualTo(1);
        settings.save(now);
        assertThat(get("/p/" + open.token()).statusCode()).isEqualTo(200);
        assertThat(keptAddresses()).isZero();
    }

    @Test
    @Order(5)
    void theHandoutHasTheViewsTheProgressionTheNoticeAndTheQrCodeButNoName() throws Exception {
        CreatedLink link = links.create(new ShareRequest(patient.id(), List.of(views.id(), strip.id()), 14, null,
                "Your treatment preview", "Bring this sheet to your next visit.", false));
        tokens.add(link.token());
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(browser.url("/p/" + link.token()
                + "/handout.pdf"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] pdf = r.body();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(p));
        }
        assertThat(text.toString()).contains("Simulated", "not an actual treatment outcome", "Smile Street Orthodontics",
                "Bring this sheet", "Scan to see the preview").doesNotContain(NAME, "Quimby", patient.patientCode());
        assertThat(text.toString().replaceAll("\\s+", " ")).as("the nudge strip is no forecast")
                .contains("It is an illustration, not a forecast for you");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).doesNotContain(NAME, "Quimby");
        Path file = Path.of("target", "share-handout.pdf");
        Files.write(file, pdf);
        Files.createDirectories(Browser.SCREENSHOTS);
        Process render = new ProcessBuilder("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                file.toString(), Browser.SCREENSHOTS.resolve("share-handout").toString()).inheritIO().start();
        assertThat(render.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(render.exitValue()).isZero();
        assertThat(Browser.SCREENSHOTS.resolve("share-handout.png")).exists();
    }

    @Test
    @Order(50)
    void theAdminSeesActiveLinksRevokesAllOfACaseAndSetsThePracticeDetails() throws Exception {
        CreatedLink link = links.create(new ShareRequest(patient.id(), List.of(views.id()), 14, null, null, null, false));
        tokens.add(link.token());
        Page admin = browser.newPage();
        browser.signIn(admin, "admin", "admin-test-password");
        browser.open(admin, "/admin/sharing");
        admin.locator("#active-links").getByText(patient.patientCode()).first().waitFor();
        admin.locator("#practice-contact input").fill("020 7946 0001");
        admin.locator("#save-sharing-settings").click();
        admin.waitForFunction("() => !!document.querySelector('vaadin-notification-card')");
        Browser.screenshot(admin, "share-admin");
        admin.locator("#revoke-case-code input").fill(patient.patientCode());
        admin.locator("#revoke-case").click();
        admin.getByText("revoked.").first().waitFor();
        assertThat(settings.get().practiceContact()).isEqualTo("020 7946 0001");
        assertThat(links.linksOf(patient.id())).allSatisfy(l ->
                assertThat(l.state(java.time.Instant.now())).isNotEqualTo(ShareLink.State.ACTIVE));
        assertThat(get("/p/" + link.token()).statusCode()).isEqualTo(404);
        admin.context().close();
    }

    @Test
    @Order(99)
    void guessingTokensIsThrottledPerClient() throws Exception {
        HttpResponse<String> r = null;
        int tries = 0;
        while (tries < 60) {
            tries++;
            r = get("/p/" + ShareTokens.newToken());
            if (r.statusCode() == 429) {
                break;
            }
            assertThat(r.statusCode()).isEqualTo(404);
        }
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(tries).isLessThanOrEqualTo(21);
        assertThat(r.body()).contains("Too many tries").containsPattern("try again in \\d+ (seconds?|minutes?)");
    }

    // ------------------------------------------------------------------ helpers

    private Page phonePage() {
        return browser.newPage(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true).setUserAgent(PHONE_UA));
    }

    private record Measured(int requests, long bytes, long htmlBytes, long firstImageMs, long readyMs) {
    }

    /** Page weight and time to first image at a phone viewport, optionally over an emulated slow connection. */
    private Measured measure(String url, boolean slow) {
        Page phone = phonePage();
        if (slow) {
            CDPSession cdp = phone.context().newCDPSession(phone);
            cdp.send("Network.enable");
            JsonObject conditions = new JsonObject();
            conditions.addProperty("offline", false);
            conditions.addProperty("latency", 150);
            conditions.addProperty("downloadThroughput", 1_600_000 / 8);
            conditions.addProperty("uploadThroughput", 750_000 / 8);
            cdp.send("Network.emulateNetworkConditions", conditions);
        }
        phone.navigate(url);
        phone.waitForSelector("ivp-scrubber[ready]", new Page.WaitForSelectorOptions().setTimeout(120_000));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) phone.evaluate("() => {"
                + " const nav = performance.getEntriesByType('navigation')[0];"
                + " const res = performance.getEntriesByType('resource');"
                + " const imgs = res.filter(r => r.initiatorType === 'img' || r.name.includes('/img/'));"
                + " return { requests: res.length + 1,"
                + "   bytes: res.reduce((s, r) => s + r.transferSize, nav.transferSize),"
                + "   html: nav.transferSize,"
                + "   first: Math.round(Math.min(...imgs.map(r => r.responseEnd))),"
                + "   ready: Math.round(performance.now()) }; }");
        phone.context().close();
        return new Measured(((Number) m.get("requests")).intValue(), ((Number) m.get("bytes")).longValue(),
                ((Number) m.get("html")).longValue(), ((Number) m.get("first")).longValue(),
                ((Number) m.get("ready")).longValue());
    }

    /** How the patient's copy of a stored image is marked: in {@code word}, the code hidden (this link hides it). */
    private PatientMark mark(SnapshotImage i, String word) {
        return i.isGenerated() ? PatientMark.of(com.ivpstudio.inference.Provenance.fromJson(i.provenanceJson()), word,
                patient.patientCode(), false) : null;
    }

    /** An image as a German phone asks for it (the page's own requests carry the browser's language). */
    private static byte[] imageInGerman(Page dePhone, String url) {
        com.microsoft.playwright.APIResponse r = dePhone.request().get(url,
                com.microsoft.playwright.options.RequestOptions.create().setHeader("Accept-Language", "de-DE,de;q=0.9"));
        assertThat(r.headers().get("vary")).containsIgnoringCase("Accept-Language");
        return r.body();
    }

    private static void writeScreenshot(String name, byte[] bytes) {
        try {
            java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
            java.nio.file.Files.write(Browser.SCREENSHOTS.resolve(name), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertStrictHeaders(Map<String, String> headers) {
        assertThat(headers.get("cache-control")).contains("no-store");
        assertThat(headers.get("referrer-policy")).isEqualTo("no-referrer");
        assertThat(headers.get("x-robots-tag")).contains("noindex");
        assertThat(headers.get("x-frame-options")).isEqualTo("DENY");
        assertThat(headers.get("content-security-policy")).contains("default-src 'none'", "script-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
    }

    private long keptAddresses() {
        return jdbc.sql("SELECT count(*) FROM share_open WHERE client_ip IS NOT NULL").query(Long.class).single();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(browser.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<SnapshotImage> generated(List<GeneratedImage> images, List<String> steps) {
        List<SnapshotImage> out = new ArrayList<>();
        int per = steps == null ? images.size() : images.size() / steps.size();
        for (GeneratedImage g : images) {
            String view = g.view().manifestName();
            out.add(SnapshotImage.generated(out.size(), steps == null ? view : steps.get(out.size() / per) + " · " + view, g));
        }
        return out;
    }

    private static void signInAs(String user, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
                List.of(new SimpleGrantedAuthority(role))));
    }

    /** What the clinician reads: services throw translation keys, the screen shows their text. */
    private static String englishText(Throwable error) {
        com.ivpstudio.language.Translations words = new com.ivpstudio.language.Translations();
        return ((UserFacingException) error).text((key, params) -> words.translate(key, java.util.Locale.ENGLISH,
                params));
    }
}
