package com.ivpstudio.studio;

import com.ivpstudio.common.LogSafeErrors;
import com.ivpstudio.inference.CancellationToken;
import com.ivpstudio.inference.EngineBusyException;
import com.ivpstudio.inference.OperationCancelledException;
import com.ivpstudio.inference.OperationContext;
import com.ivpstudio.common.UserFacingException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The studio's bounded background executor: no inference runs on a UI thread. A job reports progress, can be
 * cancelled, and when the engine answers "busy" it waits with exponential backoff and tries again (telling the
 * listener) instead of failing or blocking the screen.
 */
@Component
public class StudioJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StudioJobs.class);
    static final long[] BACKOFF_MS = {500, 1000, 2000, 4000, 8000, 8000};

    /** What a job tells its screen; called on the worker thread (screens wrap it in ui.access). */
    public interface Listener<T> {
        void progress(int done, int total, String stage);

        void retrying(int attempt, long delayMs);

        void succeeded(T result);

        void failed(String message);

        void cancelled();
    }

    /** A running job. */
    public static final class Job {
        private final CancellationToken token = new CancellationToken();
        private Thread runner;
        private volatile boolean finished;

        /** Stops the job: before its start, in a backoff wait, or at the engine's next checkpoint. */
        public void cancel() {
            token.cancel();
            synchronized (this) {
                if (runner != null && !finished) {
                    runner.interrupt();
                }
            }
        }

        private synchronized void started() {
            runner = Thread.currentThread();
        }

        private synchronized void ended() {
            finished = true;
            runner = null;
            Thread.interrupted(); // leave the pool thread clean
        }

        public boolean isCancelled() {
            return token.isCancelled();
        }

        public boolean isFinished() {
            return finished;
        }
    }

    private final ThreadPoolExecutor executor;

    StudioJobs() {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32), r -> {
            Thread t = new Thread(r, "studio-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} in the background with progress, cancellation and busy retries. */
    public <T> Job submit(String patientCode, Function<OperationContext, T> work, Listener<T> listener) {
        Job job = new Job();
        OperationContext ctx = new OperationContext(patientCode, listener::progress, job.token);
        try {
            executor.execute(() -> {
                job.started();
                try {
                    run(job, ctx, work, listener);
                } finally {
                    job.ended();
                }
            });
        } catch (RejectedExecutionException e) {
            job.finished = true;
            throw new UserFacingException("The studio is busy with other work. Please try again in a moment.");
        }
        return job;
    }

    private <T> void run(Job job, OperationContext ctx, Function<OperationContext, T> work, Listener<T> listener) {
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    job.token.throwIfCancelled();
                    T result = work.apply(ctx);
                    job.token.throwIfCancelled();
                    job.finished = true;
                    listener.succeeded(result);
                    return;
                } catch (EngineBusyException busy) {
                    if (attempt >= BACKOFF_MS.length) {
                        throw busy;
                    }
                    long delay = BACKOFF_MS[attempt];
                    listener.retrying(attempt + 1, delay);
                    Thread.sleep(delay);
                }
            }
        } catch (OperationCancelledException | InterruptedException e) {
            job.finished = true;
            listener.cancelled();
        } catch (UserFacingException e) {
            job.finished = true;
            if (job.token.isCancelled()) {
                listener.cancelled();
            } else {
                listener.failed(e.getMessage());
            }
        } catch (RuntimeException e) {
            job.finished = true;
            String ref = Long.toHexString(System.nanoTime() & 0xffffffL);
            // type and stack only: messages can quote user input (prompts)
            log.error("Studio job failed, reference {}: {}", ref, e.getClass().getName(), LogSafeErrors.withoutMessages(e));
            listener.failed("Something went wrong (reference " + ref + "). Please try again.");
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
