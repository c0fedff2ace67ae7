package com.ivpstudio.models;

import java.time.Instant;

/**
 * One registered model bundle.
 *
 * @param bundleId       the manifest id
 * @param manifestSha256 sha256 of manifest.json: the bundle's identity (it pins every file's sha256)
 * @param archiveSha256  sha256 of the uploaded zip, or null when the bundle came from a folder
 * @param source         UPLOAD or DEMO
 * @param manifestJson   the manifest (for the evaluation metrics)
 * @param flag           why the start-up sweep found that the registry would now refuse it, or null
 */
public record ModelBundle(long id, String bundleId, String name, String version, String manifestSha256,
        String archiveSha256, long sizeBytes, boolean synthetic, String source, ModelStatus status,
        String manifestJson, String uploadedBy, Instant uploadedAt, Instant retiredAt, Flag flag) {

    /** A stored bundle that would now be refused: kept, shown to the administrator, not activated. */
    public record Flag(RefusalReason reason, String message, Instant flaggedAt) {
    }

    /** "name version". */
    public String label() {
        return name + " " + version;
    }

    public String shortSha() {
        return manifestSha256.substring(0, 12);
    }

    public boolean flagged() {
        return flag != null;
    }
}
