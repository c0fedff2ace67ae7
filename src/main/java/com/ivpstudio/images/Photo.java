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
     * Shorter side, in pixels, below which a front photo is warned about. CLIP-IVP's image encoder looks at
     * 224 × 224 px: a shorter side below that is enlarged before it is seen, so it adds no detail. Measured with the
     * demo model (FrontPhotoSizeIT): predictions stay as close to the full-size photo's as the model's own input
     * size allows (SSIM 0.98 down to 64 px, its encoder input) and drift below it; real-model bundles take 224.
     */
    public static final int USABLE_SHORT_SIDE = 224;

    /** Too small for usable predictions (the upload is still kept: the clinician decides). */
    public boolean isSmall() {
        return Math.min(width, height) < USABLE_SHORT_SIDE;
    }

    public String fileExtension() {
        return "image/png".equals(contentType) ? "png" : "jpg";
    }
}
