package com.ivpstudio.common;

/**
 * An error whose message is written for the person at the screen (what went wrong and what to do). Anything else
 * is shown only as a generic message with a reference.
 */
public class UserFacingException extends RuntimeException {

    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }

    public static UserFacingException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserFacingException u) {
                return u;
            }
        }
        return null;
    }
}
