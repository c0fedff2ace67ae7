package com.ivpstudio.inference;

import java.util.Objects;

/**
 * Per-call settings that do not change the pixels' content: the patient code drawn on the images (may be null),
 * the progress listener and the cancellation token.
 */
public record OperationContext(String patientCode, ProgressListener progress, CancellationToken cancellation) {

    public OperationContext {
        progress = Objects.requireNonNullElse(progress, ProgressListener.NONE);
        cancellation = Objects.requireNonNullElse(cancellation, CancellationToken.NONE);
        if (patientCode != null && patientCode.isBlank()) {
            patientCode = null;
        }
    }

    public static OperationContext none() {
        return new OperationContext(null, null, null);
    }

    public static OperationContext forPatient(String patientCode) {
        return new OperationContext(patientCode, null, null);
    }

    public OperationContext withProgress(ProgressListener listener) {
        return new OperationContext(patientCode, listener, cancellation);
    }

    public OperationContext withCancellation(CancellationToken token) {
        return new OperationContext(patientCode, progress, token);
    }
}
