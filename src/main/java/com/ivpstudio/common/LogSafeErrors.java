package com.ivpstudio.common;

/**
 * Errors as they may be logged: exception messages can quote user input (names, prompts, file names), so only the
 * exception types and stack frames are kept.
 */
public final class LogSafeErrors {

    private LogSafeErrors() {
    }

    public static Throwable withoutMessages(Throwable error) {
        Throwable copy = new Throwable(error.getClass().getName());
        copy.setStackTrace(error.getStackTrace());
        if (error.getCause() != null && error.getCause() != error) {
            copy.initCause(withoutMessages(error.getCause()));
        }
        return copy;
    }
}
