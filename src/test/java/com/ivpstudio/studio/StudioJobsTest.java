package com.ivpstudio.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ivpstudio.inference.EngineBusyException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The studio's background jobs: busy → retry with backoff, cancel → cancelled, never on the caller's thread. */
class StudioJobsTest {

    final StudioJobs jobs = new StudioJobs();

    @AfterEach
    void close() {
        jobs.destroy();
    }

    static final class Recorder<T> implements StudioJobs.Listener<T> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch end = new CountDownLatch(1);
        volatile String thread;

        @Override
        public void progress(int done, int total, String stage) {
            events.add("progress " + done + "/" + total);
        }

        @Override
        public void retrying(int attempt, long delayMs) {
            events.add("retry " + attempt + " " + delayMs);
        }

        @Override
        public void succeeded(T result) {
            thread = Thread.currentThread().getName();
            events.add("ok " + result);
            end.countDown();
        }

        @Override
        public void failed(String message) {
            events.add("failed " + message);
            end.countDown();
        }

        @Override
        public void cancelled() {
            events.add("cancelled");
            end.countDown();
        }
    }

    @Test
    void aBusyEngineIsRetriedWithBackoffThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Recorder<String> r = new Recorder<>();
        jobs.submit("P-1", ctx -> {
            if (calls.incrementAndGet() < 3) {
                throw new EngineBusyException();
            }
            ctx.progress().progress(1, 1, "x");
            return "done";
        }, r);
        assertThat(r.end.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(r.events).containsExactly("retry 1 500", "retry 2 1000", "progress 1/1", "ok done");
        assertThat(r.thread).startsWith("studio-job-");
    }

    @Test
    void cancellingStopsARunningJob() throws Exception {
        Recorder<String> r = new Recorder<>();
        CountDownLatch running = new CountDownLatch(1);
        StudioJobs.Job job = jobs.submit(null, ctx -> {
            running.countDown();
            while (true) {
                ctx.cancellation().throwIfCancelled();
                Thread.onSpinWait();
            }
        }, r);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        job.cancel();
        assertThat(r.end.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.events).containsExactly("cancelled");
        assertThat(job.isFinished()).isTrue();
    }

    @Test
    void aResultThatArrivesAfterCancelIsDropped() throws Exception {
        Recorder<String> r = new Recorder<>();
        CountDownLatch go = new CountDownLatch(1);
        StudioJobs.Job[] job = new StudioJobs.Job[1];
        job[0] = jobs.submit(null, ctx -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "late";
        }, r);
        job[0].cancel();
        go.countDown();
        assertThat(r.end.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.events).containsExactly("cancelled");
    }

    @Test
    void unexpectedErrorsBecomeAPlainMessageWithAReference() throws Exception {
        Recorder<String> r = new Recorder<>();
        jobs.submit(null, ctx -> {
            throw new IllegalStateException("secret detail");
        }, r);
        assertThat(r.end.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(r.events).singleElement().asString().startsWith("failed Something went wrong (reference")
                .doesNotContain("secret");
    }
}
