package com.ivpstudio.cluster;

import com.ivpstudio.common.LogSafeErrors;
import com.ivpstudio.inference.InferenceService;
import com.ivpstudio.inference.InferenceStats;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A node that is asked to stop (SIGTERM, a rolling restart) first stops looking ready — the load balancer's health
 * check on readiness then sends new work elsewhere —, tells its Vaadin users that it restarts, waits
 * {@code ivp.cluster.shutdown-grace} for the load balancer to notice and then until the inference work in flight
 * has finished (at most {@code ivp.cluster.drain-timeout}). Only then does the web server's graceful shutdown
 * (server.shutdown=graceful) finish the open requests and close. It stops first (the highest phase); the end of the
 * drain is announced ({@link NodeDrained}) while the database is still there.
 */
@Component
class GracefulDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulDrain.class);

    private final ApplicationEventPublisher events;
    private final ObjectProvider<InferenceService> inference;
    private final NodeHeartbeat heartbeat;
    private final Duration grace;
    private final Duration timeout;
    private volatile boolean running;

    GracefulDrain(ApplicationEventPublisher events, ObjectProvider<InferenceService> inference,
            NodeHeartbeat heartbeat, @Value("${ivp.cluster.shutdown-grace:0s}") Duration grace,
            @Value("${ivp.cluster.drain-timeout:30s}") Duration timeout) {
        this.events = events;
        this.inference = inference;
        this.heartbeat = heartbeat;
        this.grace = grace;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long t0 = System.nanoTime();
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        heartbeat.stopping();
        events.publishEvent(new NodeStopping());
        sleep(grace.toMillis());
        int left = inFlight();
        long deadline = System.nanoTime() + timeout.toNanos();
        int before = left;
        while (left > 0 && System.nanoTime() < deadline) {
            sleep(50);
            left = inFlight();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (left > 0) {
            log.warn("Shutting down with {} inference job(s) still running after {} ms (ivp.cluster.drain-timeout)",
                    left, ms);
        } else {
            log.info("Drained before shutdown in {} ms ({} inference job(s) were in flight)", ms, before);
        }
        try {
            events.publishEvent(new NodeDrained());
        } catch (RuntimeException e) {
            // the node stops all the same; what it could not release, the other nodes forget once its heartbeat is gone
            log.warn("Could not release what this node's screens hold", LogSafeErrors.withoutMessages(e));
        }
        heartbeat.stopped();
    }

    /** Jobs waiting for or running in the engine. */
    int inFlight() {
        InferenceService service = inference.getIfAvailable();
        if (service == null) {
            return 0;
        }
        InferenceStats.Snapshot s = service.stats().snapshot();
        return s.queueDepth() + s.runningBatches();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
