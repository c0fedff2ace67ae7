package com.ivpstudio.models;

import java.util.List;

/**
 * The result of an upload: every check in order (the upload itself, the zip's safety, then exactly the checks of
 * the inference loader), and the registered bundle when accepted.
 *
 * @param bundle  the registered bundle, or null when refused
 * @param message one sentence for the administrator
 */
public record UploadOutcome(List<Check> checks, ModelBundle bundle, String message, long millis) {

    /** One check with its result. */
    public record Check(String name, boolean passed, String message) {
    }

    public UploadOutcome {
        checks = List.copyOf(checks);
    }

    public boolean accepted() {
        return bundle != null;
    }
}
