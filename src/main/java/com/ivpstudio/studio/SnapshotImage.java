package com.ivpstudio.studio;

import java.util.Objects;

/**
 * One image of a snapshot, exactly as shown: a generated PNG (its provenance JSON from the engine) or, in a
 * comparison, the real photo (its provenance names the photo).
 *
 * @param view manifest view name (left/right/lower/upper/front) or null
 */
public record SnapshotImage(int position, String label, String view, String contentType, byte[] bytes,
        String provenanceJson) {

    public SnapshotImage {
        Objects.requireNonNull(label);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(bytes);
        Objects.requireNonNull(provenanceJson);
    }

    public String fileExtension() {
        return "image/png".equals(contentType) ? "png" : "jpg";
    }
}
