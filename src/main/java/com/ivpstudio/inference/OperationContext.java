package com.ivpstudio.inference;

import java.util.Objects;

/**
 * Per-call settings that do not change the pixels' content: the patient code drawn on the images (may be null),
 * the progress listener and the cancellation token. An interpolation towards another patient's photo also names that
 * patient ({@code endPatientCode}): its frames nearer the end carry that code instead, in the mark and provenance.
 * {@code mark} is the word of the "simulated" mark in the reader's language (null: the English {@link #ENGLISH_MARK});
 * the engine knows no languages, so the screen or service that shows the images passes it in.
 */
public record OperationContext(String patientCode, ProgressListener progress, CancellationToken cancellation,
        String endPatientCode, String mark) {

    /** The mark every image had before marks followed the reader's language; images with it name no mark. */
    public static final String ENGLISH_MARK = "SIMULATED";

    public OperationContext {
        progress = Objects.requireNonNullElse(progress, ProgressListener.NONE);
        cancellation = Objects.requireNonNullElse(cancellation, CancellationToken.NONE);
        if (patientCode != null && patientCode.isBlank()) {
            patientCode = null;
        }
        if (endPatientCode != null && endPatientCode.isBlank()) {
            endPatientCode = null;
        }
        mark = markOrNull(mark);
    }

    public OperationContext(String patientCode, ProgressListener progress, CancellationToken cancellation,
            String endPatientCode) {
        this(patientCode, progress, cancellation, endPatientCode, null);
    }

    public OperationContext(String patientCode, ProgressListener progress, CancellationToken cancellation) {
        this(patientCode, progress, cancellation, null);
    }

    /**
     * A mark word as images and provenance name it: null for the English mark (so English images stay exactly as
     * they always were), else the word stripped.
     */
    public static String markOrNull(String word) {
        if (word == null || word.isBlank() || word.strip().equals(ENGLISH_MARK)) {
            return null;
        }
        return word.strip();
    }

    public static OperationContext none() {
        return new OperationContext(null, null, null);
    }

    public static OperationContext forPatient(String patientCode) {
        return new OperationContext(patientCode, null, null);
    }

    public OperationContext withProgress(ProgressListener listener) {
        return new OperationContext(patientCode, listener, cancellation, endPatientCode, mark);
    }

    public OperationContext withCancellation(CancellationToken token) {
        return new OperationContext(patientCode, progress, token, endPatientCode, mark);
    }

    /** The same call, walking towards a photo of the patient {@code endPatientCode} (an interpolation). */
    public OperationContext walkingTo(String endPatientCode) {
        return new OperationContext(patientCode, progress, cancellation, endPatientCode, mark);
    }

    /** The same call, its images marked with {@code word} (the reader's word for "simulated"; null: English). */
    public OperationContext markedAs(String word) {
        return new OperationContext(patientCode, progress, cancellation, endPatientCode, word);
    }

    /**
     * Whose image a frame at interpolation position {@code t} is: the end patient's from past the midpoint, else
     * the patient's (also for every image that is no interpolation frame, {@code t == null}).
     */
    public String patientCodeAt(Double t) {
        return t != null && endPatientCode != null && isNearerTheEnd(t) ? endPatientCode : patientCode;
    }

    /** Past the midpoint a walk's frame is nearer its end photo than its start photo. */
    public static boolean isNearerTheEnd(double t) {
        return t > 0.5;
    }
}
