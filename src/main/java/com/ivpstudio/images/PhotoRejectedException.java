package com.ivpstudio.images;

import java.util.Arrays;
import java.util.Objects;

/**
 * An upload was refused. The text for the user is a translation key with parameters ({@link #messageKey()},
 * {@link #params()}), turned into the user's language at the screen; {@link #getMessage()} is the key and the
 * parameters, for logs. Neither ever contains file content or internal details (those are only in the cause).
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

    private static final String KEYS = "casepage.upload.refused.";

    private final Reason reason;
    private final String messageKey;
    private final transient Object[] params;

    private PhotoRejectedException(Reason reason, Throwable cause, String messageKey, Object... params) {
        super(messageKey + " " + Arrays.toString(params), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.messageKey = messageKey;
        this.params = params.clone();
    }

    public Reason reason() {
        return reason;
    }

    /** The translation key of the text for the user. */
    public String messageKey() {
        return messageKey;
    }

    /** The parameters of {@link #messageKey()}: numbers, so that the screen formats them in the user's language. */
    public Object[] params() {
        return params.clone();
    }

    static PhotoRejectedException empty() {
        return new PhotoRejectedException(Reason.EMPTY, null, KEYS + "empty");
    }

    /** A file whose size is known: "too large (25.1 MB); the maximum is 25 MB". */
    static PhotoRejectedException tooLarge(long bytes, long maxBytes) {
        FileSize size = FileSize.roundedUp(bytes);
        FileSize max = FileSize.of(maxBytes);
        return new PhotoRejectedException(Reason.TOO_LARGE, null, KEYS + "too-large", size.amount(), size.unit(),
                max.amount(), max.unit());
    }

    /** A file refused while streaming, before its whole size is known. */
    static PhotoRejectedException overLimit(long maxBytes) {
        FileSize max = FileSize.of(maxBytes);
        return new PhotoRejectedException(Reason.TOO_LARGE, null, KEYS + "over-limit", max.amount(), max.unit());
    }

    /** @param looksLike what the file seems to be ({@link ImageHeaderReader#describeUnsupported}), or null */
    static PhotoRejectedException unsupported(String looksLike) {
        return looksLike == null
                ? new PhotoRejectedException(Reason.UNSUPPORTED_FORMAT, null, KEYS + "unsupported")
                : new PhotoRejectedException(Reason.UNSUPPORTED_FORMAT, null, KEYS + "unsupported." + looksLike);
    }

    static PhotoRejectedException tooManyPixels(long width, long height, long maxPixels) {
        return new PhotoRejectedException(Reason.TOO_MANY_PIXELS, null, KEYS + "too-many-pixels", width, height,
                width * height, maxPixels);
    }

    static PhotoRejectedException corrupt(String detail) {
        return corrupt(new IllegalArgumentException(detail));
    }

    static PhotoRejectedException corrupt(Throwable cause) {
        return new PhotoRejectedException(Reason.CORRUPT, cause, KEYS + "corrupt");
    }
}
