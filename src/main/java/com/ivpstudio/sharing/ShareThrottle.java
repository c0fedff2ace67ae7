package com.ivpstudio.sharing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rate limits for the patient page (Bucket4j, in memory): token guesses per client, wrong passcodes per link and
 * per client. Each answers how long to wait, so the page can tell the patient.
 */
@Component
class ShareThrottle {

    private final Cache<String, Bucket> guesses = buckets();
    private final Cache<Long, Bucket> linkTries = buckets();
    private final Cache<String, Bucket> clientTries = buckets();
    private final Limit guessLimit;
    private final Limit linkLimit;
    private final Limit clientLimit;

    ShareThrottle(@Value("${ivp.sharing.guesses-per-client:20}") int guesses,
            @Value("${ivp.sharing.passcode-tries-per-link:5}") int perLink,
            @Value("${ivp.sharing.passcode-tries-per-client:10}") int perClient,
            @Value("${ivp.sharing.throttle-window:15m}") Duration window) {
        this.guessLimit = new Limit(guesses, window);
        this.linkLimit = new Limit(perLink, window);
        this.clientLimit = new Limit(perClient, window);
    }

    /** Zero when the client may look up a token; else how long until it may. */
    Duration guessWait(String client) {
        return wait(guesses.get(client, k -> guessLimit.bucket()));
    }

    /** An unknown, expired or revoked token was asked for. */
    void guessMissed(String client) {
        guesses.get(client, k -> guessLimit.bucket()).tryConsume(1);
    }

    /** Zero when a passcode may be tried on this link from this client; else how long until it may. */
    Duration passcodeWait(long linkId, String client) {
        Duration a = wait(linkTries.get(linkId, k -> linkLimit.bucket()));
        Duration b = wait(clientTries.get(client, k -> clientLimit.bucket()));
        return a.compareTo(b) >= 0 ? a : b;
    }

    void passcodeFailed(long linkId, String client) {
        linkTries.get(linkId, k -> linkLimit.bucket()).tryConsume(1);
        clientTries.get(client, k -> clientLimit.bucket()).tryConsume(1);
    }

    /** Tries left on this link before the wait starts. */
    long passcodeTriesLeft(long linkId, String client) {
        return Math.min(linkTries.get(linkId, k -> linkLimit.bucket()).getAvailableTokens(),
                clientTries.get(client, k -> clientLimit.bucket()).getAvailableTokens());
    }

    private static Duration wait(Bucket bucket) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private static <K> Cache<K, Bucket> buckets() {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(2)).build();
    }

    /** {@code count} tries, refilled gradually over {@code window}. */
    private record Limit(int count, Duration window) {
        Bucket bucket() {
            return Bucket.builder().addLimit(l -> l.capacity(count).refillGreedy(count, window)).build();
        }
    }
}
