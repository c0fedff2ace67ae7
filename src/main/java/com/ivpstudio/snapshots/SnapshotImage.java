package com.ivpstudio.snapshots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ivpstudio.inference.GeneratedImage;
import java.util.Objects;

/**
 * One image of a snapshot, exactly as shown: a generated PNG (its provenance JSON from the engine) or, in a
 * comparison, the real photo (its provenance names the photo).
 *
 * @param view manifest view name (left/right/lower/upper/front) or null
 */
public record SnapshotImage(int position, String label, String view, String contentType, byte[] bytes,
        String provenanceJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SnapshotImage {
        Objects.requireNonNull(label);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(bytes);
        Objects.requireNonNull(provenanceJson);
    }

    /** A generated image (its engine provenance kept verbatim). */
    public static SnapshotImage generated(int position, String label, GeneratedImage g) {
        return new SnapshotImage(position, label, g.view() == null ? null : g.view().manifestName(), "image/png",
                g.png(), g.provenance().toJson());
    }

    /** A real photo shown next to generated ones (comparisons). */
    public static SnapshotImage photo(int position, String label, String view, long photoId, String photoSha256,
            String contentType, byte[] bytes) {
        ObjectNode p = JSON.createObjectNode();
        p.put("source", "photo");
        p.put("photo_id", photoId);
        p.put("sha256", photoSha256);
        return new SnapshotImage(position, label, view, contentType, bytes, p.toString());
    }

    /** Generated images carry the model's provenance; real photos do not. */
    public boolean isGenerated() {
        return provenanceJson.contains("\"bundleSha256\"");
    }

    public String fileExtension() {
        return "image/png".equals(contentType) ? "png" : "jpg";
    }
}
