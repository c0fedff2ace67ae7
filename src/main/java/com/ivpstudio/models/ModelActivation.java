package com.ivpstudio.models;

import java.time.Instant;

/**
 * One entry of the activation history.
 *
 * @param modelBundleId    the activated bundle (null once deleted)
 * @param previousBundleId the bundle that was active before (null for the first)
 * @param kind             ACTIVATE, ROLLBACK or INSTALL (registered and activated at first start)
 */
public record ModelActivation(long id, Long modelBundleId, Long previousBundleId, String manifestSha256, String label,
        String kind, String activatedBy, Instant activatedAt, Long durationMs) {
}
