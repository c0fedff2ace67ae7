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

    /**
     * Shorter side, in pixels, below which a front photo gives visibly worse predictions (measured on the demo
     * cases: see CasePageBrowserIT#aFrontPhotoBelowTheUsableSizeChangesThePredictionsMeasurably and the report).
     */
    public static final int USABLE_SHORT_SIDE = 256;

    /** Too small for usable predictions (the upload is still kept: the clinician decides). */
    public boolean isSmall() {
        return Math.min(width, height) < USABLE_SHORT_SIDE;
    }

    public String fileExtension() {
        return "image/png".equals(contentType) ? "png" : "jpg";
    }
}
