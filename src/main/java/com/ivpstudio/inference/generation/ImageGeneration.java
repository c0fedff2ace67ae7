package com.ivpstudio.inference.generation;

import com.github.benmanes.caffeine.cache.Cache;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.Hashing;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.bundle.LoadedBundle;
import com.ivpstudio.inference.render.Provenances;
import com.ivpstudio.inference.render.RenderPool;
import com.ivpstudio.inference.runtime.GeneratorBatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one request's {@link ImagePlan} on the bundle its caller holds: identical requests shared
 * ({@link SharedRequests}), rows through the {@link GeneratorBatcher} in chunks of its batch size (cancellation
 * checked and progress reported between chunks), PNGs on the {@link RenderPool}.
 */
public final class ImageGeneration {

    private final GeneratorBatcher batcher;
    private final RenderPool renderPool;
    private final SharedRequests shared;
    private final long timeoutMs;

    /** @param timeoutMs longest a request waits for its batch (or its twin) before answering "busy" */
    public ImageGeneration(GeneratorBatcher batcher, RenderPool renderPool, long cacheBytes, long timeoutMs) {
        this.batcher = batcher;
        this.renderPool = renderPool;
        this.shared = new SharedRequests(cacheBytes, timeoutMs);
        this.timeoutMs = timeoutMs;
    }

    public List<GeneratedImage> run(LoadedBundle b, String op, ImagePlan plan, OperationContext ctx) {
        batcher.enter();
        try {
            List<Provenance> provenances = new ArrayList<>(plan.specs().size());
            StringBuilder key = new StringBuilder();
            for (ImageSpec s : plan.specs()) {
                Provenance p = Provenances.of(b, op, plan.inputs(), s.view(), s.seed(), null, plan.psi(), s.alpha(),
                        s.k(), s.t(), s.mode(), plan.ood(), ctx);
                provenances.add(p);
                key.append(p.toJson()).append('\n');
            }
            // the provenances name everything drawn in, the patient code and the mark's word (the reader's language)
            // included, so an English and a German reader never get each other's images from the cache
            String requestKey = b.sha256() + ":" + Hashing.sha256(key.toString().getBytes(StandardCharsets.UTF_8));
            return shared.get(requestKey, ctx, () -> {
                float[][] out = generateRows(b, plan.specs().stream().map(ImageSpec::row).toList(), ctx, op);
                return renderPool.renderAll(b.manifest(), out, plan.specs().stream().map(ImageSpec::view).toList(),
                        provenances, ctx);
            });
        } finally {
            batcher.exit();
        }
    }

    /** Images [rows][3*R*R] through the batcher in chunks of maxBatch. */
    float[][] generateRows(LoadedBundle b, List<GeneratorBatcher.Row> rows, OperationContext ctx, String op) {
        int max = batcher.maxBatch();
        int chunks = (rows.size() + max - 1) / max;
        float[][] out = new float[rows.size()][];
        ctx.progress().progress(0, chunks, op);
        for (int c = 0; c < chunks; c++) {
            ctx.cancellation().throwIfCancelled();
            int from = c * max;
            int to = Math.min(rows.size(), from + max);
            float[][] part = Await.result(batcher.submit(b, rows.subList(from, to), false), timeoutMs);
            System.arraycopy(part, 0, out, from, part.length);
            ctx.progress().progress(c + 1, chunks, op);
        }
        return out;
    }

    /** The mapped latents w of rows (no synthesis), in one pass. */
    public float[][] map(LoadedBundle b, List<GeneratorBatcher.Row> rows) {
        return Await.result(batcher.submit(b, rows, true), timeoutMs);
    }

    public GeneratorBatcher batcher() {
        return batcher;
    }

    public RenderPool renderPool() {
        return renderPool;
    }

    public Cache<String, List<GeneratedImage>> imageCache() {
        return shared.cache();
    }

    public long cachedImageBytes() {
        return shared.cachedBytes();
    }

    public long sharedInFlight() {
        return shared.sharedInFlight();
    }
}
