package com.ivpstudio.inference.render;

import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.inference.Provenance;
import com.ivpstudio.inference.ViewKind;
import com.ivpstudio.inference.bundle.BundleManifest;
import com.ivpstudio.inference.engine.TaskFailures;
import com.ivpstudio.inference.pixels.GeneratorOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that turn model outputs into display PNGs: one rendering per core at a time (so many callers do not
 * starve libtorch's threads), and a request's images rendered side by side on those threads: a PNG took ≈ 6 ms
 * (≈ 3.5 ms since the separable resize and Huffman-only deflate), and four of them one after another were half of a
 * cached-embedding prediction.
 */
public final class RenderPool implements AutoCloseable {

    private final ExecutorService pool = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "ivp-png");
                t.setDaemon(true);
                return t;
            });

    /**
     * The PNGs of one request's generator outputs ([3,R,R] in [-1,1]), in order; a cancelled request stops before
     * its remaining images.
     */
    public List<GeneratedImage> renderAll(BundleManifest m, float[][] out, List<ViewKind> views,
            List<Provenance> provenances, OperationContext ctx) {
        int r = m.resolution();
        List<CompletableFuture<GeneratedImage>> parts = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            int at = i;
            parts.add(CompletableFuture.supplyAsync(() -> {
                ctx.cancellation().throwIfCancelled();
                // the mark names whom the provenance names (an interpolation's frames change patient midway)
                return draw(m, GeneratorOutput.toRgb(out[at], r), views.get(at), provenances.get(at));
            }, pool));
        }
        List<GeneratedImage> done = new ArrayList<>(out.length);
        try {
            for (CompletableFuture<GeneratedImage> part : parts) {
                done.add(part.join());
            }
        } catch (CompletionException e) {
            parts.forEach(f -> f.cancel(false));
            throw TaskFailures.unwrap(e);
        }
        return List.copyOf(done);
    }

    /** The PNG of one R×R RGB square, marked as its provenance says (word and patient code). */
    public GeneratedImage render(BundleManifest m, byte[] square, ViewKind view, Provenance p) {
        try {
            return CompletableFuture.supplyAsync(() -> draw(m, square, view, p), pool).join();
        } catch (CompletionException e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private static GeneratedImage draw(BundleManifest m, byte[] square, ViewKind view, Provenance p) {
        int r = m.resolution();
        int h = DisplayResize.displayHeight(r);
        int w = m.displayWidth(h);
        byte[] png = ImageRenderer.renderPng(square, r, w, h, SimulatedLabel.label(p), p);
        return new GeneratedImage(view, png, w, h, square, r, p);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
