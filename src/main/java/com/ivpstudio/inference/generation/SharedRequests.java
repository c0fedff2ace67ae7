package com.ivpstudio.inference.generation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.ivpstudio.inference.GeneratedImage;
import com.ivpstudio.inference.OperationCancelledException;
import com.ivpstudio.inference.OperationContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Identical requests computed once: finished results stay in a memory cache bounded by bytes, and a request whose
 * twin is still running waits for that one instead of starting a second computation. Keys are the bundle's sha256
 * plus the hash of every image's provenance, so the same key always means the same bytes.
 */
final class SharedRequests {

    private final Cache<String, List<GeneratedImage>> images;
    private final Map<String, CompletableFuture<List<GeneratedImage>>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong shared = new AtomicLong();
    private final long timeoutMs;

    SharedRequests(long cacheBytes, long timeoutMs) {
        this.images = Caffeine.newBuilder().maximumWeight(cacheBytes)
                .<String, List<GeneratedImage>>weigher((k, v) -> weight(v)).recordStats().build();
        this.timeoutMs = timeoutMs;
    }

    private static int weight(List<GeneratedImage> list) {
        long w = 64;
        for (GeneratedImage g : list) {
            w += g.png().length + (g.squareRgb() == null ? 0 : g.squareRgb().length) + 512;
        }
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    /** The cached result, else the running twin's, else {@code compute}'s (then cached and handed to twins). */
    List<GeneratedImage> get(String key, OperationContext ctx, Supplier<List<GeneratedImage>> compute) {
        List<GeneratedImage> cached = images.getIfPresent(key);
        if (cached != null) {
            ctx.progress().progress(1, 1, "cached");
            return cached;
        }
        CompletableFuture<List<GeneratedImage>> mine = new CompletableFuture<>();
        CompletableFuture<List<GeneratedImage>> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            shared.incrementAndGet();
            try {
                return Await.result(leader, timeoutMs);
            } catch (OperationCancelledException e) {
                ctx.cancellation().throwIfCancelled();
                mine = null; // the leader was cancelled, not us: compute ourselves
            }
        }
        try {
            List<GeneratedImage> result = compute.get();
            images.put(key, result);
            if (mine != null) {
                mine.complete(result);
            }
            return result;
        } catch (RuntimeException e) {
            if (mine != null) {
                mine.completeExceptionally(e);
            }
            throw e;
        } finally {
            if (mine != null) {
                inFlight.remove(key, mine);
            }
        }
    }

    Cache<String, List<GeneratedImage>> cache() {
        return images;
    }

    /** Bytes of PNGs (and squares) held in the cache. */
    long cachedBytes() {
        return images.policy().eviction().map(ev -> ev.weightedSize().orElse(0L)).orElse(0L);
    }

    long sharedInFlight() {
        return shared.get();
    }
}
