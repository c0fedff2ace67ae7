package com.ivpstudio.inference;

import com.ivpstudio.common.UserFacingException;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.comparison.ViewComparer;
import com.ivpstudio.inference.embeddings.Embedder;
import com.ivpstudio.inference.embeddings.EmbeddingStore;
import com.ivpstudio.inference.generation.ImageGeneration;
import com.ivpstudio.inference.generation.ImagePlan;
import com.ivpstudio.inference.generation.ImagePlans;
import com.ivpstudio.inference.generation.SpreadMaps;
import com.ivpstudio.inference.render.RenderPool;
import com.ivpstudio.inference.runtime.GeneratorBatcher;
import com.ivpstudio.inference.runtime.ModelRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operations under every studio screen. Each generating operation returns display PNGs (5:3, "SIMULATED"
 * mark, patient code, provenance in tEXt chunks) in a documented order, takes an {@link OperationContext}
 * (patient code, progress, cancellation: checked between batches) and may throw {@link EngineBusyException}
 * ("busy, try again"), {@link NoActiveModelException}, {@link ModelChangedException} or
 * {@link OperationCancelledException} — all {@link UserFacingException}s.
 *
 * <p>Every operation holds the active model once, from its inputs to its images: an {@link EmbeddingSource} that is
 * a {@link PhotoReference} is embedded by that same model, so a photo's views never meet a model switch half-way.
 *
 * <p>Same request → byte-identical PNG (z from the seed by the documented generator, const noise, deterministic
 * PNG writer). Embeddings are cached in memory (Caffeine) and in PostgreSQL, keyed by the bundle's sha256.
 */
public class InferenceService implements AutoCloseable {

    private final ModelRuntime runtime;
    private final EmbeddingStore embeddings;
    private final Embedder embedder;
    private final ImageGeneration generation;
    private final SpreadMaps spreads;
    private final InferenceStats stats;

    /** @param jdbc the database that keeps embeddings across restarts, or null to keep them in memory only */
    public InferenceService(ModelRuntime runtime, JdbcClient jdbc, InferenceProperties props,
            MeterRegistry registry) {
        this.runtime = runtime;
        this.embeddings = new EmbeddingStore(jdbc, props.imageEmbeddingCache(), props.textEmbeddingCache());
        this.embedder = new Embedder(embeddings);
        GeneratorBatcher batcher = new GeneratorBatcher(props.queueCapacity(), props.maxBatch(),
                props.maxDelayMicros(), props.workers());
        this.generation = new ImageGeneration(batcher, new RenderPool(), props.imageCacheBytes(),
                props.requestTimeoutMs());
        this.spreads = new SpreadMaps(generation);
        this.stats = new InferenceStats(props.latencyWindow(), registry);
        stats.bind(this::snapshot, batcher, embeddings::databaseHits, Map.of("image-embeddings",
                embeddings.imageCache(), "text-embeddings", embeddings.textCache(), "images", generation.imageCache()));
    }

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

    /** A deleted bundle's embeddings (stored rows with their prompts, cached vectors) are removed; returns rows. */
    public long forgetModel(String bundleSha256) {
        return embeddings.forget(bundleSha256);
    }

    // ------------------------------------------------------------------ embeddings

    /** κ of a photo (JPEG/PNG bytes, already EXIF-oriented). Cached by the photo's sha256. */
    public Embedding embedImage(byte[] photoBytes) {
        return embedPhoto(PhotoReference.of(photoBytes));
    }

    /** κ of a stored photo, cached by its sha256 (a cached embedding costs no read of the image). */
    public Embedding embedPhoto(PhotoReference photo) {
        return withModel("embed-image", b -> embedder.photo(b, photo));
    }

    /** κ of a text prompt (tokenised with the bundle's tokenizer). Cached by the normalised prompt. */
    public Embedding embedText(String prompt) {
        return withModel("embed-text", b -> embedder.text(b, prompt));
    }

    /**
     * How unlike the model's training photos a front photo is; empty when the model has no out-of-distribution
     * check or the source is not a photo (a prompt or a nudged embedding).
     */
    public Optional<OodScore> outOfDistribution(EmbeddingSource source) {
        return withModel("ood", b -> Optional.ofNullable(b.oodScore(embedder.resolve(b, source))));
    }

    // ------------------------------------------------------------------ generating operations

    /**
     * Views of an embedding: for each seed (outer loop), each requested view (inner, in the given order).
     * One request's views are one forward pass.
     */
    public List<GeneratedImage> predictViews(EmbeddingSource source, List<ViewKind> views, List<Long> seeds,
            Double psi, OperationContext ctx) {
        return generate("views", ctx, b -> ImagePlans.views(b, embedder.resolve(b, source), views, seeds, psi));
    }

    /** All four views of an embedding for one seed. */
    public List<GeneratedImage> predictViews(EmbeddingSource source, Sampling sampling, OperationContext ctx) {
        return predictViews(source, ViewKind.ALL, List.of(sampling.seed()), sampling.psi(), ctx);
    }

