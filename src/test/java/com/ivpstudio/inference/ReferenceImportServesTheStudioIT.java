package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import com.microsoft.playwright.Page;
import com.ivpstudio.Browser;
import com.ivpstudio.cases.CaseService;
import com.ivpstudio.cases.PatientCase;
import com.ivpstudio.images.Photo;
import com.ivpstudio.images.PhotoKind;
import com.ivpstudio.images.PhotoReferences;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.models.BundleZips;
import com.ivpstudio.models.ManifestSummary;
import com.ivpstudio.models.ModelBundle;
import com.ivpstudio.models.ModelRegistry;
import com.ivpstudio.models.ModelStatus;
import com.ivpstudio.models.RestoresModelRegistry;
import com.ivpstudio.models.UploadOutcome;
import com.ivpstudio.snapshots.Snapshot;
import com.ivpstudio.snapshots.SnapshotImage;
import com.ivpstudio.snapshots.SnapshotKind;
import com.ivpstudio.snapshots.SnapshotRegeneration;
import com.ivpstudio.snapshots.SnapshotService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The bundle that {@code ivp_training.import_reference} made from random-weight networks in the CLIP-IVP reference
 * layout (committed in src/test/resources/inference/reference-bundle) goes the app's real way: zipped as the
 * importer's {@code --zip} does, uploaded to the registry (manifest-first extraction, pickle screen, loader checks,
 * golden parity), shown with its origin, activated, and then every studio operation runs on it and gives sensible
 * images. Afterwards the registry and the engine are as they were (the previously active model serves again and the
 * imported bundle is gone).
 */
@IntegrationTest
@ExtendWith(RestoresModelRegistry.class)
class ReferenceImportServesTheStudioIT {

    static final Path REFERENCE = Path.of("src", "test", "resources", "inference", "reference-bundle");

    @Autowired
    ModelRegistry registry;
    @Autowired
    InferenceService inference;
    @Autowired
    CaseService cases;
    @Autowired
    PhotoService photos;
    @Autowired
    SnapshotService snapshots;
    @Autowired
    SnapshotRegeneration regeneration;
    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    String importedSha;

