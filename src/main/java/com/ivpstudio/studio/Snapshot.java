package com.ivpstudio.studio;

import java.time.Instant;

/**
 * A saved studio result on a case. {@code provenanceJson} is the full story (model id and sha256, operation,
 * inputs, seed, ψ, α/k/t, user, time, and every image's own provenance).
 */
public record Snapshot(long id, long caseId, String title, SnapshotKind kind, String operation, String bundleId,
        String bundleVersion, String bundleSha256, String provenanceJson, int imageCount, String createdBy,
        Instant createdAt) {
}
