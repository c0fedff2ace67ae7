package com.ivpstudio.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A saved studio result on a case. {@code provenanceJson} is the full story (model id and sha256, operation,
 * inputs, seed, ψ, α/k/t, user, time, and every image's own provenance).
 */
public record Snapshot(long id, long caseId, String title, SnapshotKind kind, String operation, String bundleId,
        String bundleVersion, String bundleSha256, String provenanceJson, int imageCount, String createdBy,
        Instant createdAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The parameters that name the photo a result was made from, by operation: predicted views, nudges (also by
     * text), norm scaling, interpolation (its start photo). Text-prompt views name none: they come from no photo.
     */
    static final List<String> INPUT_PHOTO_KEYS = List.of("front_photo_id", "base_photo_id", "photo_id",
            "from_photo_id");

    /** The photo the images were made from (the first of {@link #INPUT_PHOTO_KEYS} present), if any. */
    public Optional<Long> inputPhotoId() {
        try {
            JsonNode parameters = JSON.readTree(provenanceJson).path("parameters");
            return INPUT_PHOTO_KEYS.stream().map(parameters::path).filter(JsonNode::isNumber).map(JsonNode::asLong)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The stored front photo a view set was predicted from ({@code parameters.front_photo_id}), if it names one. */
    public Optional<Long> frontPhotoId() {
        try {
            JsonNode id = JSON.readTree(provenanceJson).path("parameters").path("front_photo_id");
            return id.isNumber() ? Optional.of(id.asLong()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
