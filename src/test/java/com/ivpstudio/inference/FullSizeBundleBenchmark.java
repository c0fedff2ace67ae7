package com.ivpstudio.inference;

import com.ivpstudio.inference.bundle.BundleLoader;
import com.ivpstudio.inference.bundle.ManifestValidator;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads a full-size bundle (e.g. the seed-size reference import of training/scripts/make_seed_size_reference_bundle.py:
 * 256 px, w 512, 14 ws, CLIP ViT-B/32-sized encoder) with the app's default engine settings and serves the studio's
 * operations through {@link InferenceService}: load (with the golden self-test), cold and warm four views, a nudge
 * strip, a text prompt. Prints times and RSS. Not a test: InferenceBenchmark's paired protocol takes too long for a
 * generator of 30 GFLOP per view on two cores.
 *
 * <pre>
 * java -Xmx512m -Dai.djl.offline=true -cp target/classes:target/test-classes:$(cat target/test-cp.txt) \
 *      com.ivpstudio.inference.FullSizeBundleBenchmark BUNDLE [--repeats 3]
 * </pre>
 */
public final class FullSizeBundleBenchmark {

    private FullSizeBundleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path bundle = Path.of(args[0]);
        int repeats = args.length > 2 && args[1].equals("--repeats") ? Integer.parseInt(args[2]) : 3;
        InferenceProperties props = InferenceProperties.defaults();
        long t0 = System.nanoTime();
        ModelRuntime rt = new ModelRuntime(new BundleLoader(ManifestValidator.standard(),
                new BundleLoader.Settings(props.device(), props.threads(), props.engineThreads(), props.engineWaitMs())));
        rt.activate(bundle);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        double rssLoaded = InferenceBenchmark.rssMb("VmRSS");
        System.out.printf(Locale.ROOT, "%nBundle %s: load + self-test %.0f ms, RSS after load %.0f MB, engine threads %d "
                + "(0 = auto), engine wait %d ms, max batch %d%n", bundle, loadMs, rssLoaded, props.engineThreads(),
                props.engineWaitMs(), props.maxBatch());
        System.out.println("| operation (Java, InferenceService) | median ms | min ms |");
        System.out.println("|---|---:|---:|");
        try (InferenceService svc = new InferenceService(rt, null, props, null)) {
            AtomicInteger photoSeed = new AtomicInteger(1);
            List<byte[]> photos = new ArrayList<>();
            for (int i = 0; i < repeats + 2; i++) {
                photos.add(InferenceBenchmark.jpeg(800, 480, photoSeed.incrementAndGet()));
            }
            AtomicInteger next = new AtomicInteger();
            AtomicLong seed = new AtomicLong(10);
            double[] first = InferenceBenchmark.time(() -> svc.predictViews(svc.embedImage(photos.get(next.getAndIncrement())),
                    Sampling.seed(1), OperationContext.none()), 1, 0);
            row("first request after load: new photo → embedding + four views (PNG)", first);
            double[] cold = InferenceBenchmark.time(() -> svc.predictViews(svc.embedImage(photos.get(next.getAndIncrement())),
                    Sampling.seed(1), OperationContext.none()), repeats, 0);
            row("cold: new photo → embedding + four views (PNG)", cold);
            Embedding warmEmb = svc.embedImage(photos.get(0));
            double[] warm = InferenceBenchmark.time(() -> svc.predictViews(warmEmb, Sampling.seed(seed.incrementAndGet()),
                    OperationContext.none()), repeats, 0);
            row("warm: cached embedding → four views (PNG)", warm);
            Embedding before = svc.embedText("upper teeth");
            Embedding after = svc.embedText("upper teeth with braces");
            double[] strip = InferenceBenchmark.time(() -> svc.nudge(warmEmb, before, after,
                    new double[] {-1.5, -1, -0.5, 0, 0.5, 1, 1.5}, Sampling.seed(seed.incrementAndGet()),
                    OperationContext.none()), Math.max(1, repeats - 1), 0);
            row("nudge strip: 7 alphas × 4 views (PNG), text before/after cached", strip);
            double[] text = InferenceBenchmark.time(() -> svc.predictViews(svc.embedText("crowded lower incisors "
                    + seed.incrementAndGet()), Sampling.seed(1), OperationContext.none()), 1, 0);
            row("text prompt → four views (PNG)", text);
        } finally {
            rt.close();
        }
        System.out.printf(Locale.ROOT, "peak RSS %.0f MB%n", InferenceBenchmark.rssMb("VmHWM"));
    }

    private static void row(String what, double[] t) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", what, t[0], t[1]);
    }
}
