package com.ivpstudio.inference.engine;

import com.ivpstudio.inference.EngineBusyException;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few long-lived threads on which every libtorch forward pass runs.
 *
 * <p>Why: libtorch's CPU kernels parallelise with OpenMP, and OpenMP keeps one spinning worker team per calling
 * thread. Forward passes from request threads and the batcher thread therefore ran on several teams that spun
 * against each other on the same cores (measured on 2 cores: the synthesis pass 1.5–2× slower on a second thread
 * than on the first). Grad mode and the intra-op thread count are thread-local in libtorch as well, so each engine
 * thread sets them once. On a CPU one engine thread using every core is the fastest arrangement; a GPU profits
 * from two (one copies while the other computes).
 */
final class EngineThreads {

    private static final int QUEUE_CAPACITY = 256;
    private static volatile EngineThreads shared;

    private final ThreadPoolExecutor executor;
    private final ThreadGroup group;
    private final int count;

    private EngineThreads(int count, int intraOpThreads) {
        this.count = count;
        this.group = new ThreadGroup("ivp-engine");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(group, () -> {
                        prepareThread(intraOpThreads);
                        r.run();
                    }, "ivp-engine-" + n.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
        executor.prestartAllCoreThreads();
    }

    /** Creates the shared engine threads once; later calls return the first configuration. */
    static synchronized EngineThreads start(int count, int intraOpThreads) {
        if (shared == null) {
            shared = new EngineThreads(Math.max(1, count), intraOpThreads);
        }
        return shared;
    }

    /** The shared engine threads (one thread with libtorch's defaults if nothing configured them). */
    static EngineThreads shared() {
        EngineThreads s = shared;
        return s != null ? s : start(1, 0);
    }

    int count() {
        return count;
    }

    /**
     * Runs {@code work} on an engine thread (at once when already on one) and waits for it. A task that waited
     * longer than {@code maxQueueMillis} for its turn is not run and answers busy, like a full queue.
     */
    <T> T run(Callable<T> work, long maxQueueMillis) {
        if (Thread.currentThread().getThreadGroup() == group) {
            return callDirect(work);
        }
        long queuedAt = System.nanoTime();
        Future<T> result;
        try {
            result = executor.submit(() -> {
                if (System.nanoTime() - queuedAt > TimeUnit.MILLISECONDS.toNanos(maxQueueMillis)) {
                    throw new EngineBusyException();
                }
                return work.call();
            });
        } catch (RejectedExecutionException e) {
            throw new EngineBusyException();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineBusyException();
        } catch (ExecutionException e) {
            throw TaskFailures.unwrap(e);
        }
    }

    private static <T> T callDirect(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void prepareThread(int intraOpThreads) {
        JniUtils.setGradMode(false);
        if (intraOpThreads > 0) {
            JniUtils.setNumThreads(intraOpThreads);
        }
    }
}
