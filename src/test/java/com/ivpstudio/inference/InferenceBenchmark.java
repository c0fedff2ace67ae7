package com.ivpstudio.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.ivpstudio.inference.bundle.BundleLoader;
import com.ivpstudio.inference.bundle.BundleManifest;
import com.ivpstudio.inference.bundle.Json;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.bundle.ManifestValidator;
import com.ivpstudio.inference.bundle.ZFromSeed;
import com.ivpstudio.inference.runtime.GeneratorBatcher;
import com.ivpstudio.inference.runtime.ModelRuntime;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Java vs Python timings on one bundle (not a test: it prints numbers). Runs training/benchmark_python.py as a
 * subprocess (through src/test/resources/inference/python_benchmark_rss.py, which adds its peak RSS) in the same run,
 * then the same operations in Java, and prints a Markdown report.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -cp target/classes:target/test-classes:$(cat target/test-cp.txt) \
 *      com.ivpstudio.inference.InferenceBenchmark [bundle dir, default models/demo] [--repeats 20] [--seconds 5]
 * </pre>
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path bundle = TestBundles.demoPresent() ? TestBundles.DEMO : TestBundles.TINY;
        int repeats = 20;
        int warmup = 3;
        int threads = 2;
        int seconds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> bundle = Path.of(args[i]);
            }
        }
        System.out.println("Benchmark of " + bundle + " at " + Instant.now());

        // ---- Python, same run (before and after the Java part) ----
        JsonNode py = python(bundle, repeats, warmup, threads);
        System.out.println("python: " + py);

        // ---- Java ----
        long t0 = System.nanoTime();
        ModelRuntime rt = new ModelRuntime(new BundleLoader(ManifestValidator.standard(),
                new BundleLoader.Settings("auto", threads, 0, 10_000)));
        rt.activate(bundle);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        double rssLoaded = rssMb("VmHWM");
        InferenceProperties props = InferenceProperties.defaults();
        InferenceService svc = new InferenceService(rt, null, props, null);
        ModelRuntime.Lease lease = rt.acquire();
        LoadedBundle b = lease.bundle();
        BundleManifest m = b.manifest();
        Random rnd = new Random(0);
        int h = 480;
        int w = 800;
        // the production path: a decoded photo's RGB planes as bytes (ImageEncoderInput.planes)
        byte[] photo = new byte[3 * h * w];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) rnd.nextInt(256);
        }
        float[] kappa = b.encodeImages(photo, 1, h, w)[0];
        float[] z = ZFromSeed.z(0, m.zDim());
        float psi = (float) m.defaultPsi();
        GeneratorBatcher batcher = new GeneratorBatcher(64, 32, 2000, 1);

        List<GeneratorBatcher.Row> four = new ArrayList<>();
        for (ViewKind v : ViewKind.ALL) {
            four.add(GeneratorBatcher.Row.fromKappa(kappa, v.classIndex(), z, psi));
        }
        // The JVM compiles its hot code in the first seconds, on the same cores libtorch needs: warm it up the way
        // JMH would before timing anything (Python has no such phase to go through).
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(JVM_WARMUP_SECONDS);
        while (System.nanoTime() < warmEnd) {
            b.encodeImages(photo, 1, h, w);
            batcher.submit(b, four, false).join();
        }
        List<GeneratorBatcher.Row> strip = new ArrayList<>();
        float[] kb = scale(kappa, 0.9f);
        float[] ka = scale(kappa, 1.1f);
        for (int a = 0; a < 7; a++) {
            float alpha = -1.5f + 0.5f * a;
            float[] k = new float[kappa.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = kappa[i] + alpha * (ka[i] - kb[i]);
            }
            for (ViewKind v : ViewKind.ALL) {
                strip.add(GeneratorBatcher.Row.fromKappa(k, v.classIndex(), z, psi));
            }
        }
        // paired: short Java and Python blocks alternate, so both see the same (drifting) machine
        Map<String, Runnable> javaOps = new LinkedHashMap<>();
        javaOps.put("emb", () -> b.encodeImages(photo, 1, h, w));
        javaOps.put("four", () -> batcher.submit(b, four, false).join());
        javaOps.put("strip", () -> batcher.submit(b, strip, false).join());
        if (b.checksPictures()) {
            javaOps.put("pic", () -> b.pictureStatistics(photo, h, w));
        }
        if (b.checksOrientation()) {
            javaOps.put("turn", () -> b.orientation(photo, h, w));
        }
        List<String> paired = interleaved(bundle, threads, javaOps);
        double[] emb = time(() -> b.encodeImages(photo, 1, h, w), repeats, warmup);
        double[] fv = time(() -> batcher.submit(b, four, false).join(), repeats, warmup);
        double[] ns = time(() -> batcher.submit(b, strip, false).join(), repeats, warmup);
        double cpuEmb = cpuMs(() -> b.encodeImages(photo, 1, h, w), repeats, warmup);
        double cpuFour = cpuMs(() -> batcher.submit(b, four, false).join(), repeats, warmup);
        double cpuStrip = cpuMs(() -> batcher.submit(b, strip, false).join(), repeats, warmup);
        double faultsEmb = faultsPerCall(() -> b.encodeImages(photo, 1, h, w), repeats);
        double faultsFour = faultsPerCall(() -> batcher.submit(b, four, false).join(), repeats);
        double faultsStrip = faultsPerCall(() -> batcher.submit(b, strip, false).join(), repeats);
        batcher.close();

        // ---- service level: PNG rendering included ----
        byte[] warmPhoto = jpeg(w, h, 1);
        Embedding warmEmb = svc.embedImage(warmPhoto);
        AtomicLong seed = new AtomicLong(1_000);
        double[] svcFour = time(() -> svc.predictViews(warmEmb, Sampling.seed(seed.incrementAndGet()),
                OperationContext.forPatient("P-0001")), repeats, warmup);
        double[] svcStrip = time(() -> svc.nudge(warmEmb, warmEmb, svc.embedImage(warmPhoto), new double[] {-1.5, -1,
                -0.5, 0, 0.5, 1, 1.5}, Sampling.seed(seed.incrementAndGet()), OperationContext.none()), repeats, warmup);
        AtomicInteger photoSeed = new AtomicInteger(100);
        List<byte[]> coldPhotos = new ArrayList<>();
        for (int i = 0; i < repeats + warmup; i++) {
            coldPhotos.add(jpeg(w, h, photoSeed.incrementAndGet()));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger nextEmb = new AtomicInteger();
        List<byte[]> embPhotos = new ArrayList<>();
        for (int i = 0; i < repeats + warmup; i++) {
            embPhotos.add(jpeg(w, h, 50_000 + i));
        }
        double[] embCold = time(() -> svc.embedImage(embPhotos.get(nextEmb.getAndIncrement())), repeats, warmup);
        double[] embWarm = time(() -> svc.embedImage(warmPhoto), repeats, warmup);
        double[] cold = time(() -> svc.predictViews(svc.embedImage(coldPhotos.get(next.getAndIncrement())),
                Sampling.seed(7), OperationContext.none()), repeats, warmup);
        double[] warm = time(() -> svc.predictViews(svc.embedImage(warmPhoto), Sampling.seed(seed.incrementAndGet()),
                OperationContext.none()), repeats, warmup);
        double[] hot = time(() -> svc.predictViews(svc.embedImage(warmPhoto), Sampling.seed(7),
                OperationContext.none()), repeats, warmup);

        // ---- cold vs warm with clinical-size photos: what the embedding cache saves in practice ----
        List<String> clinicalRows = new ArrayList<>();
        for (int[] size : CLINICAL_SIZES) {
            clinicalRows.add(clinical(svc, size[0], size[1], Math.max(3, repeats / 3), repeats, warmup, seed));
        }

        // ---- throughput ----
        List<String> tput = new ArrayList<>();
        for (int callers : new int[] {1, 4, 16}) {
            tput.add(throughput(svc, warmEmb, callers, seconds, seed));
        }
        double rssPeak = rssMb("VmHWM");
        // Python again after Java; each Python figure is the better of its two runs (conservative for the ratio)
        JsonNode py2 = python(bundle, repeats, warmup, threads);
        System.out.println("python (second run): " + py2);
        py = bestOf(py, py2);
        lease.close();
        svc.close();
        rt.close();

        // ---- report ----
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "Bundle `%s` %s (R=%d, D=%d, z=%d, w=%d×%d), %d repeats after %d warm-up, "
                        + "medians in ms; Java via DJL %s / libtorch %s, Python torch %s, %d threads each.%n%n",
                m.id(), m.version(), m.resolution(), m.embeddingDim(), m.zDim(), m.numWs(), m.wDim(), repeats, warmup,
                ai.djl.engine.Engine.getDjlVersion(), ai.djl.engine.Engine.getEngine("PyTorch").getVersion(),
                py.path("torch").asText(), threads));
        r.append("Paired, interleaved (the reference comparison): " + INTERLEAVE_ROUNDS + " rounds; in each round a "
                + "block of Java calls and the same block in Python (benchmark_python.py --serve), Java first in even "
                + "rounds and Python first in odd ones, " + BLOCK_PAUSE_MS + " ms pause before each block; ratio = median "
                + "over the rounds of (Java median / Python median) of the round.\n\n"
                + "| operation | Java median ms | Python median ms | Java/Python (paired) | rounds Java faster |\n"
                + "|---|---:|---:|---:|---:|\n");
        paired.forEach(r::append);
        r.append("\nSeparate runs (Python: the better of two benchmark_python.py runs, before and after the Java "
                + "part):\n\n"
                + "| operation | Java median ms | Python median ms | Java/Python (median) | Java min ms | Python min ms "
                + "| Java/Python (min) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        row(r, "image embedding, batch 1 (480×800 photo, engine)", emb, py, "image_embedding_b1");
        row(r, "four views, one batched call (engine: batcher → mapping + synthesis)", fv, py, "four_views");
        row(r, "nudge strip 7 α × 4 views, B=28 (engine)", ns, py, "nudge_strip_7x4");
        r.append(String.format(Locale.ROOT, "| model load (Java: + validation, sha256, golden self-test) | %.1f | %.1f | "
                + "%.2f | | | |%n", loadMs, py.path("load_ms").asDouble(), loadMs / py.path("load_ms").asDouble()));
        r.append("\nMinor page faults per call (fresh memory pages the kernel had to map; mean over the repeats):\n\n"
                + "| operation | Java | Python |\n|---|---:|---:|\n");
        r.append(String.format(Locale.ROOT, "| image embedding, batch 1 | %.1f | %.1f |%n| four views, one batched call | "
                + "%.1f | %.1f |%n| nudge strip 7 α × 4 views | %.1f | %.1f |%n", faultsEmb, py.path("faults_image_embedding_b1")
                .asDouble(), faultsFour, py.path("faults_four_views").asDouble(), faultsStrip,
                py.path("faults_nudge_strip_7x4").asDouble()));
        r.append("\nProcess CPU time per call (all threads; less sensitive to other work on the machine), mean over the repeats:\n\n"
                + "| operation | Java CPU ms | Python CPU ms | Java/Python |\n|---|---:|---:|---:|\n");
        cpuRow(r, "image embedding, batch 1", cpuEmb, py.path("cpu_image_embedding_b1_ms").asDouble());
        cpuRow(r, "four views, one batched call", cpuFour, py.path("cpu_four_views_ms").asDouble());
        cpuRow(r, "nudge strip 7 α × 4 views", cpuStrip, py.path("cpu_nudge_strip_7x4_ms").asDouble());
        r.append('\n');
        r.append("| service operation (PNG 5:3 + label + provenance included) | Java ms (median) | min |\n|---|---:|---:|\n");
        r.append(String.format(Locale.ROOT, "| predictViews, 4 views, embedding cached | %.2f | %.2f |%n", svcFour[0], svcFour[1]));
        r.append(String.format(Locale.ROOT, "| nudge strip 7 α × 4 views | %.2f | %.2f |%n", svcStrip[0], svcStrip[1]));
        r.append(String.format(Locale.ROOT, "| cold: new JPEG photo → embedImage + predictViews | %.2f | %.2f |%n", cold[0], cold[1]));
        r.append(String.format(Locale.ROOT, "| warm: embedding cached, new seed | %.2f | %.2f |%n", warm[0], warm[1]));
        r.append(String.format(Locale.ROOT, "| warm: identical request (PNG cache) | %.3f | %.3f |%n", hot[0], hot[1]));
        r.append(String.format(Locale.ROOT, "| embedImage only, cold (JPEG decode + encoder) | %.2f | %.2f |%n", embCold[0], embCold[1]));
        r.append(String.format(Locale.ROOT, "| embedImage only, warm (Caffeine hit) | %.3f | %.3f |%n", embWarm[0], embWarm[1]));
        r.append(String.format(Locale.ROOT, "%ncold/warm prediction, 480×800 photo (new seed) = %.2f×; identical request "
                + "= %.0f×; embedding alone = %.0f×%n%n", cold[0] / warm[0], cold[0] / hot[0], embCold[0] / embWarm[0]));
        r.append("| clinical-size photo (new each time) | JPEG MB | cold: embedImage + predictViews, ms (median / min) "
                + "| warm: embedding cached, new seed, ms | cold/warm |\n|---|---:|---:|---:|---:|\n");
        clinicalRows.forEach(r::append);
        r.append('\n');
        r.append("| concurrent callers (predictViews, new seed each) | requests/s | images/s | p50 ms | p95 ms | ok | busy | failed |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        tput.forEach(r::append);
        r.append(String.format(Locale.ROOT, "%nPeak RSS: Java %.0f MB after load, %.0f MB at the end (JVM + libtorch + "
                + "caches); Python %.0f MB (benchmark_python.py).%n", rssLoaded, rssPeak, py.path("peak_rss_mb").asDouble()));
        System.out.println();
        System.out.println(r);
        System.exit(0);
    }

    private static final int INTERLEAVE_ROUNDS = 12;
    private static final long BLOCK_PAUSE_MS = 100;
    private static final Map<String, Integer> BLOCK = Map.of("emb", 20, "four", 8, "strip", 2, "pic", 20, "turn", 20);
    private static final Map<String, String> LABEL = Map.of("emb", "image embedding, batch 1 (480×800 photo)",
            "four", "four views, one batched call", "strip", "nudge strip 7 α × 4 views",
            "pic", "picture statistics of the second unusual-photo check (480×800 photo)",
            "turn", "orientation reader of the third unusual-photo check (480×800 photo)");

    /** Rows of the paired table: Java and Python blocks alternate round by round. */
    private static List<String> interleaved(Path bundle, int threads, Map<String, Runnable> ops)
            throws IOException, InterruptedException {
        Process py = new ProcessBuilder("/usr/bin/python3", "training/benchmark_python.py", bundle.toString(),
                "--serve", "--threads", Integer.toString(threads)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> rows = new ArrayList<>();
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(py.getInputStream(),
                StandardCharsets.UTF_8)); java.io.PrintWriter out = new java.io.PrintWriter(py.getOutputStream(), true,
                StandardCharsets.UTF_8)) {
            in.readLine(); // ready
            for (Map.Entry<String, Runnable> op : ops.entrySet()) {
                int n = BLOCK.get(op.getKey());
                List<Double> javaAll = new ArrayList<>();
                List<Double> pyAll = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                pythonBlock(in, out, op.getKey(), n); // Python's warm-up
                for (int round = 0; round < INTERLEAVE_ROUNDS; round++) {
                    // Who goes first alternates, and each block starts after a pause: a block's idle OpenMP workers
                    // keep spinning for a while and would otherwise slow whichever process runs next.
                    List<Double> p = round % 2 == 1 ? pythonBlock(in, out, op.getKey(), n) : null;
                    pause();
                    List<Double> j = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        long t = System.nanoTime();
                        op.getValue().run();
                        j.add((System.nanoTime() - t) / 1e6);
                    }
                    pause();
                    if (p == null) {
                        p = pythonBlock(in, out, op.getKey(), n);
                    }
                    javaAll.addAll(j);
                    pyAll.addAll(p);
                    ratios.add(median(j) / median(p));
                }
                long javaFaster = ratios.stream().filter(x -> x < 1).count();
                rows.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %d of %d |%n", LABEL.get(op.getKey()),
                        median(javaAll), median(pyAll), median(ratios), javaFaster, INTERLEAVE_ROUNDS));
            }
            out.println("quit");
        } finally {
            py.waitFor(10, TimeUnit.SECONDS);
            py.destroy();
        }
        return rows;
    }

    private static void pause() {
        try {
            Thread.sleep(BLOCK_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Double> pythonBlock(java.io.BufferedReader in, java.io.PrintWriter out, String op, int n)
            throws IOException {
        out.println(op + " " + n);
        JsonNode reply = Json.MAPPER.readTree(in.readLine());
        List<Double> ms = new ArrayList<>();
        reply.path("ms").forEach(x -> ms.add(x.asDouble()));
        return ms;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        java.util.Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static JsonNode bestOf(JsonNode a, JsonNode b) {
        com.fasterxml.jackson.databind.node.ObjectNode o = a.deepCopy();
        a.fieldNames().forEachRemaining(k -> {
            if (k.endsWith("_ms") && b.has(k) && !k.equals("load_ms")) {
                o.put(k, Math.min(a.get(k).asDouble(), b.get(k).asDouble()));
            }
        });
        return o;
    }

    private static void row(StringBuilder r, String name, double[] java, JsonNode py, String key) {
        double pm = py.path(key + "_ms").asDouble();
        double pmin = py.path(key + "_min_ms").asDouble();
        r.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %.3f | %.3f | %.2f |%n", name, java[0], pm,
                java[0] / pm, java[1], pmin, java[1] / pmin));
    }

    private static void cpuRow(StringBuilder r, String name, double java, double python) {
        r.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f |%n", name, java, python, java / python));
    }

    /** One row of the clinical table: new photos of this size (cold) vs the first one again with new seeds (warm). */
    private static String clinical(InferenceService svc, int w, int h, int coldRepeats, int repeats, int warmup,
            AtomicLong seed) throws IOException {
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i <= coldRepeats; i++) {
            photos.add(jpeg(w, h, 90_000 + w + i));
        }
        AtomicInteger next = new AtomicInteger();
        double[] cold = time(() -> svc.predictViews(svc.embedImage(photos.get(next.getAndIncrement())),
                Sampling.seed(7), OperationContext.none()), coldRepeats, 1);
        byte[] again = photos.get(0);
        double[] warm = time(() -> svc.predictViews(svc.embedImage(again), Sampling.seed(seed.incrementAndGet()),
                OperationContext.none()), repeats, warmup);
        return String.format(Locale.ROOT, "| %d×%d (%.0f MP) | %.1f | %.1f / %.1f | %.1f / %.1f | %.2f× |%n", w, h,
                w * (double) h / 1e6, photos.get(0).length / 1e6, cold[0], cold[1], warm[0], warm[1], cold[0] / warm[0]);
    }

    /** Minor page faults of this process per call (from /proc/self/stat), after two warm-up calls. */
    private static double faultsPerCall(Runnable run, int repeats) throws IOException {
        run.run();
        run.run();
        long before = minorFaults();
        for (int i = 0; i < repeats; i++) {
            run.run();
        }
        return (minorFaults() - before) / (double) repeats;
    }

    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }

    /** Mean process CPU time (ms) of a call (the JVM's process CPU clock is coarse, so: total / repeats). */
    private static double cpuMs(Runnable run, int repeats, int warmup) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < warmup; i++) {
            run.run();
        }
        long s = os.getProcessCpuTime();
        for (int i = 0; i < repeats; i++) {
            run.run();
        }
        return (os.getProcessCpuTime() - s) / 1e6 / repeats;
    }

    private static String throughput(InferenceService svc, Embedding e, int callers, int seconds, AtomicLong seed)
            throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Long> lat = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(callers);
        long t0 = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        try {
                            svc.predictViews(e, Sampling.seed(seed.incrementAndGet()), OperationContext.none());
                            ok.incrementAndGet();
                            lat.add(System.nanoTime() - s);
                        } catch (EngineBusyException x) {
                            busy.incrementAndGet();
                        } catch (RuntimeException x) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        done.await();
        double secs = (System.nanoTime() - t0) / 1e9;
        long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = l.length == 0 ? 0 : l[l.length / 2] / 1e6;
        double p95 = l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) Math.ceil(l.length * 0.95) - 1)] / 1e6;
        return String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %d | %d | %d |%n", callers, ok.get() / secs,
                4 * ok.get() / secs, p50, p95, ok.get(), busy.get(), failed.get());
    }

    private static float[] scale(float[] v, float f) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] * f;
        }
        return o;
    }

    /** {median, min} in ms. */
    static double[] time(Runnable r, int repeats, int warmup) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        double med = repeats % 2 == 1 ? t[repeats / 2] : (t[repeats / 2 - 1] + t[repeats / 2]) / 2;
        return new double[] {med, t[0]};
    }

    private static final int JVM_WARMUP_SECONDS = 8;

    /** A 12 MP phone or intraoral-camera photo and a 24 MP DSLR photo (the usual clinical camera with a macro lens
     * and ring flash), landscape; the app accepts up to 40 MP. */
    private static final int[][] CLINICAL_SIZES = {{4000, 3000}, {6000, 4000}};

    static byte[] jpeg(int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y += 16) {
            for (int x = 0; x < w; x += 16) {
                int c = (r.nextInt(256) << 16) | (r.nextInt(256) << 8) | r.nextInt(256);
                for (int yy = y; yy < Math.min(h, y + 16); yy++) {
                    for (int xx = x; xx < Math.min(w, x + 16); xx++) {
                        img.setRGB(xx, yy, c);
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    static double rssMb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static JsonNode python(Path bundle, int repeats, int warmup, int threads) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "src/test/resources/inference/python_benchmark_rss.py",
                "training", bundle.toString(), "--repeats", Integer.toString(repeats), "--warmup",
                Integer.toString(warmup), "--threads", Integer.toString(threads));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python benchmark failed:\n" + out);
        }
        String last = out.strip().lines().reduce((a, c) -> c).orElse("{}");
        return Json.MAPPER.readTree(last);
    }
}