    @BeforeEach
    void signInAsClinician() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "clinician", "n/a", List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"))));
    }

    /**
     * Snapshots cannot be deleted in the app (they keep their model from being deleted, by design); the one this
     * test saved goes here, so that the imported bundle can be deleted instead of retired. When the test fails half
     * way, {@link RestoresModelRegistry} (after this) brings the previous model back and removes the bundle.
     */
    @AfterEach
    void signOutAndDropTheSnapshotEvenWhenTheTestFailedHalfWay() {
        SecurityContextHolder.clearContext();
        dropTheSnapshotMadeWithTheImportedModel();
    }

    private void dropTheSnapshotMadeWithTheImportedModel() {
        if (importedSha != null) {
            jdbc.sql("DELETE FROM snapshot WHERE bundle_sha256 = ?").param(importedSha).update();
        }
    }

    @Test
    void theImportedBundleUploadsActivatesAndServesEveryStudioOperationThenThePreviousModelReturns()
            throws IOException {
        ModelBundle previous = registry.active().orElseThrow(() -> new AssertionError(
                "the demo bundle should be active after the first start; this test switches away from it and back"));
        String previousSha = inference.activeBundle().orElseThrow().sha256();
        assertThat(previousSha).isEqualTo(previous.manifestSha256());

        // ---- upload: the registry's own checks, then the Models page's facts
        long t0 = System.nanoTime();
        UploadOutcome upload = registry.upload(new ByteArrayInputStream(BundleZips.zip(BundleZips.files(REFERENCE))),
                "reference-import.zip", "admin");
        assertThat(upload.accepted()).as(upload.message()).isTrue();
        assertThat(upload.checks()).allMatch(UploadOutcome.Check::passed);
        assertThat(upload.checks()).extracting(UploadOutcome.Check::name).contains("upload", "zip safety",
                "manifest schema", "file synthesis.pt", "load image_encoder.pt", "load text_encoder.pt",
                "golden image_encoder.pt b4", "golden text_encoder.pt b4", "golden mapping.pt b4",
                "golden synthesis.pt b4", "tokenizer vectors", "registry");
        assertThat(upload.checks()).filteredOn(c -> c.name().equals("zip safety")).singleElement()
                .satisfies(c -> assertThat(c.message()).startsWith("31 entries, 31 files").contains("no pickles"));
        ModelBundle imported = upload.bundle();
        importedSha = imported.manifestSha256();
        assertThat(imported.status()).isEqualTo(ModelStatus.AVAILABLE);
        assertThat(imported.bundleId()).isEqualTo("reference-import-test");

        ManifestSummary shown = ManifestSummary.of(registry.find(imported.id()).orElseThrow().manifestJson());
        assertThat(shown.origin()).isEqualTo("imported from the CLIP-IVP reference code with CLIP ViT (width 64, "
                + "patch 8, embedding 16): network-snapshot-000000.pkl (network, sha256 f2ae0e23acc4…), "
                + "ViT-test.pt (clip, sha256 4f9eb4c60047…), bpe_test.txt.gz (bpe, sha256 3c48234eebdc…)");
        assertThat(shown.architecture()).isEqualTo("embedding 16 · 64 px output · z 0 · ψ 0.7 · openai-clip-vit");
        assertThat(ManifestSummary.of(previous.manifestJson()).origin()).isEqualTo("trained with IVP Studio's trainer");

        // ---- activation: the engine serves it
        assertThat(registry.activate(imported.id(), "admin").status()).isEqualTo(ModelStatus.ACTIVE);
        long activatedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(inference.activeBundle()).map(BundleInfo::sha256).contains(importedSha);
        assertThat(registry.find(previous.id())).map(ModelBundle::status).contains(ModelStatus.AVAILABLE);

        PatientCase demo = cases.findByCode("DEMO-01").orElseThrow();
        List<Photo> fronts = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.FRONT).toList();
        assertThat(fronts).as("DEMO-01 has front photos at several visits").hasSizeGreaterThanOrEqualTo(2);
        Photo trueUpper = photos.photosOf(demo.id()).stream().filter(p -> p.kind() == PhotoKind.UPPER).findFirst()
                .orElseThrow();
        PhotoReference photoA = PhotoReferences.of(photos, fronts.get(0));
        PhotoReference photoB = PhotoReferences.of(photos, fronts.get(fronts.size() - 1));
        OperationContext ctx = OperationContext.forPatient(demo.patientCode());
        long t1 = System.nanoTime();

        // ---- embeddings: the imported image and text towers
        Embedding kappaA = inference.embedPhoto(photoA);
        Embedding kappaB = inference.embedPhoto(photoB);
        assertThat(kappaA.bundleSha256()).isEqualTo(importedSha);
        assertThat(kappaA.dimension()).isEqualTo(16);
        assertThat(kappaA.vector()).isNotEqualTo(kappaB.vector());
        Embedding text = inference.embedText("Upper TEETH, crowded!");
        assertThat(text.dimension()).isEqualTo(16);
        assertThat(text.source()).isEqualTo("text:upper teeth, crowded!");

        // ---- four views: class order, display size, PNGs decode, the views differ, another photo differs
        List<GeneratedImage> viewsA = inference.predictViews(photoA, Sampling.seed(7), ctx);
        assertFourViews(viewsA, "views");
        assertThat(viewsA).allSatisfy(g -> assertThat(g.provenance().inputs()).containsExactly(kappaA.source()));
        assertThat(distinctPixels(viewsA)).as("four different views").isEqualTo(4);
        List<GeneratedImage> viewsB = inference.predictViews(photoB, Sampling.seed(7), ctx);
        assertFourViews(viewsB, "views");
        for (int v = 0; v < 4; v++) {
            assertThat(viewsB.get(v).squareRgb()).as("another photo, other pixels").isNotEqualTo(viewsA.get(v).squareRgb());
            assertThat(viewsB.get(v).png()).isNotEqualTo(viewsA.get(v).png());
        }
        // z_dim 0: the seed changes nothing but the provenance (CLIP-IVP models are deterministic)
        List<GeneratedImage> otherSeed = inference.predictViews(photoA, Sampling.seed(8), ctx);
        for (int v = 0; v < 4; v++) {
            assertThat(otherSeed.get(v).squareRgb()).isEqualTo(viewsA.get(v).squareRgb());
        }

        // ---- same request → byte-identical, also when computed again (memory caches dropped; κ from PostgreSQL)
        inference.clearMemoryCaches();
        List<GeneratedImage> again = inference.predictViews(photoA, Sampling.seed(7), ctx);
        for (int v = 0; v < 4; v++) {
            assertThat(again.get(v).png()).isEqualTo(viewsA.get(v).png());
        }

        // ---- nudge strip: α-major, four views each; α 0 is the base, α 1 from A towards B is B
        double[] alphas = {-1, 0, 0.5, 1};
        List<GeneratedImage> nudge = inference.nudge(photoA, photoA, photoB, alphas, Sampling.seed(7), ctx);
        assertStrip(nudge, alphas.length, "nudge");
        for (int v = 0; v < 4; v++) {
            assertThat(nudge.get(4 + v).squareRgb()).isEqualTo(viewsA.get(v).squareRgb());
            assertPixelsClose(nudge.get(12 + v).squareRgb(), viewsB.get(v).squareRgb());
        }
        assertThat(nudge.get(0).provenance().alpha()).isEqualTo(-1.0);

        // ---- text: views of a prompt, and a nudge whose direction is text
        List<GeneratedImage> textViews = inference.textViews("upper teeth, crowded", Sampling.seed(0), ctx);
        assertFourViews(textViews, "text-views");
        assertThat(textViews.get(0).provenance().inputs()).containsExactly("text:upper teeth, crowded");
        List<GeneratedImage> textNudge = inference.textNudge(photoA, "crowded teeth", "aligned teeth",
                new double[] {0, 2}, Sampling.seed(7), ctx);
        assertStrip(textNudge, 2, "text-nudge");
        for (int v = 0; v < 4; v++) {
            assertThat(textNudge.get(v).squareRgb()).isEqualTo(viewsA.get(v).squareRgb());
        }
        assertThat(textNudge.get(4).squareRgb()).as("the text direction moves the views")
                .isNotEqualTo(textNudge.get(0).squareRgb());

        // ---- norm scale: k-major, four views each
        double[] ks = {kappaA.norm(), 2 * kappaA.norm()};
        List<GeneratedImage> scaled = inference.normScale(photoA, ks, Sampling.seed(7), ctx);
        assertStrip(scaled, 2, "norm-scale");
        assertThat(scaled.get(4).provenance().k()).isEqualTo(ks[1]);
        for (int v = 0; v < 4; v++) {
            assertPixelsClose(scaled.get(v).squareRgb(), viewsA.get(v).squareRgb());
        }

        // ---- interpolation in both modes: the ends are the two photos' own views
        for (InterpolationMode mode : InterpolationMode.values()) {
            List<GeneratedImage> path = inference.interpolate(photoA, photoB, 3, mode, Sampling.seed(7), ctx);
            assertStrip(path, 3, "interpolate");
            assertThat(path.get(0).provenance().mode()).isNotNull();
            assertThat(path.get(8).provenance().t()).isEqualTo(1.0);
            for (int v = 0; v < 4; v++) {
                assertPixelsClose(path.get(v).squareRgb(), viewsA.get(v).squareRgb());
                assertPixelsClose(path.get(8 + v).squareRgb(), viewsB.get(v).squareRgb());
            }
            assertThat(path.get(4).squareRgb()).as(mode + ": the middle is neither end")
                    .isNotEqualTo(path.get(0).squareRgb()).isNotEqualTo(path.get(8).squareRgb());
        }

        // ---- spread over seeds: a deterministic model has none
        SpreadResult spread = inference.spread(photoA, ViewKind.UPPER, List.of(1L, 2L, 3L, 4L), null, ctx);
        assertThat(spread.resolution()).isEqualTo(64);
        assertThat(spread.stdDev()).hasSize(64 * 64);
        assertThat(spread.maxStd()).as("z_dim 0: every seed gives the same image").isZero();
        assertThat(spread.meanStd()).isZero();
        assertDecodes(spread.heatMap());
        assertDecodes(spread.mean());
        assertPixelsClose(spread.mean().squareRgb(), viewsA.get(3).squareRgb());

        // ---- compare a predicted view with the case's true upper photo (and with itself)
        GeneratedImage upper = viewsA.get(3);
        Comparison withTruth = inference.compare(upper, photos.imageBytes(trueUpper.id()));
        assertThat(withTruth.resolution()).isEqualTo(64);
        assertThat(withTruth.ssim()).isBetween(-1.0, 1.0);
        assertThat(withTruth.psnr()).isFinite().isPositive();
        assertThat(withTruth.featureCosine()).isBetween(-1.0, 1.0);
        Comparison withItself = inference.compare(upper, upper.png());
        assertThat(withItself.psnr()).isGreaterThan(withTruth.psnr());
        assertThat(withItself.featureCosine()).isGreaterThan(withTruth.featureCosine());

        // ---- snapshot: saved with the imported model, regenerated byte for byte
        List<SnapshotImage> images = new ArrayList<>();
        for (GeneratedImage g : viewsA) {
            images.add(SnapshotImage.generated(images.size(), g.view().name(), g));
        }
        Snapshot saved = snapshots.save(demo.id(), "Reference import views", SnapshotKind.VIEWS, "views", images,
                Map.of("front_photo_id", fronts.get(0).id()));
        assertThat(saved.bundleSha256()).isEqualTo(importedSha);
        assertThat(registry.references(registry.find(imported.id()).orElseThrow())).hasSize(1);
        SnapshotRegeneration.Result regenerated = regeneration.regenerate(saved.id());
        assertThat(regenerated.sameModel()).isTrue();
        assertThat(regenerated.allIdentical()).isTrue();
        long servedMs = (System.nanoTime() - t1) / 1_000_000;
        theCasePageHidesTheSeedControlsOfThisDeterministicModel(demo.id());

        // ---- back to the model that was active; then the imported bundle can be deleted without a trace
        registry.activate(previous.id(), "admin");
        assertThat(inference.activeBundle()).map(BundleInfo::sha256).contains(previousSha);
        assertThat(registry.active()).map(ModelBundle::id).contains(previous.id());
        assertThat(inference.predictViews(photoA, Sampling.seed(7), ctx)).allSatisfy(g ->
                assertThat(g.provenance().bundleSha256()).isEqualTo(previousSha));
        dropTheSnapshotMadeWithTheImportedModel();
        registry.delete(imported.id(), "admin");
        assertThat(registry.findBySha(importedSha)).isEmpty();
        assertThat(registry.bundleDirectory(importedSha)).isEmpty();

        System.out.println("[reference-import] upload to accepted " + upload.millis() + " ms, upload + activation "
                + activatedMs + " ms; every studio operation and the snapshot regeneration " + servedMs + " ms");
    }

    /** z_dim 0: seeds, variations and the uncertainty map would show nothing new, so the studio says so instead. */
    private void theCasePageHidesTheSeedControlsOfThisDeterministicModel(long caseId) {
        try (Browser browser = new Browser(port)) {
            Page page = browser.newPage();
            browser.signIn(page, "clinician", "clinician-test-password");
            page.navigate(browser.url("/cases/" + caseId));
            page.waitForFunction("() => { const imgs = [...document.querySelectorAll('#view-grid img.predicted-img')];"
                    + " return imgs.length === 4 && imgs.every(i => i.complete && i.naturalWidth > 0); }");
            assertThat(page.locator("#deterministic-model").innerText()).contains("no random input");
            for (String control : List.of("#seed", "#new-seed", "#uncertainty", "#more-variations", "#variation-count")) {
                assertThat(page.locator(control).isVisible()).as(control + " hidden").isFalse();
            }
            assertThat(page.locator("#psi").isVisible()).as("ψ still applies").isTrue();
            Browser.screenshot(page, "reference-import-deterministic-controls");
        }
    }

    /** Four display PNGs of one request, in class order, decoding at their stated 5:3 size. */
    private void assertFourViews(List<GeneratedImage> views, String operation) {
        assertThat(views).extracting(GeneratedImage::view).containsExactlyElementsOf(ViewKind.ALL);
        views.forEach(g -> {
            assertThat(g.provenance().operation()).isEqualTo(operation);
            assertThat(g.provenance().bundleSha256()).isEqualTo(importedSha);
            assertThat(g.resolution()).isEqualTo(64);
            assertThat(g.squareRgb()).hasSize(64 * 64 * 3);
            assertDecodes(g);
        });
    }

    /** {@code steps} × four views, outer loop over the steps. */
    private void assertStrip(List<GeneratedImage> strip, int steps, String operation) {
        assertThat(strip).hasSize(4 * steps);
        for (int i = 0; i < steps; i++) {
            assertFourViews(strip.subList(4 * i, 4 * i + 4), operation);
        }
    }

    private static void assertDecodes(GeneratedImage g) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(g.png()));
            assertThat(img).as("a PNG that decodes").isNotNull();
            assertThat(img.getWidth()).isEqualTo(g.width());
            assertThat(img.getHeight()).isEqualTo(g.height());
            assertThat(g.width() * 3).as("5:3 display").isEqualTo(g.height() * 5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int distinctPixels(List<GeneratedImage> images) {
        Set<String> distinct = new HashSet<>();
        images.forEach(g -> distinct.add(Arrays.toString(g.squareRgb())));
        return distinct.size();
    }

    /** Equal up to one step of 8-bit rounding (the same κ reached by float arithmetic on another path). */
    private static void assertPixelsClose(byte[] x, byte[] y) {
        assertThat(x).hasSameSizeAs(y);
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs((x[i] & 0xff) - (y[i] & 0xff)));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }
}
