package com.ivpstudio.models;

import java.util.List;

/**
 * The result of an upload: every check in order (the upload itself, the zip's safety, then exactly the checks of
 * the inference loader), and the registered bundle when accepted.
 *
 * @param bundle     the registered bundle, or null when refused
 * @param message    one sentence in English, for the audit trail and the log
 * @param messageKey the same sentence for the administrator, as a translation key with {@code params}; null when
 *                   {@code message} is already in the reader's language
 */
public record UploadOutcome(List<Check> checks, ModelBundle bundle, String message, long millis, String messageKey,
        List<String> params) {

    /** One check with its result. */
    public record Check(String name, boolean passed, String message) {
    }

    public UploadOutcome {
        checks = List.copyOf(checks);
        params = List.copyOf(params);
    }

    /** An outcome whose message is already written in the reader's language. */
    public UploadOutcome(List<Check> checks, ModelBundle bundle, String message, long millis) {
        this(checks, bundle, message, millis, null, List.of());
    }

    public boolean accepted() {
        return bundle != null;
    }
}
