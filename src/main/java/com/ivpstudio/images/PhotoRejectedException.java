package com.ivpstudio.images;

import java.util.Objects;

/**
 * An upload was refused. {@link #getMessage()} is written for the end user and can be shown as is; it never
 * contains file content or internal details (those are only in the cause, for logs).
 */
public class PhotoRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the upload was refused. */
    public enum Reason {
        EMPTY,
        TOO_LARGE,
        UNSUPPORTED_FORMAT,
        TOO_MANY_PIXELS,
        CORRUPT
    }

    static final String CORRUPT_MESSAGE = "The image file is damaged or incomplete.";

    private final Reason reason;

    public PhotoRejectedException(Reason reason, String message) {
        this(reason, message, null);
    }

    public PhotoRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    static PhotoRejectedException corrupt(String detail) {
        return new PhotoRejectedException(Reason.CORRUPT, CORRUPT_MESSAGE, new IllegalArgumentException(detail));
    }

    static PhotoRejectedException corrupt(Throwable cause) {
        return new PhotoRejectedException(Reason.CORRUPT, CORRUPT_MESSAGE, cause);
    }
}
