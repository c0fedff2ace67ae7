package com.ivpstudio.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ivpstudio.inference.bundle.ValidationReport;
import com.ivpstudio.inference.render.PngEncoder;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine on the tiny real bundle (no database): loading, parity, every operation, reproducibility, concurrency. */
class InferenceEngineTest {

    static ModelRuntime runtime;
    static InferenceService service;
    static Embedding photoA;
    static Embedding photoB;

    @BeforeAll
    static void load() {
        runtime = TestBundles.runtime();
        ValidationReport report = runtime.activate(TestBundles.TINY);
        assertThat(report.ok()).as(report.summary()).isTrue();
        service = new InferenceService(runtime, null, TestBundles.props(64, 32), null);
        photoA = service.embedImage(photo(800, 480, 1));
        photoB = service.embedImage(photo(800, 480, 2));
    }

    @AfterAll
    static void close() {
        service.close();
        runtime.close();
    }

    /** A synthetic 5:3 photo (PNG). */
    static byte[] photo(int w, int h, int seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(seed);
        for (int y = 0; y < h; y += 8) {
            for (int x = 0; x < w; x += 8) {
                int c = (r.nextInt(256) << 16) | (r.nextInt(256) << 8) | r.nextInt(256);
                for (int yy = y; yy < Math.min(h, y + 8); yy++) {
                    for (int xx = x; xx < Math.min(w, x + 8); xx++) {
                        img.setRGB(xx, yy, c);
                    }
                }
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fourViewsInClassOrderAtDisplayAspect() throws Exception {
        List<GeneratedImage> imgs = service.predictViews(photoA, Sampling.seed(7), OperationContext.forPatient("P-0042"));
        assertThat(imgs).extracting(GeneratedImage::view).containsExactly(ViewKind.LEFT, ViewKind.RIGHT,
                ViewKind.LOWER, ViewKind.UPPER);
        for (GeneratedImage g : imgs) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(g.png()));
            assertThat(img.getHeight()).isEqualTo(240);
            assertThat(img.getWidth()).isEqualTo(400);
            assertThat(g.squareRgb()).hasSize(32 * 32 * 3);
            Provenance p = Provenance.fromJson(PngEncoder.readText(g.png()).get("ivp:provenance"));
            assertThat(p).isEqualTo(g.provenance());
            assertThat(p.seed()).isEqualTo(7L);
            assertThat(p.patientCode()).isEqualTo("P-0042");
            assertThat(p.inputs()).containsExactly(photoA.source());
            assertThat(p.bundleSha256()).isEqualTo(runtime.current().orElseThrow().sha256());
        }
        // four views differ from each other
        assertThat(Arrays.equals(imgs.get(0).squareRgb(), imgs.get(1).squareRgb())).isFalse();
    }

    @Test
    void viewsMatchTheModulesCalledDirectly() {
        // generator output for one view through the batcher equals mapping+synthesis at batch 1 (batching does not change results)
        List<GeneratedImage> four = service.predictViews(photoA, ViewKind.ALL, List.of(3L), 1.0, OperationContext.none());
        List<GeneratedImage> one = service.predictViews(photoA, List.of(ViewKind.LOWER), List.of(3L), 1.0, OperationContext.none());
        assertThat(one).hasSize(1);
        assertThat(one.get(0).squareRgb()).isEqualTo(four.get(2).squareRgb());
    }

    @Test
    void sameRequestGivesIdenticalBytesEvenAfterCachesAreCleared() {
        List<GeneratedImage> a = service.predictViews(photoA, Sampling.seed(11), OperationContext.forPatient("X1"));
        service.clearMemoryCaches();
        List<GeneratedImage> b = service.predictViews(service.embedImage(photo(800, 480, 1)), Sampling.seed(11),
                OperationContext.forPatient("X1"));
        for (int i = 0; i < 4; i++) {
            assertThat(b.get(i).png()).isEqualTo(a.get(i).png());
        }
        List<GeneratedImage> c = service.predictViews(photoA, Sampling.seed(12), OperationContext.forPatient("X1"));
        assertThat(c.get(0).png()).isNotEqualTo(a.get(0).png());
    }

    @Test
    void sameRequestGivesIdenticalBytesAfterReloadingTheBundle() {
        List<GeneratedImage> a = service.nudge(photoA, photoA, photoB, new double[] {0.5}, new Sampling(31, 0.7),
                OperationContext.forPatient("R-7"));
        ModelRuntime other = TestBundles.runtime();
        try (InferenceService again = new InferenceService(other, null, TestBundles.props(8, 32), null)) {
            other.activate(TestBundles.TINY);
            Embedding a2 = again.embedImage(photo(800, 480, 1));
            Embedding b2 = again.embedImage(photo(800, 480, 2));
            List<GeneratedImage> b = again.nudge(a2, a2, b2, new double[] {0.5}, new Sampling(31, 0.7),
                    OperationContext.forPatient("R-7"));
            for (int i = 0; i < 4; i++) {
                assertThat(b.get(i).png()).isEqualTo(a.get(i).png());
            }
            assertThat(b.get(0).provenance().psi()).isEqualTo(0.7);
        } finally {
            other.close();
        }
    }

    @Test
    void secondIdenticalRequestIsACacheHit() {
        long before = service.stats().snapshot().images().hits();
        service.predictViews(photoB, Sampling.seed(21), OperationContext.none());
        service.predictViews(photoB, Sampling.seed(21), OperationContext.none());
        assertThat(service.stats().snapshot().images().hits()).isEqualTo(before + 1);
        service.embedImage(photo(800, 480, 2));
        long eh = service.stats().snapshot().imageEmbeddings().hits();
        service.embedImage(photo(800, 480, 2));
        assertThat(service.stats().snapshot().imageEmbeddings().hits()).isEqualTo(eh + 1);
        assertThat(service.stats().snapshot().latency()).containsKey("views");
    }

    @Test
    void nudgeStripIsAlphaMajorWithFourViewsEach() {
        double[] alphas = {-1.5, -1, -0.5, 0, 0.5, 1, 1.5};
        List<GeneratedImage> strip = service.nudge(photoA, photoA, photoB, alphas, Sampling.seed(1), OperationContext.none());
        assertThat(strip).hasSize(28);
        for (int i = 0; i < 28; i++) {
            assertThat(strip.get(i).view()).isEqualTo(ViewKind.ALL.get(i % 4));
            assertThat(strip.get(i).provenance().alpha()).isEqualTo(alphas[i / 4]);
        }
        // α = 0 is the base itself
        List<GeneratedImage> base = service.predictViews(photoA, Sampling.seed(1), OperationContext.none());
        assertThat(strip.get(12).squareRgb()).isEqualTo(base.get(0).squareRgb());
    }

    @Test
    void textOperations() {
        Embedding t = service.embedText("  Upper   TEETH ");
        assertThat(t.source()).isEqualTo("text:upper teeth");
        assertThat(service.embedText("upper teeth").vector()).isEqualTo(t.vector());
        List<GeneratedImage> views = service.textViews("upper teeth", Sampling.seed(0), OperationContext.none());
        assertThat(views).hasSize(4);
        assertThat(views.get(0).provenance().inputs()).containsExactly("text:upper teeth");
        List<GeneratedImage> tn = service.textNudge(photoA, "crowded", "aligned", new double[] {0, 1}, Sampling.seed(0),
                OperationContext.none());
        assertThat(tn).hasSize(8);
        assertThat(tn.get(0).provenance().operation()).isEqualTo("text-nudge");
    }

    @Test
    void normScaleAndInterpolation() {
        List<GeneratedImage> ns = service.normScale(photoA, new double[] {1, 2, 3}, Sampling.seed(0), OperationContext.none());
        assertThat(ns).hasSize(12);
        assertThat(ns.get(4).provenance().k()).isEqualTo(2.0);
        for (InterpolationMode mode : InterpolationMode.values()) {
            List<GeneratedImage> in = service.interpolate(photoA, photoB, 3, mode, Sampling.seed(0), OperationContext.none());
            assertThat(in).hasSize(12);
            assertThat(in.get(8).provenance().t()).isEqualTo(1.0);
            List<GeneratedImage> a = service.predictViews(photoA, Sampling.seed(0), OperationContext.none());
            List<GeneratedImage> b = service.predictViews(photoB, Sampling.seed(0), OperationContext.none());
            // the ends are the two embeddings' own views
            for (int v = 0; v < 4; v++) {
                assertPixelsClose(in.get(v).squareRgb(), a.get(v).squareRgb());
                assertPixelsClose(in.get(8 + v).squareRgb(), b.get(v).squareRgb());
            }
        }
    }

    private static void assertPixelsClose(byte[] x, byte[] y) {
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs((x[i] & 0xff) - (y[i] & 0xff)));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void spreadAndCompare() {
        SpreadResult s = service.spread(photoA, ViewKind.UPPER, List.of(1L, 2L, 3L, 4L, 5L), null, OperationContext.none());
        assertThat(s.stdDev()).hasSize(32 * 32);
        assertThat(s.maxStd()).isGreaterThanOrEqualTo(s.meanStd()).isGreaterThanOrEqualTo(0);
        assertThat(s.heatMap().png()).isNotEmpty();
        assertThat(s.heatMap().provenance().seeds()).containsExactly(1L, 2L, 3L, 4L, 5L);
        GeneratedImage upper = service.predictViews(photoA, Sampling.seed(1), OperationContext.none()).get(3);
        Comparison same = service.compare(upper, upper.png());
        assertThat(same.featureCosine()).isGreaterThan(0.5);
        Comparison other = service.compare(upper, photo(500, 300, 9));
        assertThat(other.psnr()).isLessThan(same.psnr());
        assertThat(other.ssim()).isBetween(-1.0, 1.0);
    }

    @Test
    void cancellationStopsBetweenBatchesAndProgressIsReported() {
        CancellationToken token = new CancellationToken();
        List<String> progress = new ArrayList<>();
        InferenceService small = new InferenceService(runtime, null, TestBundles.props(8, 4), null);
        try {
            OperationContext ctx = OperationContext.none().withCancellation(token).withProgress((done, total, stage) -> {
                progress.add(done + "/" + total);
                if (done == 2) {
                    token.cancel();
                }
            });
            assertThatThrownBy(() -> small.nudge(photoA, photoA, photoB, new double[] {0, 1, 2, 3, 4}, Sampling.seed(5), ctx))
                    .isInstanceOf(OperationCancelledException.class);
            assertThat(progress).containsExactly("0/5", "1/5", "2/5");
        } finally {
            small.close();
        }
    }

    @Test
    void cancellingAfterTheLastBatchStopsBeforeThePngsAndCachesNothing() {
        CancellationToken token = new CancellationToken();
        InferenceService small = new InferenceService(runtime, null, TestBundles.props(8, 4), null);
        try {
            OperationContext ctx = OperationContext.none().withCancellation(token).withProgress((done, total, stage) -> {
                if (done == total) {
                    token.cancel();
                }
            });
            double[] alphas = {0, 1, 2};
            assertThatThrownBy(() -> small.nudge(photoA, photoA, photoB, alphas, Sampling.seed(6), ctx))
                    .isInstanceOf(OperationCancelledException.class);
            List<String> stages = new ArrayList<>();
            small.nudge(photoA, photoA, photoB, alphas, Sampling.seed(6),
                    OperationContext.none().withProgress((done, total, stage) -> stages.add(stage)));
            assertThat(stages).as("computed again, not served from a cache").doesNotContain("cached");
        } finally {
            small.close();
        }
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
        InferenceService fresh = new InferenceService(runtime, null, TestBundles.props(256, 32), null);
        try {
            List<List<GeneratedImage>> sequential = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sequential.add(fresh.predictViews(i % 2 == 0 ? photoA : photoB, Sampling.seed(100 + i % 6),
                        OperationContext.none()));
            }
            fresh.clearMemoryCaches();
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Future<List<GeneratedImage>>> fs = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    int n = i;
                    fs.add(pool.submit(() -> fresh.predictViews(n % 2 == 0 ? photoA : photoB, Sampling.seed(100 + n % 6),
                            OperationContext.none())));
                }
                for (int i = 0; i < 12; i++) {
                    List<GeneratedImage> got = fs.get(i).get(60, TimeUnit.SECONDS);
                    for (int v = 0; v < 4; v++) {
                        assertThat(got.get(v).png()).isEqualTo(sequential.get(i).get(v).png());
                    }
                }
                // concurrent requests were coalesced into fewer forward passes than requests
                assertThat(fresh.batcher().batches()).isLessThan(12 + 12);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            fresh.close();
        }
    }

    @Test
    void identicalRequestsInFlightShareOneComputation() throws Exception {
        InferenceService fresh = new InferenceService(runtime, null, TestBundles.props(64, 32), null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<GeneratedImage>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> fresh.nudge(photoA, photoA, photoB, new double[] {-1, 0, 1, 2}, Sampling.seed(99),
                        OperationContext.forPatient("P-9")));
            }
            List<Future<List<GeneratedImage>>> fs = pool.invokeAll(calls, 60, TimeUnit.SECONDS);
            List<GeneratedImage> first = fs.get(0).get();
            for (Future<List<GeneratedImage>> f : fs) {
                assertThat(f.get()).isEqualTo(first);
            }
            assertThat(fresh.batcher().batches()).isEqualTo(1);
            InferenceStats.Snapshot s = fresh.stats().snapshot();
            assertThat(s.sharedInFlight() + s.images().hits()).isEqualTo(7);
        } finally {
            pool.shutdownNow();
            fresh.close();
        }
    }

    @Test
    void aFullQueueRefusesQuicklyAndNeverHangs() throws Exception {
        InferenceService tiny = new InferenceService(runtime, null, TestBundles.props(1, 4), null);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                long seed = 1000 + i;
                calls.add(() -> {
                    try {
                        tiny.predictViews(photoA, Sampling.seed(seed), OperationContext.none());
                        ok.incrementAndGet();
                    } catch (EngineBusyException e) {
                        busy.incrementAndGet();
                    }
                    return null;
                });
            }
            long t0 = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
            assertThat(ok.get() + busy.get()).isEqualTo(48);
            assertThat(busy.get()).isPositive();
            assertThat(ok.get()).isPositive();
            assertThat(tiny.stats().snapshot().busyRefusals()).isEqualTo(busy.get());
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(60);
        } finally {
            pool.shutdownNow();
            tiny.close();
        }
    }

    @Test
    void aPhotoReferenceIsEmbeddedAndDrawnUnderOneHoldOnTheModel() throws Exception {
        ModelRuntime rt = TestBundles.runtime();
        try (InferenceService svc = new InferenceService(rt, null, TestBundles.props(16, 32), null)) {
            rt.activate(TestBundles.TINY);
            String first = rt.current().orElseThrow().sha256();
            Path second = TestBundles.copy(TestBundles.TINY);
            String m = Files.readString(second.resolve("manifest.json"));
            Files.writeString(second.resolve("manifest.json"), m.replace("\"description\": \"tiny test bundle\"",
                    "\"description\": \"tiny test bundle, second copy\""));
            byte[] bytes = photo(800, 480, 1);
            // the model is switched while the photo is being read: the operation stays on the model it started with
            PhotoReference switching = new PhotoReference(Hashing.sha256(bytes), () -> {
                rt.activate(second);
                return bytes;
            });
            List<GeneratedImage> views = svc.predictViews(switching, Sampling.seed(7), OperationContext.forPatient("P-0042"));
            assertThat(rt.current().orElseThrow().sha256()).isNotEqualTo(first);
            assertThat(views).hasSize(4).allMatch(g -> g.provenance().bundleSha256().equals(first));
            assertThat(views.get(0).provenance().inputs()).containsExactly("photo:sha256:" + Hashing.sha256(bytes));
            // the same pixels as the two-step path on the first model
            List<GeneratedImage> twoStep = service.predictViews(service.embedImage(bytes), Sampling.seed(7),
                    OperationContext.forPatient("P-0042"));
            for (int i = 0; i < 4; i++) {
                assertThat(views.get(i).png()).isEqualTo(twoStep.get(i).png());
            }
        } finally {
            rt.close();
        }
    }

    @Test
    void aPhotosBytesAreReadOnlyWhenItsEmbeddingIsNotCached() {
        byte[] bytes = photo(640, 384, 5);
        AtomicInteger reads = new AtomicInteger();
        PhotoReference photo = new PhotoReference(Hashing.sha256(bytes), () -> {
            reads.incrementAndGet();
            return bytes;
        });
        Embedding e = service.embedPhoto(photo);
        service.predictViews(photo, Sampling.seed(3), OperationContext.none());
        service.nudge(photo, photo, photoB, new double[] {0.5}, Sampling.seed(3), OperationContext.none());
        assertThat(reads.get()).isEqualTo(1);
        assertThat(e).isEqualTo(service.embedImage(bytes));
    }

    @Test
    void embeddingsFromAnotherBundleAreRefused() {
        Embedding foreign = new Embedding("0".repeat(64), "photo:sha256:x", photoA.vector());
        assertThatThrownBy(() -> service.predictViews(foreign, Sampling.seed(0), OperationContext.none()))
                .isInstanceOf(ModelChangedException.class);
    }

    @Test
    void refusedBundlesLeaveTheActiveOneServing() throws Exception {
        ModelRuntime rt = TestBundles.runtime();
        InferenceService svc = new InferenceService(rt, null, TestBundles.props(16, 32), null);
        try {
            rt.activate(TestBundles.TINY);
            String active = rt.current().orElseThrow().sha256();

            Path tampered = TestBundles.copy(TestBundles.TINY);
            byte[] bytes = Files.readAllBytes(tampered.resolve("mapping.pt"));
            bytes[bytes.length / 2] ^= 1;
            Files.write(tampered.resolve("mapping.pt"), bytes);
            assertRefused(rt, tampered, "sha256 mismatch: mapping.pt");

            Path missing = TestBundles.copy(TestBundles.TINY);
            Files.delete(missing.resolve("synthesis.pt"));
            assertRefused(rt, missing, "missing file: synthesis.pt");

            Path wrongShape = TestBundles.copy(TestBundles.TINY);
            String m = Files.readString(wrongShape.resolve("manifest.json"));
            Files.writeString(wrongShape.resolve("manifest.json"), m.replace("\"embedding_dim\": 32", "\"embedding_dim\": 33"));
            assertRefused(rt, wrongShape, "output [1, 32] but the manifest implies [1, 33]");

            Path malformed = TestBundles.copy(TestBundles.TINY);
            Files.writeString(malformed.resolve("manifest.json"), "{\"format\": \"ivp-model-bundle\",");
            assertRefused(rt, malformed, "invalid manifest: manifest.json is not valid JSON");

            Path badSchema = TestBundles.copy(TestBundles.TINY);
            Files.writeString(badSchema.resolve("manifest.json"), m.replace("\"format_version\": 1", "\"format_version\": 2"));
            assertRefused(rt, badSchema, "invalid manifest: $.format_version: must equal 1");

            assertThat(rt.current().orElseThrow().sha256()).isEqualTo(active);
            assertThat(svc.predictViews(svc.embedImage(photo(400, 240, 3)), Sampling.seed(0), OperationContext.none())).hasSize(4);
        } finally {
            svc.close();
            rt.close();
        }
    }

    private static void assertRefused(ModelRuntime rt, Path bundle, String message) {
        assertThatThrownBy(() -> rt.activate(bundle)).isInstanceOfSatisfying(BundleRejectedException.class, e -> {
            assertThat(e.report().ok()).isFalse();
            assertThat(e.report().firstFailure()).contains(message);
        });
    }
}