    /** κ_base + α(κ_after − κ_before) for each α (outer), four views each (class order). One batched job. */
    public List<GeneratedImage> nudge(EmbeddingSource base, EmbeddingSource before, EmbeddingSource after,
            double[] alphas, Sampling sampling, OperationContext ctx) {
        return generate("nudge", ctx, b -> ImagePlans.nudge(b, embedder.resolve(b, base),
                embedder.resolve(b, before), embedder.resolve(b, after), alphas, sampling));
    }

    /** The four views of a text prompt's embedding. */
    public List<GeneratedImage> textViews(String prompt, Sampling sampling, OperationContext ctx) {
        return generate("text-views", ctx, b -> ImagePlans.views(b, embedder.text(b, prompt), ViewKind.ALL,
                List.of(sampling.seed()), sampling.psi()));
    }

    /** A nudge whose direction is text: κ_base + α(κ(toPrompt) − κ(fromPrompt)); order as {@link #nudge}. */
    public List<GeneratedImage> textNudge(EmbeddingSource base, String fromPrompt, String toPrompt, double[] alphas,
            Sampling sampling, OperationContext ctx) {
        return generate("text-nudge", ctx, b -> ImagePlans.nudge(b, embedder.resolve(b, base),
                embedder.text(b, fromPrompt), embedder.text(b, toPrompt), alphas, sampling));
    }

    /** κ/‖κ‖ · k for each k (outer), four views each. */
    public List<GeneratedImage> normScale(EmbeddingSource source, double[] ks, Sampling sampling,
            OperationContext ctx) {
        return generate("norm-scale", ctx, b -> ImagePlans.normScale(b, embedder.resolve(b, source), ks, sampling));
    }

    /**
     * From a to b in {@code steps} steps (t = i/(steps−1), outer), four views each: slerp of κ, or lerp of the
     * mapped w (same z for both ends).
     */
    public List<GeneratedImage> interpolate(EmbeddingSource from, EmbeddingSource to, int steps,
            InterpolationMode mode, Sampling sampling, OperationContext ctx) {
        if (steps < 2 || steps > 64) {
            throw new UserFacingException("Choose between 2 and 64 interpolation steps.");
        }
        return generate("interpolate", ctx, b -> ImagePlans.interpolate(b, embedder.resolve(b, from),
                embedder.resolve(b, to), steps, mode, sampling, rows -> generation.map(b, rows)));
    }

    /**
     * The uncertainty of one view: per-pixel standard deviation over the seeds (pixel units, mean over RGB), as
     * raw floats and a heat-map PNG, plus the mean image.
     */
    public SpreadResult spread(EmbeddingSource source, ViewKind view, List<Long> seeds, Double psi,
            OperationContext ctx) {
        if (seeds.size() < 2) {
            throw new UserFacingException("The spread needs at least two seeds.");
        }
        return withModel("spread", b -> spreads.spread(b, embedder.resolve(b, source), view, seeds,
                ImagePlans.psi(b, psi), ctx));
    }

    /**
     * SSIM, PSNR and image-tower cosine of a predicted view vs the true photo of that view (the whole photo
     * squashed to R×R like training did).
     */
    public Comparison compare(GeneratedImage predicted, byte[] actualPhoto) {
        return withModel("compare", b -> ViewComparer.compare(b, predicted, actualPhoto));
    }

    // ------------------------------------------------------------------ one hold on the model per operation

    private List<GeneratedImage> generate(String op, OperationContext ctx, Function<LoadedBundle, ImagePlan> plan) {
        return withModel(op, b -> {
            ctx.cancellation().throwIfCancelled();
            return generation.run(b, op, plan.apply(b), ctx);
        });
    }

    /** Runs {@code work} on the active bundle, held (not closed by a model switch) until it returns. */
    private <T> T withModel(String op, Function<LoadedBundle, T> work) {
        long t0 = System.nanoTime();
        try (ModelRuntime.Lease lease = runtime.acquire()) {
            T result = work.apply(lease.bundle());
            stats.record(op, System.nanoTime() - t0);
            return result;
        } catch (EngineBusyException e) {
            stats.busyRefusals.incrementAndGet();
            throw e;
        }
    }

    private InferenceStats.Snapshot snapshot() {
        GeneratorBatcher batcher = generation.batcher();
        long b = batcher.batches();
        return new InferenceStats.Snapshot(InferenceStats.of(embeddings.imageCache(), 0),
                InferenceStats.of(embeddings.textCache(), 0),
                InferenceStats.of(generation.imageCache(), generation.cachedImageBytes()), embeddings.databaseHits(),
                embeddings.computed(), batcher.queueDepth(), batcher.running(), b,
                b == 0 ? 0 : (double) batcher.batchedRows() / b, stats.busyRefusals.get(), generation.sharedInFlight(),
                stats.latencies());
    }

    /** Drops the in-memory caches (tests and benchmarks: "cold" again; PostgreSQL keeps its rows). */
    void clearMemoryCaches() {
        embeddings.clearMemory();
        clearImageCache();
    }

    void clearImageCache() {
        generation.imageCache().invalidateAll();
    }

    GeneratorBatcher batcher() {
        return generation.batcher();
    }

    @Override
    public void close() {
        generation.batcher().close();
        generation.renderPool().close();
    }
}
