package com.ivpstudio.inference.runtime;

import com.ivpstudio.inference.EngineBusyException;
import com.ivpstudio.inference.bundle.BundleManifest;
import com.ivpstudio.inference.bundle.LoadedBundle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small dynamic batcher in front of mapping + synthesis. A job is one request's rows (e.g. its four views);
 * workers take a job, wait up to {@code maxDelay} for more jobs of the same bundle while other callers are active,
 * up to {@code maxBatch} rows, and run them as one forward pass (mapping per ψ group, then one synthesis). The
 * queue is bounded: a full queue answers {@link EngineBusyException} at once.
 */
public final class GeneratorBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GeneratorBatcher.class);

    /** One image to generate: from κ (through mapping) or from a given w (synthesis only). */
    public record Row(float[] kappa, int viewIndex, float[] z, float psi, float[] w) {
        public static Row fromKappa(float[] kappa, int viewIndex, float[] z, float psi) {
            return new Row(kappa, viewIndex, z, psi, null);
        }

        public static Row fromW(float[] w) {
            return new Row(null, -1, null, 0, w);
        }
    }

    /** Mapping only: rows whose w is wanted instead of an image. */
    private static final class Job {
        final LoadedBundle bundle;
        final List<Row> rows;
        final boolean mappingOnly;
        final CompletableFuture<float[][]> result = new CompletableFuture<>();

        Job(LoadedBundle bundle, List<Row> rows, boolean mappingOnly) {
            this.bundle = bundle;
            this.rows = rows;
            this.mappingOnly = mappingOnly;
        }
    }

    private final BlockingQueue<Job> queue;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger activeCallers = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchedRows = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean stopped;

    public GeneratorBatcher(int queueCapacity, int maxBatch, long maxDelayMicros, int workerCount) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.maxDelayNanos = TimeUnit.MICROSECONDS.toNanos(maxDelayMicros);
        for (int i = 0; i < workerCount; i++) {
            Thread t = new Thread(this::work, "ivp-generator-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    public int maxBatch() {
        return maxBatch;
    }

    public int queueDepth() {
        return queue.size();
    }

    public int running() {
        return running.get();
    }

    public long batches() {
        return batches.get();
    }

    public long batchedRows() {
        return batchedRows.get();
    }

    long refused() {
        return refused.get();
    }

    /** Marks a caller as active (other callers' jobs are then worth waiting for). */
    public void enter() {
        activeCallers.incrementAndGet();
    }

    public void exit() {
        activeCallers.decrementAndGet();
    }

    /** Images [rows][3*R*R] (or w rows when {@code mappingOnly}); throws EngineBusyException when full. */
    public CompletableFuture<float[][]> submit(LoadedBundle bundle, List<Row> rows, boolean mappingOnly) {
        Job job = new Job(bundle, List.copyOf(rows), mappingOnly);
        if (stopped || !queue.offer(job)) {
            refused.incrementAndGet();
            throw new EngineBusyException();
        }
        return job.result;
    }

    private void work() {
        Job carry = null;
        while (!stopped) {
            try {
                Job first = carry != null ? carry : queue.poll(200, TimeUnit.MILLISECONDS);
                carry = null;
                if (first == null) {
                    continue;
                }
                List<Job> batch = new ArrayList<>();
                batch.add(first);
                int rows = first.rows.size();
                long deadline = System.nanoTime() + maxDelayNanos;
                while (rows < maxBatch && !first.mappingOnly) {
                    Job next = queue.poll();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || activeCallers.get() <= batch.size()) {
                            break;
                        }
                        next = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                    }
                    if (next.bundle != first.bundle || next.mappingOnly || rows + next.rows.size() > maxBatch) {
                        carry = next;
                        break;
                    }
                    batch.add(next);
                    rows += next.rows.size();
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Generator worker error", e);
            }
        }
    }

    private void run(List<Job> batch) {
        running.incrementAndGet();
        try {
            List<Row> all = new ArrayList<>();
            batch.forEach(j -> all.addAll(j.rows));
            LoadedBundle b = batch.get(0).bundle;
            float[][] out = batch.get(0).mappingOnly ? mapRows(b, all) : generate(b, all);
            batches.incrementAndGet();
            batchedRows.addAndGet(all.size());
            int at = 0;
            for (Job j : batch) {
                float[][] mine = new float[j.rows.size()][];
                System.arraycopy(out, at, mine, 0, mine.length);
                at += mine.length;
                j.result.complete(mine);
            }
        } catch (Throwable t) {
            batch.forEach(j -> j.result.completeExceptionally(t));
        } finally {
            running.decrementAndGet();
        }
    }

    /** w rows [n][num_ws*w_dim] for rows with κ (chunked by maxBatch, grouped by ψ). */
    private static float[][] mapRows(LoadedBundle b, List<Row> rows) {
        BundleManifest m = b.manifest();
        int wLen = m.numWs() * m.wDim();
        float[][] w = new float[rows.size()][];
        Map<Float, List<Integer>> byPsi = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).w() != null) {
                w[i] = rows.get(i).w();
            } else {
                byPsi.computeIfAbsent(rows.get(i).psi(), k -> new ArrayList<>()).add(i);
            }
        }
        int d = m.embeddingDim();
        int zd = m.zDim();
        for (Map.Entry<Float, List<Integer>> g : byPsi.entrySet()) {
            List<Integer> idx = g.getValue();
            int n = idx.size();
            float[] c = new float[n * 4];
            float[] k = new float[n * d];
            float[] z = new float[n * zd];
            for (int r = 0; r < n; r++) {
                Row row = rows.get(idx.get(r));
                c[r * 4 + row.viewIndex()] = 1f;
                System.arraycopy(row.kappa(), 0, k, r * d, d);
                System.arraycopy(row.z(), 0, z, r * zd, zd);
            }
            float[] out = b.map(c, k, z, g.getKey(), n);
            for (int r = 0; r < n; r++) {
                float[] one = new float[wLen];
                System.arraycopy(out, r * wLen, one, 0, wLen);
                w[idx.get(r)] = one;
            }
        }
        return w;
    }

    /** Images [n][3*R*R] in one synthesis call. */
    private static float[][] generate(LoadedBundle b, List<Row> rows) {
        float[][] w = mapRows(b, rows);
        int n = rows.size();
        int wLen = b.manifest().numWs() * b.manifest().wDim();
        float[] flat = new float[n * wLen];
        for (int i = 0; i < n; i++) {
            System.arraycopy(w[i], 0, flat, i * wLen, wLen);
        }
        return LoadedBundle.rows(b.synthesize(flat, n), n);
    }

    @Override
    public void close() {
        stopped = true;
        workers.forEach(Thread::interrupt);
        Job j;
        while ((j = queue.poll()) != null) {
            j.result.completeExceptionally(new EngineBusyException());
        }
    }
}
