package com.ivpstudio.inference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ivpstudio.images.PhotoService;
import com.ivpstudio.common.UserFacingException;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations under every studio screen. Each generating operation returns display PNGs (5:3, "SIMULATED"
 * mark, patient code, provenance in tEXt chunks) in a documented order, takes an {@link OperationContext}
 * (patient code, progress, cancellation: checked between batches) and may throw {@link EngineBusyException}
 * ("busy, try again"), {@link NoActiveModelException}, {@link ModelChangedException} or
 * {@link OperationCancelledException} — all {@link UserFacingException}s.
 *
 * <p>Same request → byte-identical PNG (z from the seed by the documented generator, const noise, deterministic
 * PNG writer). Embeddings are cached in memory (Caffeine) and in PostgreSQL, keyed by the bundle's sha256.
 */
public class InferenceService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InferenceService.class);
    static final int MAX_PROMPT_CHARS = 2000;

    private final ModelRuntime runtime;
    private final EmbeddingRepository repository;
    private final PhotoService photos;
    private final InferenceProperties props;
    private final GeneratorBatcher batcher;
    private final InferenceStats stats;
    private final Cache<String, float[]> imageEmbeddings;
    private final Cache<String, float[]> textEmbeddings;
    private final Cache<String, List<GeneratedImage>> images;
    private final Map<String, CompletableFuture<List<GeneratedImage>>> inFlight = new ConcurrentHashMap<>();

    InferenceService(ModelRuntime runtime, EmbeddingRepository repository, PhotoService photos,
            InferenceProperties props, MeterRegistry registry) {
        this.runtime = runtime;
        this.repository = repository;
        this.photos = photos;
        this.props = props;
        this.batcher = new GeneratorBatcher(props.queueCapacity(), props.maxBatch(), props.maxDelayMicros(),
                props.workers());
        this.imageEmbeddings = Caffeine.newBuilder().maximumSize(props.imageEmbeddingCache()).recordStats().build();
        this.textEmbeddings = Caffeine.newBuilder().maximumSize(props.textEmbeddingCache()).recordStats().build();
        this.images = Caffeine.newBuilder().maximumWeight(props.imageCacheBytes())
                .<String, List<GeneratedImage>>weigher((k, v) -> weight(v)).recordStats().build();
        this.stats = new InferenceStats(props.latencyWindow(), registry);
        stats.bind(this::snapshot, batcher, Map.of("image-embeddings", imageEmbeddings, "text-embeddings",
                textEmbeddings, "images", images));
    }

    private static int weight(List<GeneratedImage> list) {
        long w = 64;
        for (GeneratedImage g : list) {
            w += g.png().length + (g.squareRgb() == null ? 0 : g.squareRgb().length) + 512;
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    // ------------------------------------------------------------------ model

    /** The active model bundle holder (activate / current / deactivate). */
    public ModelRuntime runtime() {
        return runtime;
    }

    /** The active bundle, if any. */
    public Optional<BundleInfo> activeBundle() {
        return runtime.current();
    }

    public InferenceStats stats() {
        return stats;
    }

    // ------------------------------------------------------------------ embeddings

    /** κ of a photo (JPEG/PNG bytes, already EXIF-oriented, e.g. a stored photo). Cached by photo sha256. */
    public Embedding embedImage(byte[] photoBytes) {
        return embedPhotoBytes(Hashing.sha256(photoBytes), () -> photoBytes);
    }

    /**
     * κ of a stored photo (not audited as a view). Keyed by the sha256 recorded at upload (of the stored bytes),
     * so a cached embedding costs no read of the image from the database and no hashing.
     */
    public Embedding embedPhoto(long photoId) {
        if (photos == null) {
            throw new IllegalStateException("no photo service");
        }
        return embedPhotoBytes(photos.get(photoId).sha256(), () -> photos.imageBytes(photoId));
    }

    private Embedding embedPhotoBytes(String photoSha, Supplier<byte[]> photoBytes) {
        long t0 = System.nanoTime();
        try (ModelRuntime.Lease lease = runtime.acquire()) {
            LoadedBundle b = lease.bundle;
            float[] v = imageEmbeddings.get(b.sha256 + ":" + photoSha, k -> loadOrCompute(b,
                    EmbeddingRepository.Kind.IMAGE, photoSha, null, () -> encodePhoto(b, photoBytes.get())));
            stats.record("embed-image", System.nanoTime() - t0);
            return new Embedding(b.sha256, "photo:sha256:" + photoSha, v);
        } catch (EngineBusyException e) {
            stats.busyRefusals.incrementAndGet();
            throw e;
        }
    }

    /** κ of a text prompt (tokenised with the bundle's tokenizer). Cached by the normalised prompt. */
    public Embedding embedText(String prompt) {
        long t0 = System.nanoTime();
        String norm = normalisePrompt(prompt);
        try (ModelRuntime.Lease lease = runtime.acquire()) {
            LoadedBundle b = lease.bundle;
            String key = Hashing.sha256(norm.getBytes(StandardCharsets.UTF_8));
            float[] v = textEmbeddings.get(b.sha256 + ":" + key, k -> loadOrCompute(b, EmbeddingRepository.Kind.TEXT,
                    key, norm, () -> b.encodeTexts(b.tokenizer.encode(norm), 1)[0]));
            stats.record("embed-text", System.nanoTime() - t0);
            return new Embedding(b.sha256, "text:" + norm, v);
        } catch (EngineBusyException e) {
            stats.busyRefusals.incrementAndGet();
            throw e;
        }
    }

    /** Whitespace runs collapse to one space, ends trimmed; ASCII text lower-cased (the tokenizer does both). */
    static String normalisePrompt(String prompt) {
        if (prompt == null) {
            prompt = "";
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new UserFacingException("The text is too long (at most " + MAX_PROMPT_CHARS + " characters).");
        }
        String s = prompt.strip().replaceAll("\\s+", " ");
        boolean ascii = s.chars().allMatch(c -> c < 128);
        return ascii ? s.toLowerCase(java.util.Locale.ROOT) : s;
    }

    private float[] loadOrCompute(LoadedBundle b, EmbeddingRepository.Kind kind, String inputSha, String prompt,
            Supplier<float[]> compute) {
        if (repository != null) {
            try {
                Optional<float[]> stored = repository.find(b.sha256, kind, inputSha);
                if (stored.isPresent() && stored.get().length == b.manifest.embeddingDim()) {
                    stats.databaseHits.incrementAndGet();
                    return stored.get();
                }
            } catch (RuntimeException e) {
                log.warn("Embedding store read failed ({}); computing", e.toString());
            }
        }
        float[] v = compute.get();
        stats.computedEmbeddings.incrementAndGet();
        if (repository != null) {
            try {
                repository.save(b.sha256, kind, inputSha, prompt, v);
            } catch (RuntimeException e) {
                log.warn("Embedding store write failed ({})", e.toString());
            }
        }
        return v;
    }

    private static float[] encodePhoto(LoadedBundle b, byte[] bytes) {
        BufferedImage img = PhotoPixels.decode(bytes);
        int w = img.getWidth();
        int h = img.getHeight();
        return b.encodeImages(planes(img), 1, h, w)[0];
    }

    /** RGB planes [3,H,W] as unsigned bytes (fast path for the JPEG decoder's 3-byte BGR rasters). */
    static byte[] planes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        byte[] out = new byte[3 * n];
        if (img.getType() == BufferedImage.TYPE_3BYTE_BGR
                && img.getRaster().getDataBuffer() instanceof java.awt.image.DataBufferByte db
                && db.getNumBanks() == 1 && db.getData().length == 3 * n) {
            byte[] bgr = db.getData();
            for (int i = 0; i < n; i++) {
                out[i] = bgr[i * 3 + 2];
                out[n + i] = bgr[i * 3 + 1];
                out[2 * n + i] = bgr[i * 3];
            }
            return out;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int p = row[x];
                out[i] = (byte) (p >> 16);
                out[n + i] = (byte) (p >> 8);
                out[2 * n + i] = (byte) p;
            }
        }
        return out;
    }

    static byte[] rgbBytes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[px.length * 3];
        for (int i = 0; i < px.length; i++) {
            out[i * 3] = (byte) (px[i] >> 16);
            out[i * 3 + 1] = (byte) (px[i] >> 8);
            out[i * 3 + 2] = (byte) px[i];
        }
        return out;
    }

    // ------------------------------------------------------------------ generating operations

    /**
     * Views of an embedding: for each seed (outer loop), each requested view (inner, in the given order).
     * One request's views are one forward pass.
     */
    public List<GeneratedImage> predictViews(Embedding embedding, List<ViewKind> views, List<Long> seeds, Double psi,
            OperationContext ctx) {
        return run("views", ctx, b -> {
            requireSame(b, embedding);
            float p = psi(b, psi);
            List<Spec> specs = new ArrayList<>();
            for (long seed : seeds) {
                for (ViewKind v : views) {
                    specs.add(new Spec(GeneratorBatcher.Row.fromKappa(embedding.vector(), v.classIndex(),
                            ZFromSeed.z(seed, b.manifest.zDim()), p), v, seed, null, null, null, null));
                }
            }
            return new Plan(List.of(input(embedding)), p, specs);
        });
    }

    /** All four views of an embedding for one seed. */
    public List<GeneratedImage> predictViews(Embedding embedding, Sampling sampling, OperationContext ctx) {
        return predictViews(embedding, ViewKind.ALL, List.of(sampling.seed()), sampling.psi(), ctx);
    }

    /** κ_base + α(κ_after − κ_before) for each α (outer), four views each (class order). One batched job. */
    public List<GeneratedImage> nudge(Embedding base, Embedding before, Embedding after, double[] alphas,
            Sampling sampling, OperationContext ctx) {
        return nudge("nudge", base, before, after, alphas, sampling, ctx);
    }

    private List<GeneratedImage> nudge(String op, Embedding base, Embedding before, Embedding after, double[] alphas,
            Sampling sampling, OperationContext ctx) {
        return run(op, ctx, b -> {
            requireSame(b, base);
            requireSame(b, before);
            requireSame(b, after);
            float p = psi(b, sampling.psi());
            float[] z = ZFromSeed.z(sampling.seed(), b.manifest.zDim());
            List<Spec> specs = new ArrayList<>();
            for (double alpha : alphas) {
                float[] k = new float[base.dimension()];
                float a = (float) alpha;
                for (int i = 0; i < k.length; i++) {
                    k[i] = base.vector()[i] + a * (after.vector()[i] - before.vector()[i]);
                }
                for (ViewKind v : ViewKind.ALL) {
                    specs.add(new Spec(GeneratorBatcher.Row.fromKappa(k, v.classIndex(), z, p), v, sampling.seed(),
                            alpha, null, null, null));
                }
            }
            return new Plan(List.of(input(base), input(before), input(after)), p, specs);
        });
    }

    /** The four views of a text prompt's embedding. */
    public List<GeneratedImage> textViews(String prompt, Sampling sampling, OperationContext ctx) {
        Embedding e = embedText(prompt);
        return run("text-views", ctx, b -> {
            requireSame(b, e);
            float p = psi(b, sampling.psi());
            float[] z = ZFromSeed.z(sampling.seed(), b.manifest.zDim());
            List<Spec> specs = new ArrayList<>();
            for (ViewKind v : ViewKind.ALL) {
                specs.add(new Spec(GeneratorBatcher.Row.fromKappa(e.vector(), v.classIndex(), z, p), v,
                        sampling.seed(), null, null, null, null));
            }
            return new Plan(List.of(input(e)), p, specs);
        });
    }

    /** A nudge whose direction is text: κ_base + α(κ(toPrompt) − κ(fromPrompt)); order as {@link #nudge}. */
    public List<GeneratedImage> textNudge(Embedding base, String fromPrompt, String toPrompt, double[] alphas,
            Sampling sampling, OperationContext ctx) {
        Embedding before = embedText(fromPrompt);
        Embedding after = embedText(toPrompt);
        return nudge("text-nudge", base, before, after, alphas, sampling, ctx);
    }

    /** κ/‖κ‖ · k for each k (outer), four views each. */
    public List<GeneratedImage> normScale(Embedding embedding, double[] ks, Sampling sampling, OperationContext ctx) {
        return run("norm-scale", ctx, b -> {
            requireSame(b, embedding);
            float p = psi(b, sampling.psi());
            float[] z = ZFromSeed.z(sampling.seed(), b.manifest.zDim());
            double norm = Math.max(embedding.norm(), 1e-12);
            List<Spec> specs = new ArrayList<>();
            for (double kk : ks) {
                float[] k = new float[embedding.dimension()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = (float) (embedding.vector()[i] / norm * kk);
                }
                for (ViewKind v : ViewKind.ALL) {
                    specs.add(new Spec(GeneratorBatcher.Row.fromKappa(k, v.classIndex(), z, p), v, sampling.seed(),
                            null, kk, null, null));
                }
            }
            return new Plan(List.of(input(embedding)), p, specs);
        });
    }

    /**
     * From a to b in {@code steps} steps (t = i/(steps−1), outer), four views each: slerp of κ, or lerp of the
     * mapped w (same z for both ends).
     */
    public List<GeneratedImage> interpolate(Embedding a, Embedding bEmb, int steps, InterpolationMode mode,
            Sampling sampling, OperationContext ctx) {
        if (steps < 2 || steps > 64) {
            throw new UserFacingException("Choose between 2 and 64 interpolation steps.");
        }
        return run("interpolate", ctx, b -> {
            requireSame(b, a);
            requireSame(b, bEmb);
            float p = psi(b, sampling.psi());
            float[] z = ZFromSeed.z(sampling.seed(), b.manifest.zDim());
            List<Spec> specs = new ArrayList<>();
            float[][] wa = null;
            float[][] wb = null;
            if (mode == InterpolationMode.LERP_W) {
                List<GeneratorBatcher.Row> ends = new ArrayList<>();
                for (ViewKind v : ViewKind.ALL) {
                    ends.add(GeneratorBatcher.Row.fromKappa(a.vector(), v.classIndex(), z, p));
                }
                for (ViewKind v : ViewKind.ALL) {
                    ends.add(GeneratorBatcher.Row.fromKappa(bEmb.vector(), v.classIndex(), z, p));
                }
                float[][] w = await(batcher.submit(b, ends, true));
                wa = new float[][] {w[0], w[1], w[2], w[3]};
                wb = new float[][] {w[4], w[5], w[6], w[7]};
            }
            for (int s = 0; s < steps; s++) {
                double t = (double) s / (steps - 1);
                float[] k = mode == InterpolationMode.SLERP_EMBEDDING ? slerp(a.vector(), bEmb.vector(), t) : null;
                for (ViewKind v : ViewKind.ALL) {
                    GeneratorBatcher.Row row;
                    if (k != null) {
                        row = GeneratorBatcher.Row.fromKappa(k, v.classIndex(), z, p);
                    } else {
                        float[] w = new float[wa[v.ordinal()].length];
                        for (int i = 0; i < w.length; i++) {
                            w[i] = (float) ((1 - t) * wa[v.ordinal()][i] + t * wb[v.ordinal()][i]);
                        }
                        row = GeneratorBatcher.Row.fromW(w);
                    }
                    specs.add(new Spec(row, v, sampling.seed(), null, null, t, mode.name()));
                }
            }
            return new Plan(List.of(input(a), input(bEmb)), p, specs);
        });
    }

    static float[] slerp(float[] a, float[] b, double t) {
        double na = 0, nb = 0, dot = 0;
        for (int i = 0; i < a.length; i++) {
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            dot += (double) a[i] * b[i];
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        double cos = Math.max(-1, Math.min(1, dot / Math.max(na * nb, 1e-12)));
        double omega = Math.acos(cos);
        float[] out = new float[a.length];
        if (omega < 1e-6) {
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) ((1 - t) * a[i] + t * b[i]);
            }
            return out;
        }
        double s = Math.sin(omega);
        double ca = Math.sin((1 - t) * omega) / s;
        double cb = Math.sin(t * omega) / s;
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (ca * a[i] + cb * b[i]);
        }
        return out;
    }

    /**
     * The uncertainty of one view: per-pixel standard deviation over the seeds (pixel units, mean over RGB), as
     * raw floats and a heat-map PNG, plus the mean image.
     */
    public SpreadResult spread(Embedding embedding, ViewKind view, List<Long> seeds, Double psi, OperationContext ctx) {
        if (seeds.size() < 2) {
            throw new UserFacingException("The spread needs at least two seeds.");
        }
        long t0 = System.nanoTime();
        try (ModelRuntime.Lease lease = runtime.acquire()) {
            LoadedBundle b = lease.bundle;
            requireSame(b, embedding);
            float p = psi(b, psi);
            List<GeneratorBatcher.Row> rows = new ArrayList<>();
            for (long seed : seeds) {
                rows.add(GeneratorBatcher.Row.fromKappa(embedding.vector(), view.classIndex(),
                        ZFromSeed.z(seed, b.manifest.zDim()), p));
            }
            float[][] out = generateRows(b, rows, ctx, "spread");
            int r = b.manifest.resolution();
            int n = r * r;
            double[] sum = new double[3 * n];
            double[] sq = new double[3 * n];
            for (float[] img : out) {
                for (int i = 0; i < 3 * n; i++) {
                    double v = (img[i] + 1.0) * 127.5;
                    sum[i] += v;
                    sq[i] += v * v;
                }
            }
            int k = out.length;
            float[] std = new float[n];
            float[] meanChw = new float[3 * n];
            double maxStd = 0, meanStd = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < 3; c++) {
                    int j = c * n + i;
                    double m = sum[j] / k;
                    meanChw[j] = (float) (m / 127.5 - 1.0);
                    s += Math.sqrt(Math.max(0, sq[j] / k - m * m));
                }
                std[i] = (float) (s / 3);
                maxStd = Math.max(maxStd, std[i]);
                meanStd += std[i];
            }
            meanStd /= n;
            byte[] heat = new byte[n * 3];
            for (int i = 0; i < n; i++) {
                int rgb = ImageRenderer.heat(maxStd > 0 ? std[i] / maxStd : 0);
                heat[i * 3] = (byte) (rgb >> 16);
                heat[i * 3 + 1] = (byte) (rgb >> 8);
                heat[i * 3 + 2] = (byte) rgb;
            }
            List<String> inputs = List.of(input(embedding));
            Provenance ph = provenance(b, "spread", inputs, view, null, seeds, p, null, null, null, "std-heat-map", ctx);
            Provenance pm = provenance(b, "spread", inputs, view, null, seeds, p, null, null, null, "mean", ctx);
            GeneratedImage heatImg = render(b, heat, view, ph, ctx.patientCode());
            GeneratedImage meanImg = render(b, ImageRenderer.toRgb(meanChw, r), view, pm, ctx.patientCode());
            stats.record("spread", System.nanoTime() - t0);
            return new SpreadResult(heatImg, meanImg, std, r, meanStd, maxStd);
        } catch (EngineBusyException e) {
            stats.busyRefusals.incrementAndGet();
            throw e;
        }
    }

    /**
     * SSIM, PSNR and image-tower cosine of a predicted view vs the true photo of that view (the whole photo
     * squashed to R×R like training did).
     */
    public Comparison compare(GeneratedImage predicted, byte[] actualPhoto) {
        long t0 = System.nanoTime();
        try (ModelRuntime.Lease lease = runtime.acquire()) {
            LoadedBundle b = lease.bundle;
            if (!b.sha256.equals(predicted.provenance().bundleSha256()) || predicted.squareRgb() == null) {
                throw new ModelChangedException();
            }
            int r = b.manifest.resolution();
            BufferedImage actual = PhotoPixels.decode(actualPhoto);
            byte[] actualSquare = ImageRenderer.squash(rgbBytes(actual), actual.getWidth(), actual.getHeight(), r, r);
            byte[] pred = predicted.squareRgb();
            double ssim = ImageMetrics.ssim(pred, actualSquare, r, r);
            double psnr = ImageMetrics.psnr(pred, actualSquare);
            byte[] both = new byte[2 * 3 * r * r];
            int n = r * r;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    both[c * n + i] = pred[i * 3 + c];
                    both[3 * n + c * n + i] = actualSquare[i * 3 + c];
                }
            }
            float[][] f = b.encodeImages(both, 2, r, r);
            stats.record("compare", System.nanoTime() - t0);
            return new Comparison(ssim, psnr, ImageMetrics.cosine(f[0], f[1]), r);
        }
    }

    // ------------------------------------------------------------------ engine plumbing

    /** One image to make: its row and the provenance fields that vary per image. */
    private record Spec(GeneratorBatcher.Row row, ViewKind view, Long seed, Double alpha, Double k, Double t,
            String mode) {
    }

    private record Plan(List<String> inputs, float psi, List<Spec> specs) {
    }

    @FunctionalInterface
    private interface Planner {
        Plan plan(LoadedBundle bundle);
    }

    private List<GeneratedImage> run(String op, OperationContext ctx, Planner planner) {
        long t0 = System.nanoTime();
        try (ModelRuntime.Lease lease = runtime.acquire()) {
            LoadedBundle b = lease.bundle;
            ctx.cancellation().throwIfCancelled();
            batcher.enter();
            try {
                Plan plan = planner.plan(b);
                List<Provenance> provs = new ArrayList<>(plan.specs().size());
                StringBuilder key = new StringBuilder();
                for (Spec s : plan.specs()) {
                    Provenance p = provenance(b, op, plan.inputs(), s.view(), s.seed(), null, plan.psi(), s.alpha(),
                            s.k(), s.t(), s.mode(), ctx);
                    provs.add(p);
                    key.append(p.toJson()).append('\n');
                }
                String requestKey = b.sha256 + ":" + Hashing.sha256(key.toString().getBytes(StandardCharsets.UTF_8));
                List<GeneratedImage> cached = images.getIfPresent(requestKey);
                if (cached != null) {
                    ctx.progress().progress(1, 1, "cached");
                    stats.record(op, System.nanoTime() - t0);
                    return cached;
                }
                CompletableFuture<List<GeneratedImage>> mine = new CompletableFuture<>();
                CompletableFuture<List<GeneratedImage>> leader = inFlight.putIfAbsent(requestKey, mine);
                if (leader != null) {
                    stats.sharedInFlight.incrementAndGet();
                    try {
                        List<GeneratedImage> shared = awaitShared(leader);
                        stats.record(op, System.nanoTime() - t0);
                        return shared;
                    } catch (OperationCancelledException e) {
                        ctx.cancellation().throwIfCancelled();
                        mine = null; // the leader was cancelled, not us: compute ourselves
                    }
                }
                try {
                    List<GeneratorBatcher.Row> rows = plan.specs().stream().map(Spec::row).toList();
                    float[][] out = generateRows(b, rows, ctx, op);
                    List<GeneratedImage> result = renderAll(b, out, plan.specs(), provs, ctx);
                    images.put(requestKey, result);
                    if (mine != null) {
                        mine.complete(result);
                    }
                    stats.record(op, System.nanoTime() - t0);
                    return result;
                } catch (RuntimeException e) {
                    if (mine != null) {
                        mine.completeExceptionally(e);
                    }
                    throw e;
                } finally {
                    if (mine != null) {
                        inFlight.remove(requestKey, mine);
                    }
                }
            } finally {
                batcher.exit();
            }
        } catch (EngineBusyException e) {
            stats.busyRefusals.incrementAndGet();
            throw e;
        }
    }

    /** Rows through the batcher in chunks of maxBatch; cancellation checked and progress reported between them. */
    private float[][] generateRows(LoadedBundle b, List<GeneratorBatcher.Row> rows, OperationContext ctx, String op) {
        int max = batcher.maxBatch();
        int chunks = (rows.size() + max - 1) / max;
        float[][] out = new float[rows.size()][];
        ctx.progress().progress(0, chunks, op);
        for (int c = 0; c < chunks; c++) {
            ctx.cancellation().throwIfCancelled();
            int from = c * max;
            int to = Math.min(rows.size(), from + max);
            float[][] part = await(batcher.submit(b, rows.subList(from, to), false));
            System.arraycopy(part, 0, out, from, part.length);
            ctx.progress().progress(c + 1, chunks, op);
        }
        return out;
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(props.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineBusyException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException();
        } catch (ExecutionException e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private List<GeneratedImage> awaitShared(CompletableFuture<List<GeneratedImage>> f) {
        try {
            return await(f);
        } catch (CancellationException e) {
            throw new OperationCancelledException();
        }
    }

    /**
     * One PNG rendering per core at a time (so many callers do not starve libtorch's threads), and a request's
     * images rendered side by side on those threads: a PNG took ≈ 6 ms (≈ 3.5 ms since the separable resize and
     * Huffman-only deflate), and four of them one after another were half of a cached-embedding prediction.
     */
    private final java.util.concurrent.ExecutorService renderPool = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "ivp-png");
                t.setDaemon(true);
                return t;
            });

    /** The PNGs of one request, in order; a cancelled request stops before its remaining images. */
    private List<GeneratedImage> renderAll(LoadedBundle b, float[][] out, List<Spec> specs, List<Provenance> provs,
            OperationContext ctx) {
        int r = b.manifest.resolution();
        List<CompletableFuture<GeneratedImage>> parts = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            int at = i;
            parts.add(CompletableFuture.supplyAsync(() -> {
                ctx.cancellation().throwIfCancelled();
                return draw(b, ImageRenderer.toRgb(out[at], r), specs.get(at).view(), provs.get(at), ctx.patientCode());
            }, renderPool));
        }
        List<GeneratedImage> done = new ArrayList<>(out.length);
        try {
            for (CompletableFuture<GeneratedImage> part : parts) {
                done.add(part.join());
            }
        } catch (java.util.concurrent.CompletionException e) {
            parts.forEach(f -> f.cancel(false));
            throw TaskFailures.unwrap(e);
        }
        return List.copyOf(done);
    }

    private GeneratedImage render(LoadedBundle b, byte[] square, ViewKind view, Provenance p, String patientCode) {
        try {
            return CompletableFuture.supplyAsync(() -> draw(b, square, view, p, patientCode), renderPool).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private static GeneratedImage draw(LoadedBundle b, byte[] square, ViewKind view, Provenance p, String patientCode) {
        int r = b.manifest.resolution();
        int h = ImageRenderer.displayHeight(r);
        int w = b.manifest.displayWidth(h);
        byte[] png = ImageRenderer.renderPng(square, r, w, h, ImageRenderer.label(patientCode), p);
        return new GeneratedImage(view, png, w, h, square, r, p);
    }

    private static Provenance provenance(LoadedBundle b, String op, List<String> inputs, ViewKind view, Long seed,
            List<Long> seeds, float psi, Double alpha, Double k, Double t, String mode, OperationContext ctx) {
        // ψ as the shortest decimal of the float the model used (0.7, not 0.699999988079071)
        return new Provenance(b.manifest.id(), b.manifest.version(), b.sha256, op, inputs,
                view == null ? null : view.manifestName(), seed, seeds, Double.parseDouble(Float.toString(psi)), alpha,
                k, t, mode, ctx.patientCode(),
                ImageRenderer.VERSION);
    }

    private static String input(Embedding e) {
        String s = e.source();
        return s.startsWith("photo:") || s.startsWith("text:") ? s : "embedding:sha256:" + e.sha256();
    }

    private static float psi(LoadedBundle b, Double psi) {
        double p = psi == null ? b.manifest.defaultPsi() : psi;
        if (Double.isNaN(p) || p < 0 || p > 2) {
            throw new UserFacingException("ψ must be between 0 and 2.");
        }
        return (float) p;
    }

    private static void requireSame(LoadedBundle b, Embedding e) {
        if (!b.sha256.equals(e.bundleSha256()) || e.dimension() != b.manifest.embeddingDim()) {
            throw new ModelChangedException();
        }
    }

    private InferenceStats.Snapshot snapshot() {
        long b = batcher.batches();
        long pngBytes = images.policy().eviction().map(ev -> ev.weightedSize().orElse(0L)).orElse(0L);
        return new InferenceStats.Snapshot(InferenceStats.of(imageEmbeddings, 0), InferenceStats.of(textEmbeddings, 0),
                InferenceStats.of(images, pngBytes), stats.databaseHits.get(), stats.computedEmbeddings.get(),
                batcher.queueDepth(), batcher.running(), b, b == 0 ? 0 : (double) batcher.batchedRows() / b,
                stats.busyRefusals.get(), stats.sharedInFlight.get(), stats.latencies());
    }

    /** Drops the in-memory caches (tests and benchmarks: "cold" again; PostgreSQL keeps its rows). */
    void clearMemoryCaches() {
        imageEmbeddings.invalidateAll();
        textEmbeddings.invalidateAll();
        images.invalidateAll();
    }

    GeneratorBatcher batcher() {
        return batcher;
    }

    void clearImageCache() {
        images.invalidateAll();
    }

    @Override
    public void close() {
        batcher.close();
        renderPool.shutdownNow();
    }
}
