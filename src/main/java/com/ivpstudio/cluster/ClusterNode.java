package com.ivpstudio.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * One app node as its last heartbeat described it.
 *
 * @param modelSha256 the bundle its engine serves, or null
 * @param queueDepth  inference work waiting or running on it
 * @param stopping    it is shutting down and finishing the work it has
 */
public record ClusterNode(String id, String host, Integer port, Instant startedAt, Instant lastSeen,
        String modelSha256, String modelLabel, String device, int queueDepth, String appVersion, boolean stopping) {

    /** Whether it spoke within {@code silence}: a node that stopped speaking is shown as not responding. */
    public boolean respondsWithin(Duration silence, Instant now) {
        return !lastSeen.plus(silence).isBefore(now);
    }

    /** "host:port". */
    public String address() {
        return port == null ? host : host + ":" + port;
    }
}
