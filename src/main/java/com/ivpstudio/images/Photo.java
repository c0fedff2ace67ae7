package com.ivpstudio.images;

import java.time.Instant;
import java.time.LocalDate;

/** A stored photo's description; the bytes are fetched separately. */
public record Photo(
        long id,
        long caseId,
        PhotoKind kind,
        String label,
        LocalDate capturedOn,
        String contentType,
        String sha256,
        int byteSize,
        int width,
        int height,
        boolean synthetic,
        String uploadedBy,
        Instant uploadedAt) {

    public String fileExtension() {
        return "image/png".equals(contentType) ? "png" : "jpg";
    }
}
