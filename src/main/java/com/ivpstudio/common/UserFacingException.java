package com.ivpstudio.common;

import java.util.function.BiFunction;

/**
 * An error whose message is written for the person at the screen (what went wrong and what to do). Anything else
 * is shown only as a generic message with a reference. A service that knows no locale throws it with a translation
 * key ({@link #withKey}); the screen turns it into the user's language with {@link #text}.
 */
public class UserFacingException extends RuntimeException {

    private static final Object[] NO_PARAMS = new Object[0];

    private final String messageKey;
    private final transient Object[] params;

    public UserFacingException(String message) {
        this(message, null, null, NO_PARAMS);
    }

    public UserFacingException(String message, Throwable cause) {
        this(message, cause, null, NO_PARAMS);
    }

    /** A message for logs (never shown) and, for the screen, the translation {@code messageKey} with {@code params}. */
    protected UserFacingException(String message, Throwable cause, String messageKey, Object[] params) {
        super(message, cause);
        this.messageKey = messageKey;
        this.params = params;
    }

    /** An error whose text is the translation {@code key} with {@code params}; its message (for logs) is the key. */
    public static UserFacingException withKey(String key, Object... params) {
        return withKey((Throwable) null, key, params);
    }

    /** As {@link #withKey(String, Object...)}, keeping what caused it (for logs). */
    public static UserFacingException withKey(Throwable cause, String key, Object... params) {
        return new UserFacingException(key, cause, key, params == null ? NO_PARAMS : params.clone());
    }

    /** The translation key of the text for the screen, or null when the message is the text. */
    public String messageKey() {
        return messageKey;
    }

    /** The text for the screen: the translation of the key when there is one, else the message as written. */
    public String text(BiFunction<String, Object[], String> translate) {
        return messageKey == null ? getMessage() : translate.apply(messageKey, params.clone());
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
