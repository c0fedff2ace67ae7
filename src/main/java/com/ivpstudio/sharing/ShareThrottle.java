package com.ivpstudio.sharing;

import com.ivpstudio.database.AdvisoryLock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rate limits for the patient page: token guesses per client, wrong passcodes per link and per client. The buckets
 * live in PostgreSQL ({@link ShareThrottleRepository}) so that the limits hold for the whole installation: kept in
 * each node's memory, two nodes behind a load balancer would allow twice the guesses. Each answers how long to
 * wait, so the page can tell the patient.
 */
@Component
class ShareThrottle {

    private static final Logger log = LoggerFactory.getLogger(ShareThrottle.class);

    private final ShareThrottleRepository buckets;
    private final AdvisoryLock locks;
    private final Limit guessLimit;
    private final Limit linkLimit;
    private final Limit clientLimit;

    ShareThrottle(ShareThrottleRepository buckets, AdvisoryLock locks,
            @Value("${ivp.sharing.guesses-per-client:20}") int guesses,
            @Value("${ivp.sharing.passcode-tries-per-link:5}") int perLink,
            @Value("${ivp.sharing.passcode-tries-per-client:10}") int perClient,
            @Value("${ivp.sharing.throttle-window:15m}") Duration window) {
        this.buckets = buckets;
        this.locks = locks;
        this.guessLimit = new Limit("guess", guesses, window);
        this.linkLimit = new Limit("link", perLink, window);
        this.clientLimit = new Limit("client", perClient, window);
    }

    /** Zero when the client may look up a token; else how long until it may. */
    Duration guessWait(String client) {
        return wait(guessLimit, client);
    }

    /** An unknown, expired or revoked token was asked for. */
    void guessMissed(String client) {
        consume(guessLimit, client);
    }

    /** Zero when a passcode may be tried on this link from this client; else how long until it may. */
    Duration passcodeWait(long linkId, String client) {
        Duration a = wait(linkLimit, Long.toString(linkId));
        Duration b = wait(clientLimit, client);
        return a.compareTo(b) >= 0 ? a : b;
    }

    void passcodeFailed(long linkId, String client) {
        consume(linkLimit, Long.toString(linkId));
        consume(clientLimit, client);
    }

    /** Tries left on this link before the wait starts. */
    long passcodeTriesLeft(long linkId, String client) {
        return (long) Math.floor(Math.min(available(linkLimit, Long.toString(linkId)), available(clientLimit, client)));
    }

    /** Full buckets need no row; one node clears them (the table would otherwise grow with every client seen). */
    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void forgetFullBuckets() {
        locks.ifFree("share-throttle-cleanup", () -> {
            int n = buckets.deleteFullAfter(guessLimit.window());
            log.debug("Forgot {} full patient-link throttle buckets", n);
        });
    }

    private Duration wait(Limit limit, String key) {
        double tokens = available(limit, key);
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        double seconds = (1 - tokens) * limit.window().toNanos() / 1e9 / limit.count();
        return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
    }

    private double available(Limit limit, String key) {
        return buckets.available(limit.bucket(key), limit.count(), limit.window());
    }

    private void consume(Limit limit, String key) {
        buckets.consume(limit.bucket(key), limit.count(), limit.window());
    }

    /** {@code count} tries, refilled gradually over {@code window}. */
    private record Limit(String kind, int count, Duration window) {
        /** The bucket's row key: a hash, so no client address is stored. */
        String bucket(String key) {
            return ShareTokens.hash(kind + "|" + key);
        }
    }
}
