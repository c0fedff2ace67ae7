package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.Browser;
import com.ivpstudio.IntegrationTest;
import com.ivpstudio.cases.CaseDraft;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoDetails;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.OodScore;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.PhotoOrientation;
import com.ivpstudio.inference.PhotoReference;
import com.ivpstudio.inference.Sampling;
import com.ivpstudio.inference.TestBundles;
import com.ivpstudio.models.BundleZips;
import com.ivpstudio.models.ModelRegistry;
import com.ivpstudio.models.RestoresModelRegistry;
import com.ivpstudio.models.UploadOutcome;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotService;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The demo model's unusual-photo check in the browser: an inverted phantom front gets the warning on the case page
 * (and its score goes into the images' provenance), a demo front does not; a greyscale front is flagged for its
 * colours (the second check) and its picture statistics are kept in PostgreSQL; a turned front is told which way
 * to turn (the third check), its orientation is kept, and one click turns it upright; a model whose seeds were
 * measured to change nothing visible hides the seed controls and says why.
 */
@IntegrationTest
@ExtendWith(RestoresModelRegistry.class)
class UnfamiliarPhotoWarningIT {

    private static final String WARNING = "This photo is unlike the photos this model was trained on";
    private static final String PREDICTED = "() => { const imgs = [...document.querySelectorAll("
            + "'#view-grid img.predicted-img')]; return imgs.length === 4 && imgs.every(i => i.complete"
            + " && i.naturalWidth > 0); }";

    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    InferenceService inference;
    @Autowired
    ModelRegistry registry;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "clinician", "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anInvertedFrontGetsTheWarningAndADemoFrontDoesNot() throws IOException {
        assertThat(inference.activeBundle()).as("the demo model is active").isPresent();
        assertThat(inference.activeBundle().get().checksOutOfDistribution()).isTrue();
        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        Photo demoFront = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst()
                .orElseThrow();
        CaseDraft draft = new CaseDraft();
        draft.setPatientCode("OOD-" + UUID.randomUUID().toString().substring(0, 8));
        PatientCase odd = cases.create(draft);
        Photo inverted = photos.upload(odd.id(), new PhotoDetails(PhotoKind.FRONT, "inverted", LocalDate.of(2026, 2, 1),
                true), invert(photos.imageBytes(demoFront.id())), "clinician");

        PhotoReference invertedRef = PhotoReferences.of(photos, inverted);
        OodScore unusual = inference.outOfDistribution(invertedRef).orElseThrow();
        OodScore ordinary = inference.outOfDistribution(PhotoReferences.of(photos, demoFront)).orElseThrow();
        assertThat(unusual.unusual()).as("inverted front, score %s", unusual).isTrue();
        assertThat(ordinary.unusual()).as("demo front, score %s", ordinary).isFalse();
        List<GeneratedImage> views = inference.predictViews(invertedRef, Sampling.seed(0),
                OperationContext.forPatient(odd.patientCode()));
        assertThat(views).allSatisfy(g -> assertThat(g.provenance().ood()).isEqualTo(unusual));
        assertThat(views.get(0).provenance().toJson()).contains("\"pictureScore\":" + unusual.pictureScore())
                .contains("\"score\":" + unusual.score()).contains("\"orientation\":\"UPRIGHT\"");
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : views) {
            images.add(SnapshotImage.generated(images.size(), g.view().name(), g));
        }
        Snapshot saved = snapshots.save(odd.id(), "Views of an inverted front", SnapshotKind.VIEWS, "views", images,
                Map.of("front_photo_id", inverted.id()));
        assertThat(saved.provenanceJson()).as("the snapshot (and so its exports and share links) keeps the score")
                .contains("\"ood\"").contains(Double.toString(unusual.score()));

        try (Browser browser = new Browser(port)) {
            Page page = casePageWithWarning(browser, odd);
            assertThat(page.locator("#unfamiliar-photo-text").innerText()).contains(WARNING);
            Browser.screenshot(page, "ood-warning-inverted-front");

            page.navigate(browser.url("/cases/" + demo.id()));
            page.waitForFunction(PREDICTED);
            page.waitForTimeout(1500); // the score is computed off the UI thread: give a wrong warning time to show
            assertThat(page.locator("#unfamiliar-photo").isVisible()).as("no warning for a demo front").isFalse();
            Browser.screenshot(page, "ood-no-warning-demo-front");
        }
    }

    @Test
    void aGreyscaleFrontIsFlaggedForItsColoursAndItsStatisticsAreKept() throws IOException {
        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        Photo demoFront = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).findFirst()
                .orElseThrow();
        CaseDraft draft = new CaseDraft();
        draft.setPatientCode("GREY-" + UUID.randomUUID().toString().substring(0, 8));
        PatientCase grey = cases.create(draft);
        Photo greyFront = photos.upload(grey.id(), new PhotoDetails(PhotoKind.FRONT, "greyscale",
                LocalDate.of(2026, 2, 1), true), greyscale(photos.imageBytes(demoFront.id())), "clinician");
        PhotoReference ref = PhotoReferences.of(photos, greyFront);

        OodScore score = inference.outOfDistribution(ref).orElseThrow();
        assertThat(score.coloursUnusual()).as("greyscale front, score %s", score).isTrue();
        assertThat(score.pictureScore()).isGreaterThan(2 * score.pictureThreshold());
        assertThat(jdbc.sql("SELECT count(*) FROM inference_embedding WHERE kind = 'PICTURE' AND input_sha256 = ?")
                .param(ref.sha256()).query(Long.class).single()).as("kept beside the embedding").isEqualTo(1);

        try (Browser browser = new Browser(port)) {
            Page page = casePageWithWarning(browser, grey);
            assertThat(page.locator("#unfamiliar-photo").innerText()).contains(WARNING)
                    .contains("Colours and brightness unlike the training photos");
            Browser.screenshot(page, "ood-warning-greyscale-front");
        }
    }

    @Test
    void aTurnedFrontIsToldWhichWayToTurnAndItsOrientationIsKept() throws IOException {
        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        byte[] front = photos.imageBytes(photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT)
                .findFirst().orElseThrow().id());
        CaseDraft draft = new CaseDraft();
        draft.setPatientCode("TURN-" + UUID.randomUUID().toString().substring(0, 8));
        PatientCase turned = cases.create(draft);
        Photo upsideDown = photos.upload(turned.id(), new PhotoDetails(PhotoKind.FRONT, "upside down",
                LocalDate.of(2026, 2, 1), true), quarterTurnsClockwise(front, 2), "clinician");
        Photo quarter = photos.upload(turned.id(), new PhotoDetails(PhotoKind.FRONT, "quarter turn",
                LocalDate.of(2026, 1, 1), false), quarterTurnsClockwise(front, 1), "clinician");

        OodScore half = inference.outOfDistribution(PhotoReferences.of(photos, upsideDown)).orElseThrow();
        assertThat(half.orientation()).as("upside-down front, %s", half).isEqualTo(PhotoOrientation.ROTATED_180);
        assertThat(half.unusual()).isTrue();
        OodScore right = inference.outOfDistribution(PhotoReferences.of(photos, quarter)).orElseThrow();
        assertThat(right.orientation()).as("front turned 90 degrees clockwise, %s", right)
                .isEqualTo(PhotoOrientation.ROTATED_90_CLOCKWISE);
        assertThat(jdbc.sql("SELECT count(*) FROM inference_embedding WHERE kind = 'ORIENTATION' AND input_sha256 = ?")
                .param(PhotoReferences.of(photos, upsideDown).sha256()).query(Long.class).single())
                .as("kept beside the embedding").isEqualTo(1);

        try (Browser browser = new Browser(port)) {
            Page page = casePageWithWarning(browser, turned);
            assertThat(page.locator("#unfamiliar-photo-orientation").innerText())
                    .contains("upside down").contains("180");
            assertThat(page.locator("#unfamiliar-photo").getAttribute("data-orientation")).isEqualTo("ROTATED_180");
            Browser.screenshot(page, "ood-warning-upside-down-front");

            page.locator("#turn-photo-upright").click();
            page.locator("#unfamiliar-photo-orientation").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(WaitForSelectorState.DETACHED));
            page.waitForFunction(PREDICTED);
            page.waitForTimeout(1500); // the score is computed off the UI thread: give a wrong warning time to show
            assertThat(page.locator("#unfamiliar-photo").isVisible()).as("the turned photo is upright").isFalse();
            Browser.screenshot(page, "ood-upside-down-front-turned-upright");
        }
        List<Photo> after = photos.photosOf(turned.id());
        assertThat(after).extracting(Photo::id).doesNotContain(upsideDown.id()).contains(quarter.id());
        Photo upright = after.stream().filter(p -> p.label().equals("upside down")).findFirst().orElseThrow();
        assertThat(inference.outOfDistribution(PhotoReferences.of(photos, upright)).orElseThrow().orientation())
                .as("the replacement keeps the label and date and is upright").isEqualTo(PhotoOrientation.UPRIGHT);
        assertThat(upright.capturedOn()).isEqualTo(upsideDown.capturedOn());
        assertThatThrownBy(() -> photos.turnClockwise(quarter.id(), 3))
                .as("turned upright it would be the same photo as the one already turned").isInstanceOf(
                        UserFacingException.class);
        assertThat(photos.photosOf(turned.id())).extracting(Photo::id).contains(quarter.id(), upright.id());
    }

    @Test
    void aModelWhoseSeedsChangeNothingVisibleHidesTheSeedControls() {
        Map<String, byte[]> files = BundleZips.files(TestBundles.DEMO);
        BundleZips.editManifest(files, m -> {
            m.put("version", "0.0.0-invisible-z");
            ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("generator")).putObject("z_sensitivity")
                    .put("mean_abs_change", 0.4).put("seed_pairs", 4).put("fronts", 8);
        });
        UploadOutcome upload = registry.upload(new ByteArrayInputStream(BundleZips.zip(files)), "invisible-z.zip",
                "admin");
        assertThat(upload.accepted()).as(upload.message()).isTrue();
        registry.activate(upload.bundle().id(), "admin");
        assertThat(inference.activeBundle().orElseThrow().deterministic()).isTrue();
        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            browser.signIn(page, "clinician", "clinician-test-password");
            page.navigate(browser.url("/cases/" + demo.id()));
            page.waitForFunction(PREDICTED);
            assertThat(page.locator("#deterministic-model").innerText()).contains("less than one brightness level");
            for (String control : List.of("#seed", "#new-seed", "#uncertainty", "#more-variations", "#variation-count")) {
                assertThat(page.locator(control).isVisible()).as(control + " hidden").isFalse();
            }
            Browser.screenshot(page, "ood-invisible-z-hides-seed-controls");
        }
    }

    /** The case page once its predictions are shown and the warning has appeared. */
    private Page casePageWithWarning(Browser browser, PatientCase patientCase) {
        Page page = browser.newPage();
        browser.signIn(page, "clinician", "clinician-test-password");
        page.navigate(browser.url("/cases/" + patientCase.id()));
        page.waitForFunction(PREDICTED);
        page.locator("#unfamiliar-photo").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(WaitForSelectorState.VISIBLE));
        return page;
    }

    private static byte[] greyscale(byte[] image) throws IOException {
        return eachPixel(image, p -> {
            int l = (int) Math.round(0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff));
            return l << 16 | l << 8 | l;
        });
    }

    /** The photo turned by quarter turns clockwise (a turn of 1 or 3 swaps its width and height). */
    private static byte[] quarterTurnsClockwise(byte[] image, int turns) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(image));
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage out = turns % 2 == 0 ? new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB)
                : new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = in.getRGB(x, y);
                switch (turns % 4) {
                    case 1 -> out.setRGB(h - 1 - y, x, p);
                    case 2 -> out.setRGB(w - 1 - x, h - 1 - y, p);
                    case 3 -> out.setRGB(y, w - 1 - x, p);
                    default -> out.setRGB(x, y, p);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static byte[] invert(byte[] image) throws IOException {
        return eachPixel(image, p -> ~p & 0xffffff);
    }

    private static byte[] eachPixel(byte[] image, java.util.function.IntUnaryOperator rgb) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(image));
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                out.setRGB(x, y, rgb.applyAsInt(in.getRGB(x, y)));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }
}
