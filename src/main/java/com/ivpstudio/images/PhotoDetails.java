package com.ivpstudio.images;

import java.time.LocalDate;

/** What the clinician says about a photo being uploaded. */
public record PhotoDetails(PhotoKind kind, String label, LocalDate capturedOn, boolean synthetic) {

    public PhotoDetails {
        if (kind == null) {
            throw new IllegalArgumentException("kind");
        }
        label = label == null || label.isBlank() ? "initial" : label.trim();
        if (label.length() > 60) {
            label = label.substring(0, 60);
        }
        if (capturedOn == null) {
            capturedOn = LocalDate.now();
        }
    }
}
