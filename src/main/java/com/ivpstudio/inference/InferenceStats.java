package com.ivpstudio.inference;

import com.github.benmanes.caffeine.cache.Cache;
import com.ivpstudio.inference.runtime.GeneratorBatcher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Numbers for the admin status page: cache statistics, queue depth, batching, busy refusals and latency
 * percentiles of the last N operations per kind. Also published as Micrometer meters ({@code ivp.inference.*}).
 */
public final class InferenceStats {

    /** Statistics of one cache. */
    public record CacheSnapshot(long hits, long misses, double hitRate, long size, long weightBytes, long evictions) {
    }

    /** Latency of the last N operations of one kind, in milliseconds. */
    public record Latency(int count, double p50, double p95, double p99, double max) {
    }

    public record Snapshot(CacheSnapshot imageEmbeddings, CacheSnapshot textEmbeddings, CacheSnapshot images,
            long databaseEmbeddingHits, long computedEmbeddings, int queueDepth, int runningBatches, long batches,
            double meanBatchRows, long busyRefusals, long sharedInFlight, Map<String, Latency> latency) {
    }

    private final int window;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    final AtomicLong busyRefusals = new AtomicLong();
    private final MeterRegistry registry;
    private Supplier<Snapshot> source;

    InferenceStats(int window, MeterRegistry registry) {
        this.window = window;
        this.registry = registry;
    }

    void bind(Supplier<Snapshot> snapshotSource, GeneratorBatcher batcher, LongSupplier databaseHits,
            Map<String, Cache<?, ?>> caches) {
        this.source = snapshotSource;
        if (registry != null) {
            Gauge.builder("ivp.inference.queue.depth", batcher, GeneratorBatcher::queueDepth)
                    .description("generator jobs waiting").register(registry);
            Gauge.builder("ivp.inference.busy.refusals", busyRefusals, AtomicLong::get).register(registry);
            Gauge.builder("ivp.inference.embeddings.database.hits", databaseHits, LongSupplier::getAsLong)
                    .register(registry);
            caches.forEach((name, cache) -> CaffeineCacheMetrics.monitor(registry, cache, "ivp.inference." + name));
        }
    }

    /** Current numbers. */
    public Snapshot snapshot() {
        return source.get();
    }

    void record(String operation, long nanos) {
        rings.computeIfAbsent(operation, k -> new Ring(window)).add(nanos);
        if (registry != null) {
            timers.computeIfAbsent(operation, op -> Timer.builder("ivp.inference.operation").tag("operation", op)
                    .publishPercentiles(0.5, 0.95, 0.99).register(registry)).record(Duration.ofNanos(nanos));
        }
    }

    Map<String, Latency> latencies() {
        Map<String, Latency> m = new LinkedHashMap<>();
        rings.keySet().stream().sorted().forEach(k -> m.put(k, rings.get(k).latency()));
        return m;
    }

    static CacheSnapshot of(Cache<?, ?> c, long weight) {
        var s = c.stats();
        return new CacheSnapshot(s.hitCount(), s.missCount(), s.hitRate(), c.estimatedSize(), weight, s.evictionCount());
    }

    private static final class Ring {
        private final long[] values;
        private int next;
        private int count;

        Ring(int n) {
            values = new long[n];
        }

        synchronized void add(long v) {
            values[next] = v;
            next = (next + 1) % values.length;
            count = Math.min(count + 1, values.length);
        }

        synchronized Latency latency() {
            long[] v = Arrays.copyOf(values, count);
            Arrays.sort(v);
            if (count == 0) {
                return new Latency(0, 0, 0, 0, 0);
            }
            return new Latency(count, pct(v, 0.5), pct(v, 0.95), pct(v, 0.99), v[count - 1] / 1e6);
        }

        private static double pct(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }
}
